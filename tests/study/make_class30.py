"""Write the class of ``tests/study/data/class30`` (run once; the files are committed).

Thirty worksheets of two groups, then six that try the gradebook and one thin piece of work: a third
group with a broken file, an id number given to two different people, names
a spreadsheet would read as formulas, and students without an id number.
``expected.yaml`` lies in the same folder and is itself the YAML file that is
not a worksheet, as instructors' notes often lie beside the submissions.

The worksheets are written as students write them: block-style YAML by hand,
comments left from the skeleton, Russian, Kazakh and English text, and the
usual slips: a broken file, the wrong case, an old revision of the case, a
copied worksheet, one rewritten from a neighbour's, scores left out, template
text left in, a typo in an actor id, the guide's old one-line style with a
comma in the text. ``expected.yaml`` says what a review must make of each
file; the tests read it, not the review code.

    python -m tests.study.make_class30
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parent / "data" / "class30"
CASE = "ozerny-service-centre"
REVISION = "2026-11-22"

TEXT = {
    "ru": {
        "ivanov": "Операторы тратят треть смены на обучение жителей цифровым услугам вместо приёма заявлений.",
        "villagers": "Поездка в райцентр за простой справкой отнимает у жителя полдня и деньги.",
        "sidorov": "Аким боится, что жалобы на очереди станут главной темой отчётной встречи.",
        "operators": "Операторы устают от шума в зале и не успевают на обед.",
        "petrov": "Инженер один обслуживает все терминалы и не успевает их чинить.",
        "kuznetsova": "У филиала нет свободных штатных единиц для всех районов сразу.",
        "contradiction": "Время операторов ограничено штатом, а жителям не хватает знаний о портале.",
        "task": "Перенести обучение жителей цифровым услугам из зала в сёла.",
        "what": "выездные занятия по порталу и ЭЦП", "when": "с марта по май", "where": "в сельских акиматах",
        "how_much": "по два выезда в каждое село",
        "s1": "Выездные дни вместе с акиматами сёл по графику.",
        "s2": "Обучать жителей по видеосвязи из зала ЦОН.",
        "s3": "Просить у филиала двух дополнительных операторов.",
        "risk": "Аким может не дать помещения вовремя.",
        "reason_good": "Очередь в зале станет короче.", "reason_mid": "Помогает отчасти.",
        "reason_bad": "Ничего не меняет для жителей.",
        "defence": "Выбираю выездные дни: выигрывают и жители, и ЦОН.",
        "task2": "Разгрузить зал в часы пик записью на приём через портал.",
        "s4": "Открыть предварительную запись на утренние часы.",
    },
    "kk": {
        "ivanov": "Операторлар ауысымның үштен бірін тұрғындарды цифрлық қызметтерге үйретуге жұмсайды.",
        "villagers": "Аудан орталығына қарапайым анықтама үшін бару тұрғынның жарты күнін алады.",
        "sidorov": "Әкім кезек туралы шағымдар есеп беру кездесуінің басты тақырыбы болады деп қорқады.",
        "operators": "Операторлар залдағы шудан шаршайды.",
        "petrov": "Инженер барлық терминалдарға жалғыз қызмет көрсетеді.",
        "kuznetsova": "Филиалда барлық аудандарға бос штат бірліктері жоқ.",
        "contradiction": "Операторлардың уақыты штатпен шектеулі, ал тұрғындарға портал туралы білім жетпейді.",
        "task": "Тұрғындарды цифрлық қызметтерге үйретуді залдан ауылдарға көшіру.",
        "what": "портал мен ЭЦҚ бойынша көшпелі сабақтар", "when": "наурыздан мамырға дейін",
        "where": "ауылдық әкімдіктерде", "how_much": "әр ауылға екі рет",
        "s1": "Ауыл әкімдіктерімен бірге кесте бойынша көшпелі күндер.",
        "s2": "Тұрғындарды ХҚКО залынан бейнебайланыс арқылы үйрету.",
        "s3": "Филиалдан қосымша екі оператор сұрау.",
        "risk": "Әкім бөлмені уақытында бермеуі мүмкін.",
        "reason_good": "Залдағы кезек қысқарады.", "reason_mid": "Ішінара көмектеседі.",
        "reason_bad": "Тұрғындар үшін ештеңе өзгермейді.",
        "defence": "Көшпелі күндерді таңдаймын: тұрғындар да, ХҚКО да ұтады.",
        "task2": "Қарбалас сағаттарда залды портал арқылы алдын ала жазылумен жеңілдету.",
        "s4": "Таңғы сағаттарға алдын ала жазылуды ашу.",
    },
    "en": {
        "ivanov": "Operators spend a third of each shift teaching residents digital services instead of taking applications.",
        "villagers": "A trip to the district centre for a simple certificate costs a resident half a day.",
        "sidorov": "The akim fears queue complaints will dominate his report meeting.",
        "operators": "Operators are worn out by the noise in the hall.",
        "petrov": "One engineer maintains every terminal and cannot keep up with repairs.",
        "kuznetsova": "The regional branch has no free staff positions for all districts.",
        "contradiction": "Operators' time is capped by the staff plan, while residents lack knowledge of the portal.",
        "task": "Move the teaching of digital services out of the hall and into the villages.",
        "what": "visiting lessons on the portal and e-signatures", "when": "from March to May",
        "where": "in the village akimats", "how_much": "two visits to each village",
        "s1": "Visiting days with the village akimats on an agreed schedule.",
        "s2": "Teach residents by video link from the service centre hall.",
        "s3": "Ask the branch for two extra operators.",
        "risk": "The akim may not provide rooms in time.",
        "reason_good": "The queue in the hall gets shorter.", "reason_mid": "Helps in part.",
        "reason_bad": "Changes nothing for the residents.",
        "defence": "I choose visiting days: both residents and the centre gain.",
        "task2": "Relieve the hall at peak hours with booking through the portal.",
        "s4": "Open advance booking for the morning hours.",
    },
}

# Other ways students put the same thing, so that only copied worksheets read alike.
VARIANTS = {
    "ru": {
        "ivanov": ["Треть рабочего времени операторов уходит на объяснение портала, а не на заявления.",
                   "Вместо приёма заявлений операторы учат посетителей пользоваться порталом.",
                   "Руководитель ЦОН теряет время операторов на консультации по ЭЦП."],
        "villagers": ["Жителям дальних сёл дорого и долго ездить в райцентр.",
                      "Сельчане тратят целый день на дорогу ради одной услуги.",
                      "Для жителя села поездка в ЦОН — это отгул и бензин."],
        "contradiction": ["Операторов мало по штату, а жители не умеют пользоваться порталом.",
                          "Штат не растёт, а незнание портала съедает время зала.",
                          "Времени у зала нет, потому что у жителей нет информации."],
        "s1": ["Ездить в сёла по графику, который согласуем с сельскими акимами.",
               "Проводить дни ЦОН в сёлах вместе с акиматами.",
               "Договориться с акиматами о выездных занятиях раз в две недели."],
        "s2": ["Вести онлайн-уроки для жителей из зала.", "Записать видеоуроки и раздать их в сёлах.",
               "Консультировать сёла по видеосвязи по пятницам."],
        "s3": ["Попросить у филиала ещё двух операторов.", "Добиться от области новых ставок.",
               "Написать в филиал о нехватке людей."],
        "defence": ["Выездные дни снимают очередь и помогают жителям, поэтому выбираю их.",
                    "Моё решение — работать с акиматами: это дешевле новых ставок.",
                    "Сотрудничество с сёлами даёт результат уже весной."],
        "sidorov": ["Акиму нужен отчёт без жалоб на ЦОН к лету.", "Жалобы сельчан попадают прямо к акиму района.",
                    "Аким района отвечает перед жителями за очереди."],
        "operators": ["В зале шумно, операторы ошибаются в заявлениях.", "Операторы работают без перерыва.",
                      "Операторы не успевают и консультировать, и принимать документы."],
        "petrov": ["Терминалы ломаются, а запчастей ждут неделями.", "Электронная очередь часто зависает.",
                   "Инженер не успевает обучать операторов новым программам."],
        "kuznetsova": ["Филиал делит скудный штат между районами.", "Директору филиала не дают новых ставок.",
                       "Область требует сократить очереди без новых денег."],
        "what": ["занятия по порталу в сёлах", "обучение ЭЦП на месте", "практикум по электронным услугам"],
        "when": ["весной", "в марте и апреле", "до отчётной встречи в июне"],
        "where": ["в школах сёл", "в клубах сёл", "в здании акимата"],
        "how_much": ["восемь выездов", "один выезд в неделю", "двенадцать занятий"],
        "risk": ["Не будет машины для выезда.", "Жители не придут на занятия.", "Операторов не отпустят из зала."],
        "reason_good": ["Зал разгрузится.", "Ожидание сократится заметно.", "Главная цель достигается прямо."],
        "reason_mid": ["Эффект небольшой.", "Польза есть, но не сразу.", "Отчасти помогает жителям."],
        "reason_bad": ["Жители ничего не выиграют.", "Это против ценности.", "Станет только хуже."],
    },
    "kk": {
        "ivanov": ["Операторлар өтініш қабылдаудың орнына порталды түсіндіреді.",
                   "ХҚКО басшысы операторлардың уақытын ЭЦҚ кеңестеріне жоғалтады."],
        "s1": ["Ауыл әкімдерімен келісілген кесте бойынша ауылдарға бару.",
               "Әкімдіктермен бірге ауылдарда ХҚКО күндерін өткізу."],
        "defence": ["Көшпелі күндер кезекті азайтады, сондықтан соларды таңдаймын.",
                    "Әкімдіктермен жұмыс жаңа штаттан арзан."],
        "villagers": ["Ауыл тұрғындарына аудан орталығына бару қымбат.", "Ауылдан жол бір күнді алады."],
        "sidorov": ["Әкімге шағымсыз есеп керек.", "Тұрғындардың шағымдары әкімге жетеді."],
        "operators": ["Залда шу, операторлар қателеседі.", "Операторлар үзіліссіз жұмыс істейді."],
        "contradiction": ["Штат өспейді, ал порталды білмеу залдың уақытын алады.",
                          "Залда уақыт жоқ, себебі тұрғындарда ақпарат жоқ."],
        "reason_good": ["Зал босайды.", "Күту уақыты азаяды."],
        "risk": ["Көлік болмауы мүмкін.", "Тұрғындар келмеуі мүмкін."],
    },
    "en": {
        "ivanov": ["Instead of taking applications, operators explain the portal to visitors."],
        "s1": ["Hold service-centre days in the villages together with the akimats."],
        "defence": ["Working with the akimats is cheaper than new staff, so I choose it."],
        "villagers": ["Villagers lose a working day travelling to the centre.", "The trip to town is long and costly."],
        "contradiction": ["Staff numbers are fixed while residents do not know the portal.",
                          "The hall has no time because residents have no information."],
        "reason_good": ["The hall empties.", "Waiting drops quickly."],
        "reason_mid": ["A small effect.", "Some help, later."],
        "risk": ["There may be no car for the visits.", "Residents may not come."],
        "sidorov": ["The akim wants a report without complaints.", "Complaints reach the akim directly."],
        "operators": ["The hall is noisy and operators make mistakes.", "Operators work without breaks."],
        "s2": ["Record video lessons and hand them out in villages.", "Consult villages by video on Fridays."],
        "what": ["portal lessons in the villages", "e-signature training on site"],
    },
}

# Answers to the reflection questions of steps 12 and 19, by the students who wrote some (file -> two answers).
REFLECTION = {
    "01-21001.yaml": ("Сначала записала проблемы одного Иванова; потом добавила жителей и акима.",
                      "Оценка «+2» для выездных дней завышена: риск с помещениями я не учла."),
    "11-21007.yaml": ("Алдымен тек операторлардың мәселесін жаздым, кейін әкімді қостым.",
                      "Бейнебайланыс шешімін тым жоғары бағаладым, ауылда интернет әлсіз."),
    "14-21009.yaml": ("At first every problem was the centre's; I rewrote two from the villagers' side.",
                      "I scored the extra operators too low: the branch may still find one position."),
    "26-team.yaml": ("Спорили, чья это боль; решили, что жителей, а не оператора.",
                     "Стратегию уклонения сначала оценили выше, потом поняли, что очередь останется."),
}

STRATEGY = {"s1": ["cooperation"], "s2": ["avoidance", "dissolution"], "s3": ["rivalry"], "s4": ["compromise"]}
TARGETS = {"s1": ["sidorov", "villagers"], "s2": ["villagers"], "s3": ["kuznetsova"], "s4": ["villagers"]}


@dataclass
class Student:
    """One worksheet of the class and what a review must make of it."""

    file: str
    names: list[tuple[str, str]]
    group: str = "ГМУ-21"
    lang: str = "ru"
    owner: str = "ivanov"
    between: tuple[str, str] = ("time", "information")
    owners: tuple[str, ...] = ("ivanov", "villagers", "sidorov", "operators", "petrov", "kuznetsova")
    chosen: str = "s1"
    scores: dict[str, tuple[int, int]] = field(default_factory=lambda: {"s1": (2, 2), "s2": (1, 0), "s3": (1, -1)})
    team: str = ""
    status: str = "clean"
    """clean, errors (counted with errors), broken, wrong-case, other-revision."""
    rules: tuple[str, ...] = ()
    """Rules that must be among the worksheet's findings."""
    copy_of: str = ""
    """Another file this one copies (identical) or rewrites (near-identical)."""
    edit: str = ""
    """A slip to put in: broken-yaml, flow-comma, wrong-case, old-revision, partial, no-scores,
    placeholders, typo, near-copy."""


def _q(text: str) -> str:
    return text if ":" not in text and not text.startswith(("«", "<", "'", '"', "@")) else '"' + text + '"'


def worksheet_text(s: Student, voice: int = 0) -> str:
    """The worksheet as the student typed it; ``voice`` picks their own wording."""
    t = dict(TEXT[s.lang])
    rng = random.Random(f"{s.file}-{voice}")
    for slot, options in VARIANTS[s.lang].items():
        t[slot] = rng.choice([t.get(slot, ""), *options])
    case = "almaty-city-diplomacy" if s.edit == "wrong-case" else CASE
    revision = "2026-09-01" if s.edit == "old-revision" else REVISION
    lines = [
        "# yaml-language-server: $schema=../../../../schemas/worksheet.schema.json",
        "keykis: 1", "worksheet:", f"  case: {case}", f"  revision: {revision}", "  students:",
    ]
    for name, sid in s.names:
        lines += [f"    - name: {_q(name)}", *([f"      id: '{sid}'"] if sid else [])]
    if s.team:
        lines.append(f"  team: {_q(s.team)}")
    thin = s.edit == "thin"
    lines += [f"  group: {s.group}", "  date: 2026-12-01", f"  language: {s.lang}", "", "matrix:",
              "  # Шаг 12. Поле проблем" if s.lang == "ru" else "  # Step 12", "  problems:", "    chosen: p1",
              "    items:"]
    owners = [s.owner] if thin else [s.owner, *[o for o in s.owners if o != s.owner]]
    for n, owner in enumerate(owners, 1):
        shown = "ivnov" if s.edit == "typo" and owner == "ivanov" else owner
        lines += [f"      - id: p{n}", f"        owner: {shown}", f"        text: {_q(t[owner])}"]
        if n == 1:
            contradiction = t["contradiction"]
            if s.edit == "flow-comma":
                lines += [f"        resources: [{s.between[0]}, {s.between[1]}]",
                          f"        contradiction: {{text: {contradiction.replace(':', '')}, between: "
                          f"[{s.between[0]}, {s.between[1]}]}}"]
                continue
            if s.edit == "placeholders":
                contradiction = "«...»"
            lines += ["        resources:", *[f"          - {r}" for r in s.between], "        contradiction:",
                      f"          text: {_q(contradiction)}", "          between:",
                      *[f"            - {r}" for r in s.between]]
    task = t["task"]
    if s.edit == "near-copy":
        task = task.replace("сёла", "отдалённые сёла")
    lines += ["  tasks:", "    chosen: t1", "    items:", "      - id: t1", "        problem: p1",
              f"        text: {_q(task)}", f"        what: {_q(t['what'])}", "        who: ivanov",
              f"        when: {_q(t['when'])}", f"        where: {_q(t['where'])}",
              f"        how_much: {_q(t['how_much'])}"]
    if not thin:
        lines += ["      - id: t2", "        problem: p1", f"        text: {_q(t['task2'])}"]
    lines += ["  solutions:", f"    chosen: {s.chosen}", "    items:"]
    for sid in ("s1",) if thin else ("s1", "s2", "s3", "s4"):
        targets = ["vilagers" if s.edit == "typo" and a == "villagers" else a for a in TARGETS[sid]]
        task_of = "t2" if sid == "s4" else "t1"
        lines += [f"      - id: {sid}", f"        task: {task_of}", f"        text: {_q(t[sid])}", "        strategy:",
                  *[f"          - {x}" for x in STRATEGY[sid]], "        directed_at:",
                  *[f"          - {a}" for a in targets]]
        if sid == "s1":
            lines.append(f"        risks: {_q(t['risk'])}")
    lines += ["", "decision:"]
    if s.edit == "no-scores":
        lines += ["  scores: {}"]
    else:
        lines.append("  scores:")
        for sid, (g, v) in {**s.scores, "s4": (1, 0)}.items():
            if (s.edit == "partial" or thin) and sid != "s1":
                continue
            lines.append(f"    {sid}:")
            for cid, score in (("g1", g), ("v1", v)):
                if s.edit == "partial" and cid == "v1":
                    continue
                reason = t["reason_good"] if score > 1 else t["reason_mid"] if score >= 0 else t["reason_bad"]
                if s.edit == "placeholders" and cid == "v1":
                    reason = "<why>"
                lines += [f"      {cid}:", f"        score: {score}", *([] if thin else [f"        reason: {_q(reason)}"])]
    best = max(s.scores, key=lambda k: sum(s.scores[k]))
    if s.chosen != best:
        lines.append(f"  choice_reason: {_q(t['defence'])}")
    lines += [""] if thin else ["", f"defence: {_q(t['defence'])}", ""]
    if s.file in REFLECTION:
        first, second = REFLECTION[s.file]
        lines += ["reflection:", "  problems:", "    q1:", f"      note: {_q(first)}", "  decision_matrix:",
                  "    q1:", f"      note: {_q(second)}", ""]
    text = "\n".join(lines)
    if s.edit == "broken-yaml":
        text = text.replace("    chosen: p1\n", "    chosen: p1\n\titems_extra: [\n", 1)
    return text


def the_class() -> list[Student]:
    """Thirty students of two groups."""
    ru = [("Айгерим Нурланова", "21001"), ("Данияр Беков", "21002"), ("Ержан Оспанов", "21003"),
          ("Алия Касымова", "21004"), ("Мадина Ахметова", "21005"), ("Тимур Сериков", "21006"),
          ("Дана Жумабаева", "22001"), ("Руслан Ким", "22002"), ("Асель Муканова", "22003"),
          ("Ильяс Абдрахманов", "22004")]
    out = [Student(f"{i + 1:02d}-{sid}.yaml", [(n, sid)], group="ГМУ-21" if sid.startswith("21") else "ГМУ-22")
           for i, (n, sid) in enumerate(ru)]
    out[3].chosen = "s2"                                                       # chooses with a reason
    out[4].owner, out[4].between = "villagers", ("space", "energy")
    out[5].scores = {"s1": (1, 2), "s2": (0, 0), "s3": (2, -2)}
    out[6].scores = {"s1": (2, 1), "s2": (-1, 0), "s3": (0, -1)}
    out[7].owner, out[7].between = "sidorov", ("information", "human")
    kk = [("Нұрсұлтан Әбенов", "21007"), ("Жанар Сейітова", "21008"), ("Әлібек Тұрсынов", "22005")]
    out += [Student(f"{len(out) + i + 1:02d}-{sid}.yaml", [(n, sid)], lang="kk",
                    group="ГМУ-21" if sid.startswith("21") else "ГМУ-22") for i, (n, sid) in enumerate(kk)]
    en = [("Sara Iskakova", "21009"), ("Arman Dzhaksybekov", "22006")]
    out += [Student(f"{len(out) + i + 1:02d}-{sid}.yaml", [(n, sid)], lang="en",
                    group="ГМУ-21" if sid.startswith("21") else "ГМУ-22") for i, (n, sid) in enumerate(en)]
    slips = [
        ("Бекзат Омаров", "21010", "broken-yaml", "broken", ("file",)),
        ("Гульнар Сагинтаева", "21011", "flow-comma", "errors", ("unknown-key",)),
        ("Олжас Нурпеисов", "21012", "wrong-case", "wrong-case", ("worksheet-case",)),
        ("Камила Ибраева", "21013", "old-revision", "other-revision", ("worksheet-revision",)),
        ("Диас Курманов", "22007", "partial", "clean", ("decision-incomplete",)),
        ("Aru Temirkhanova", "22008", "no-scores", "errors", ("worksheet-scores-missing",)),
        ("Самал Ержанова", "22009", "placeholders", "errors", ("worksheet-placeholder",)),
        ("Ерболат Жаксылыков", "22010", "typo", "errors", ("unresolved-id",)),
    ]
    for name, sid, edit, status, rules in slips:
        out.append(Student(f"{len(out) + 1:02d}-{sid}.yaml", [(name, sid)], edit=edit, status=status, rules=rules,
                           group="ГМУ-21" if sid.startswith("21") else "ГМУ-22",
                           lang="en" if name.startswith("Aru") else "ru"))
    out[19].status = "warnings"
    # Copies: one identical to student 02 but for the name, one rewritten from student 03.
    out.append(Student(f"{len(out) + 1:02d}-22011.yaml", [("Максат Уалиев", "22011")], group="ГМУ-22",
                       copy_of="02-21002.yaml"))
    out.append(Student(f"{len(out) + 1:02d}-22012.yaml", [("Айдана Тлеубаева", "22012")], group="ГМУ-22",
                       copy_of="03-21003.yaml", edit="near-copy"))
    out.append(Student(f"{len(out) + 1:02d}-team.yaml", [("Зарина Абилова", "21014"), ("Нурлан Шарипов", "21015")],
                       team="Команда «Север»", owner="villagers", between=("space", "time")))
    out += [Student(f"{len(out) + i + 1:02d}-{sid}.yaml", [(n, sid)], group="ГМУ-22",
                    scores={"s1": (2, 1), "s2": (1, 1), "s3": (0, -1)})
            for i, (n, sid) in enumerate([("Ринат Сулейменов", "22013"), ("Жибек Алиева", "22014"),
                                          ("Артур Пак", "22015")])]
    out.append(Student(f"{len(out) + 1:02d}-21016.yaml", [("Еркежан Бекова", "21016")], lang="kk",
                       owner="sidorov", between=("information", "human")))
    # The gradebook's trials: a third group with a broken file, a duplicate id, formula-like names, no ids.
    out.append(Student("31-23001.yaml", [("Санжар Бейсенов", "23001")], group="ГМУ-23", edit="broken-yaml",
                       status="broken", rules=("file",)))
    out.append(Student("32-23002.yaml", [("Томирис Абенова", "23002")], group="ГМУ-23", owner="villagers"))
    out.append(Student("33-21005.yaml", [("Марат Жунусов", "21005")], group="ГМУ-21", owner="sidorov",
                       between=("information", "human")))
    out.append(Student("34-team.yaml", [("=Арман Тасов", "22016"), ("+Лейла Омарова", "22017")], group="ГМУ-22",
                       team="@Совы", scores={"s1": (2, 1), "s2": (1, 0), "s3": (0, -1)}))
    out.append(Student("35-noid.yaml", [("Бауыржан Сапаров", "")], group="ГМУ-22", owner="operators",
                       between=("time", "human")))
    out.append(Student("36-team.yaml", [("Сая Нуржанова", "21017"), ("Тимур Алиев", "")], group="ГМУ-21",
                       team="Команда «Юг»", owner="villagers", between=("space", "time")))
    # Thin work: one problem, one task, one solution, scores without reasons, no defence.
    out.append(Student("37-21018.yaml", [("Азамат Нуров", "21018")], group="ГМУ-21", edit="thin",
                       status="warnings", rules=("field-fan", "decision-reason", "worksheet-defence")))
    return out


def main() -> None:
    """Write the worksheets and expected.yaml."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    students = the_class()
    assert len(students) == 37, len(students)
    # A team that copied the student guide's worked example, names changed.
    example = (Path(__file__).resolve().parents[2] / "schemas" / "study-example.yaml").read_text(encoding="utf-8")
    copied = example.replace("    - name: Айгерим Нурланова\n      id: \"21001\"\n",
                             "    - name: Ильяс Мусин\n      id: \"21019\"\n    - name: Гаухар Тулеген\n"
                             "      id: \"21020\"\n  team: Команда «Восток»\n")
    expected = []
    texts: dict[str, str] = {}
    for n, s in enumerate(students):
        if s.copy_of and s.edit != "near-copy":
            original = next(o for o in students if o.file == s.copy_of)
            text = texts[s.copy_of]
            for (old, old_id), (new, new_id) in zip(original.names, s.names, strict=True):
                text = text.replace(old, new).replace(f"'{old_id}'", f"'{new_id}'")
            text = text.replace(f"group: {original.group}", f"group: {s.group}")
        elif s.copy_of:
            text = texts[s.copy_of]
            original = next(o for o in students if o.file == s.copy_of)
            for (old, old_id), (new, new_id) in zip(original.names, s.names, strict=True):
                text = text.replace(old, new).replace(f"'{old_id}'", f"'{new_id}'")
            text = text.replace(f"group: {original.group}", f"group: {s.group}")
            text = text.replace("из зала в сёла", "из зала в дальние сёла").replace("по графику", "по общему графику")
        else:
            text = worksheet_text(s, voice=n)
        texts[s.file] = text
        (FOLDER / s.file).write_text(text, encoding="utf-8")
        expected.append({"file": s.file, "students": [n for n, _ in s.names], "ids": [i for _, i in s.names],
                         "group": s.group, "status": s.status, "rules": list(s.rules), "copy_of": s.copy_of,
                         "near": s.edit == "near-copy"})
    assert copied != example
    (FOLDER / "38-team.yaml").write_text(copied, encoding="utf-8")
    expected.append({"file": "38-team.yaml", "students": ["Ильяс Мусин", "Гаухар Тулеген"], "ids": ["21019", "21020"],
                     "group": "ГМУ-21", "status": "clean", "rules": [], "copy_of": "", "near": False,
                     "like": "example"})
    (FOLDER / "expected.yaml").write_text(
        "# What a review must make of each worksheet (written by make_class30.py).\n"
        + yaml.safe_dump(expected, allow_unicode=True, sort_keys=False), encoding="utf-8")


if __name__ == "__main__":
    main()
