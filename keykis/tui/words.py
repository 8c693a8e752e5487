"""The editor's own words (buttons, notices) in ru, kk and en.

The method's words (steps, prompts, resource kinds) come from ``schemas/``;
these are only the interface's.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "revisit": {"ru": "Изменились данные шага; проверьте шаги: {steps}",
                "kk": "Қадам деректері өзгерді; мына қадамдарды тексеріңіз: {steps}",
                "en": "This step changed; look again at steps: {steps}"},
    "findings": {"ru": "замечаний: {n}, ошибок: {e}", "kk": "ескертулер: {n}, қателер: {e}",
                 "en": "{n} finding(s), {e} error(s)"},
    "saved": {"ru": "Сохранено: {path}", "kk": "Сақталды: {path}", "en": "Saved {path}"},
    "unchanged": {"ru": "Изменений нет: {path}", "kk": "Өзгеріс жоқ: {path}", "en": "No changes to save in {path}"},
    "not_saving": {"ru": "Файл изменён на диске; автосохранение остановлено. Ctrl+S — решить.",
                   "kk": "Файл дискіде өзгерді; автосақтау тоқтатылды. Ctrl+S — шешу.",
                   "en": "The file changed on disk; autosave is paused. Press Ctrl+S to decide."},
    "changed_title": {"ru": "Файл изменён на диске", "kk": "Файл дискіде өзгерді",
                      "en": "The file changed on disk"},
    "changed_body": {"ru": "Кто-то изменил {path}, пока он открыт. Редактор не перезапишет его без вашего решения.",
                     "kk": "{path} ашық тұрғанда біреу оны өзгертті. Редактор сіздің шешіміңізсіз оны қайта жазбайды.",
                     "en": "Someone changed {path} while it was open. The editor will not overwrite it "
                           "unless you say so."},
    "reload": {"ru": "Загрузить с диска", "kk": "Дисктен жүктеу", "en": "Reload from disk"},
    "overwrite": {"ru": "Записать мою версию", "kk": "Менің нұсқамды жазу", "en": "Save my version over it"},
    "keep": {"ru": "Пока продолжить", "kk": "Әзірге жалғастыру", "en": "Keep editing, decide later"},
    "parse_title": {"ru": "Файл кейса не читается", "kk": "Кейс файлы оқылмайды", "en": "The case file cannot be read"},
    "parse_help": {"ru": "e — открыть в $EDITOR · r — попробовать снова · q — выйти",
                   "kk": "e — $EDITOR-да ашу · r — қайта көру · q — шығу",
                   "en": "e — open in $EDITOR · r — try again · q — quit"},
    "start_title": {"ru": "KEYKIS — редактор кейсов", "kk": "KEYKIS — кейс редакторы", "en": "KEYKIS — case editor"},
    "recent": {"ru": "Недавние", "kk": "Соңғылары", "en": "Recent"},
    "in_cases": {"ru": "Кейсы в {folder}", "kk": "{folder} ішіндегі кейстер", "en": "Cases in {folder}"},
    "new_case": {"ru": "Новый кейс: идентификатор (латиница, цифры, -), Enter",
                 "kk": "Жаңа кейс: идентификатор (латын әріптері, сандар, -), Enter",
                 "en": "New case: an id (latin letters, digits, -), then Enter"},
    "none": {"ru": "пока нет", "kk": "әзірге жоқ", "en": "none yet"},
    "render_title": {"ru": "Вёрстка PDF", "kk": "PDF беттеу", "en": "Rendering the PDFs"},
    "render_busy": {"ru": "Вёрстка… экран не блокируется.", "kk": "Беттеу жүріп жатыр…",
                    "en": "Rendering… you can keep reading."},
    "render_done": {"ru": "Готово ({s:.1f} с):", "kk": "Дайын ({s:.1f} с):", "en": "Done ({s:.1f} s):"},
    "render_missing": {"ru": "Вёрстка PDF недоступна в этой установке.",
                       "kk": "Бұл орнатуда PDF беттеу қолжетімсіз.",
                       "en": "PDF rendering is not available in this installation."},
    "views_title": {"ru": "Виды кейса", "kk": "Кейс көріністері", "en": "Views of the case"},
    "fan": {"ru": "Веерная матрица", "kk": "Желпуіш матрица", "en": "Fan matrix"},
    "graph": {"ru": "Граф", "kk": "Граф", "en": "Graph"},
    "morph": {"ru": "Морфологический веер", "kk": "Морфологиялық желпуіш", "en": "Morphological fan"},
    "text": {"ru": "Текст", "kk": "Мәтін", "en": "Text"},
    "close": {"ru": "Закрыть", "kk": "Жабу", "en": "Close"},
}


def say(key: str, lang: str) -> str:
    """The interface's word for ``key`` in ``lang`` (English when missing)."""
    entry = WORDS[key]
    return entry.get(lang) or entry["en"]
