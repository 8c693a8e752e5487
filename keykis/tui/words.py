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
    "changed_title": {"ru": "Файл изменён на диске", "kk": "Файл дискіде өзгерді",
                      "en": "The file changed on disk"},
    "changed_body": {"ru": "Кто-то изменил {path}, пока он открыт. Ваши изменения целы (и в файле восстановления); "
                           "редактор не перезапишет файл без вашего решения.",
                     "kk": "{path} ашық тұрғанда біреу оны өзгертті. Сіздің өзгерістеріңіз сақтаулы (қалпына "
                           "келтіру файлында да); редактор файлды сіздің шешіміңізсіз қайта жазбайды.",
                     "en": "Someone changed {path} while it was open. Your changes are safe (also in the recovery "
                           "file); the editor will not overwrite the file unless you say so."},
    "conflict_bar": {"ru": "⚠ {path} изменён на диске другой программой. Автосохранение на паузе, набранное не "
                           "пропадёт. Ctrl+S — решить.",
                     "kk": "⚠ {path} дискіде басқа бағдарламамен өзгертілді. Автосақтау кідіртілді, терілгені "
                           "жоғалмайды. Ctrl+S — шешу.",
                     "en": "⚠ {path} was changed on disk by another program. Autosave is paused; nothing you type "
                           "is lost. Ctrl+S to decide."},
    "quit_title": {"ru": "Несохранённые изменения", "kk": "Сақталмаған өзгерістер", "en": "Unsaved changes"},
    "quit_body": {"ru": "{path} изменён на диске, а ваши изменения ещё не записаны. Что сделать с ними?",
                  "kk": "{path} дискіде өзгерді, ал сіздің өзгерістеріңіз әлі жазылмаған. Олармен не істеу керек?",
                  "en": "{path} changed on disk and your changes are not written yet. What should happen to them?"},
    "choice_reload": {"ru": "Загрузить с диска (мои изменения пропадут)",
                      "kk": "Дисктен жүктеу (менің өзгерістерім жоғалады)",
                      "en": "Reload from disk (drop my changes)"},
    "choice_overwrite": {"ru": "Записать мою версию поверх", "kk": "Менің нұсқамды үстінен жазу",
                         "en": "Save my version over it"},
    "choice_copy": {"ru": "Сохранить мою версию копией рядом", "kk": "Менің нұсқамды жанына көшірме етіп сақтау",
                    "en": "Save my version as a copy beside it"},
    "choice_keep": {"ru": "Продолжить, решить позже", "kk": "Жалғастыру, кейін шешу",
                    "en": "Keep editing, decide later"},
    "choice_discard": {"ru": "Выйти без моих изменений", "kk": "Менің өзгерістерімсіз шығу",
                       "en": "Quit without my changes"},
    "choice_stay": {"ru": "Вернуться к редактированию", "kk": "Өңдеуге оралу", "en": "Back to editing"},
    "copy_saved": {"ru": "Ваша версия сохранена: {path}", "kk": "Сіздің нұсқаңыз сақталды: {path}",
                   "en": "Your version is saved as {path}"},
    "save_failed": {"ru": "Не удалось сохранить ({error}); изменения остаются в файле восстановления.",
                    "kk": "Сақтау мүмкін болмады ({error}); өзгерістер қалпына келтіру файлында қалады.",
                    "en": "Could not save ({error}); the changes stay in the recovery file."},
    "recover_title": {"ru": "Найдены несохранённые изменения", "kk": "Сақталмаған өзгерістер табылды",
                      "en": "Unsaved changes were found"},
    "recover_body": {"ru": "Редактор был закрыт, не сохранив {n} изм. ({when}). Вернуть их?",
                     "kk": "Редактор {n} өзгерісті сақтамай жабылды ({when}). Оларды қайтару керек пе?",
                     "en": "The editor closed without saving {n} change(s) ({when}). Bring them back?"},
    "recover_changed": {"ru": "Файл с тех пор изменился; изменения будут применены поверх него.",
                        "kk": "Файл содан бері өзгерді; өзгерістер оның үстіне қолданылады.",
                        "en": "The file changed since; the changes will be applied on top of it."},
    "choice_recover": {"ru": "Вернуть изменения", "kk": "Өзгерістерді қайтару", "en": "Bring them back"},
    "choice_drop": {"ru": "Отбросить их", "kk": "Оларды тастау", "en": "Drop them"},
    "recovered": {"ru": "Возвращено изменений: {n}", "kk": "Қайтарылған өзгерістер: {n}",
                  "en": "{n} change(s) brought back"},
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
