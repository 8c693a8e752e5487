"""The study screen's own words in ru, kk and en (the method's words come from ``schemas/``)."""

from __future__ import annotations

from keykis.tui.words import WORDS as EDITOR_WORDS

WORDS: dict[str, dict[str, str]] = {
    "title": {"ru": "Изучение кейса", "kk": "Кейсті зерттеу", "en": "Studying a case"},
    "tab_text": {"ru": "Кейс", "kk": "Кейс", "en": "Case"},
    "tab_actors": {"ru": "Акторы и цели", "kk": "Акторлар мен мақсаттар", "en": "Actors and goals"},
    "tab_fan": {"ru": "Веер", "kk": "Желпуіш", "en": "Fan"},
    "tab_graph": {"ru": "Граф", "kk": "Граф", "en": "Graph"},
    "tab_mine": {"ru": "Моя цепочка", "kk": "Менің тізбегім", "en": "My chain"},
    "tab_who": {"ru": "Кто", "kk": "Кім", "en": "Who"},
    "tab_defence": {"ru": "Защита", "kk": "Қорғау", "en": "Defence"},
    "part_who": {"ru": "Кто выполнил лист", "kk": "Парақты кім орындады", "en": "Who made the worksheet"},
    "prompt_who": {"ru": "Впишите себя (для команды — всех участников), номер студента, если он есть, и группу.",
                   "kk": "Өзіңізді (команда болса — барлық мүшелерді), студент нөмірін (болса) және топты жазыңыз.",
                   "en": "Write yourself (every member, for a team), your student number if there is one, and "
                         "your group."},
    "part_defence": {"ru": "К защите", "kk": "Қорғауға", "en": "For the defence"},
    "prompt_defence": {"ru": "Несколько предложений, которые вы скажете, защищая выбранное решение.",
                       "kk": "Таңдалған шешімді қорғағанда айтатын бірнеше сөйлем.",
                       "en": "A few sentences you will say when defending the chosen solution."},
    "defence": {"ru": "Текст к защите", "kk": "Қорғау мәтіні", "en": "What you will say"},
    "students": {"ru": "Студенты", "kk": "Студенттер", "en": "Students"},
    "team": {"ru": "Команда (если лист командный)", "kk": "Команда (парақ командалық болса)",
             "en": "Team (for a team's worksheet)"},
    "group": {"ru": "Группа", "kk": "Топ", "en": "Group"},
    "saved_text": {"ru": "Лист сохранён", "kk": "Парақ сақталды", "en": "Worksheet saved"},
    "text_mode": {"ru": "Лист не читается как YAML: исправьте текст здесь — формы откроются при следующем запуске.",
                  "kk": "Парақ YAML ретінде оқылмайды: мәтінді осында түзетіңіз — формалар келесі іске қосуда ашылады.",
                  "en": "The worksheet cannot be read as YAML: fix the text here; the forms open the next time."},
    "key_save": {"ru": "Сохранить", "kk": "Сақтау", "en": "Save"},
    "key_check": {"ru": "Проверить", "kk": "Тексеру", "en": "Check"},
    "key_focus_case": {"ru": "Кейс", "kk": "Кейс", "en": "Case"},
    "key_focus_sheet": {"ru": "Лист", "kk": "Парақ", "en": "Worksheet"},
    "key_part": {"ru": "Дальше", "kk": "Келесі", "en": "Next"},
    "key_focus_findings": {"ru": "Замечания", "kk": "Ескертулер", "en": "Findings"},
    "key_quit": {"ru": "Выход", "kk": "Шығу", "en": "Quit"},
}


def say(key: str, lang: str) -> str:
    """A word of the study screen (or of the editor's, which it shares) in ``lang``."""
    entry = WORDS.get(key) or EDITOR_WORDS[key]
    return entry.get(lang) or entry["en"]
