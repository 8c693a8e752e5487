"""A new case written in the editor by keyboard alone, in a real terminal (tmux), then checked.

For each language, ``keykis new <slug> --lang <lang>`` writes the skeleton and
``keykis edit`` opens it in tmux (Russian at 80×24, Kazakh at 160×45). Keys are
sent one action at a time, as an author types: the research question (the
title follows it), the abstracts and keywords in three languages, the boundary,
three actors, an object, the product matrix, two relations, the final list of
actors, a fan of three problems with the chosen one's contradiction, two
tasks, four solutions, a value and a goal, the decision grid with a reason for
every score, the chosen solution and why, the metrics, the conclusion and the
final abstracts, a discipline, a reference and the case card. Nothing is
written outside the editor. Then Ctrl+Q, and ``keykis check`` on the case must
exit 0 with no error and no warning. The screen is captured at a few points;
the transcript goes to stdout (or ``--out``).

    python benchmarks/editor_keyboard_run.py --lang ru kk --out /tmp/editor-run.md
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from keykis.pages import pages

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.tmux_terminal import Terminal  # noqa: E402

KEYKIS = Path(sys.executable).with_name("keykis")
PAUSE = 0.3
SLOW = 1.2
"""Seconds after a key that opens or closes a form or a step (mounting takes a moment on a busy machine)."""
DEBUG = Path(os.environ["KEYKIS_RUN_DEBUG"]) if os.environ.get("KEYKIS_RUN_DEBUG") else None
SIZES = {"ru": (80, 24), "kk": (160, 45), "en": (100, 30)}

# Options in the order the editor lists them (schemas/*.yaml); a choice is made by its position.
KIND = {"person": 1, "group": 2, "organisation": 3}
ENV = {"internal": 1, "external": 2}
RES = ["time", "space", "materials", "energy", "human", "information", "technology", "activity"]
STRATEGY = ["cooperation", "rivalry", "compromise", "avoidance", "accommodation", "dissolution"]
REL = ["supply", "consumption", "production", "regulation", "financing", "control", "subordination",
       "information", "cooperation", "competition", "representation", "service"]

TEXTS: dict[str, dict[str, str]] = {
    "ru": {
        "question": "Может ли директор сельской школы довозить всех учеников к первому уроку одним автобусом?",
        "abstract_ru": "Директор сельской школы должна довезти к первому уроку детей из соседнего аула, а автобус один.",
        "abstract_kk": "Ауыл мектебінің директоры көрші ауылдың балаларын бірінші сабаққа жеткізуі керек, ал автобус біреу.",
        "abstract_en": "A village school head must bring children from the next village to the first lesson with one bus.",
        "keywords_ru": "школьный подвоз; сельская школа; расписание",
        "keywords_kk": "мектеп тасымалы; ауыл мектебі; кесте",
        "keywords_en": "school transport; village school; timetable",
        "theory": "Алгоритм КЕЙКИС из 25 шагов; морфологический веер проблем, задач и решений; матрица решений.",
        "boundary": "Школа: директор, учителя, школьный автобус и его водитель.",
        "difficulty": "Уроки начинаются в восемь, а один автобус успевает сделать только один рейс.",
        "main_name": "Гульнара Ахметова", "main_role": "директор школы",
        "a2": "Учителя первой смены", "a3": "Родители учеников из аула Жанатурмыс",
        "object": "Школьный автобус",
        "product": "Обучение детей по программе основной школы.",
        "models": "Родители работают на фермах и не могут сами возить детей; акимат оплачивает топливо автобуса.",
        "r1": "распределяет уроки", "r2": "просят подвоз",
        "p1": "Один автобус не успевает довезти всех учеников к первому уроку.",
        "c1": "Уроки начинаются в восемь, а автобусу нужно два рейса.",
        "p2": "Учителя первого урока ждут опоздавших учеников.",
        "p3": "Дети из аула выходят из дома в шесть утра.",
        "t1": "Довезти всех учеников к восьми часам одним автобусом.", "t1_what": "расписание двух рейсов",
        "t1_when": "с первого сентября", "t1_where": "между аулом и школой", "t1_much": "два рейса до 7:55",
        "t2": "Сдвинуть начало уроков для детей из аула.",
        "s1": "Первый рейс в 7:00 из аула, второй в 7:30 из посёлка.",
        "s2": "Попросить у акимата второй автобус на осень.",
        "s3": "Дети из аула начинают учиться со второго урока.",
        "s4": "Первый урок для детей из аула идёт онлайн.",
        "time": "Август и сентябрь 2025 года.", "place": "Сельская школа и аул в десяти километрах от неё.",
        "value": "Каждый ребёнок учится с первого урока.", "goal": "Все ученики в классе к восьми часам с сентября.",
        "s1g": "Два рейса успевают к восьми.", "s1v": "Никто не пропускает урок.",
        "s2g": "Второго автобуса может не быть к сентябрю.", "s2v": "Дети приезжают вовремя, если автобус дадут.",
        "s3g": "Часть учеников приходит позже восьми.", "s3v": "Дети из аула теряют первый урок.",
        "reason": "Только два рейса дают результат к сентябрю без новых денег.",
        "obs": "Время прибытия автобуса отмечает дежурный учитель.", "obs_i": "опоздания в неделю",
        "con": "Директор утверждает расписание рейсов и следит за ним.", "con_i": "рейсы по графику",
        "man": "Если рейс опаздывает, директор меняет время выезда.", "man_i": "минуты до звонка",
        "conclusion": "Директор выбрала два рейса одного автобуса. Другие решения, второй автобус и поздний урок, "
                      "остаются запасными.",
        "final_ru": "Директор сельской школы довозит детей двумя рейсами одного автобуса.",
        "final_kk": "Ауыл мектебінің директоры балаларды бір автобустың екі рейсімен жеткізеді.",
        "final_en": "A village school head brings the children in two runs of one bus.",
        "discipline": "Государственное и муниципальное управление", "courses": "Управление образованием",
        "reference": "Алгоритм КЕЙКИС: 25 шагов исследовательского кейса.",
        "thanks": "Автор благодарит учителей школы за рассказ о подвозе.",
        "short": "Один автобус", "author": "Айгерим Нурланова",
    },
    "kk": {
        "question": "Ауыл мектебінің директоры барлық оқушыны бірінші сабаққа бір автобуспен жеткізе ала ма?",
        "abstract_ru": "Директор сельской школы должна довезти к первому уроку детей из соседнего аула, а автобус один.",
        "abstract_kk": "Ауыл мектебінің директоры көрші ауылдың балаларын бірінші сабаққа жеткізуі керек, ал автобус біреу.",
        "abstract_en": "A village school head must bring children from the next village to the first lesson with one bus.",
        "keywords_ru": "школьный подвоз; сельская школа; расписание",
        "keywords_kk": "мектеп тасымалы; ауыл мектебі; кесте",
        "keywords_en": "school transport; village school; timetable",
        "theory": "КЕЙКИС-тің 25 қадамдық алгоритмі; мәселелер, міндеттер мен шешімдердің морфологиялық желпуіші.",
        "boundary": "Мектеп: директор, мұғалімдер, мектеп автобусы және оның жүргізушісі.",
        "difficulty": "Сабақ сегізде басталады, ал бір автобус тек бір рейске үлгереді.",
        "main_name": "Гүлнар Ахметова", "main_role": "мектеп директоры",
        "a2": "Бірінші ауысым мұғалімдері", "a3": "Жаңатұрмыс ауылындағы оқушылардың ата-аналары",
        "object": "Мектеп автобусы",
        "product": "Балаларды негізгі мектеп бағдарламасы бойынша оқыту.",
        "models": "Ата-аналар фермада жұмыс істейді, балаларды өздері тасымайды; әкімдік автобустың жанармайын төлейді.",
        "r1": "сабақтарды бөледі", "r2": "тасымал сұрайды",
        "p1": "Бір автобус барлық оқушыны бірінші сабаққа жеткізіп үлгермейді.",
        "c1": "Сабақ сегізде басталады, ал автобусқа екі рейс керек.",
        "p2": "Бірінші сабақтың мұғалімдері кешіккен оқушыларды күтеді.",
        "p3": "Ауылдың балалары үйден таңғы алтыда шығады.",
        "t1": "Барлық оқушыны сағат сегізге бір автобуспен жеткізу.", "t1_what": "екі рейстің кестесі",
        "t1_when": "бірінші қыркүйектен", "t1_where": "ауыл мен мектеп арасында", "t1_much": "7:55-ке дейін екі рейс",
        "t2": "Ауыл балалары үшін сабақтың басталуын кейінге жылжыту.",
        "s1": "Бірінші рейс ауылдан 7:00-де, екіншісі кенттен 7:30-да.",
        "s2": "Әкімдіктен күзге екінші автобус сұрау.",
        "s3": "Ауыл балалары екінші сабақтан бастап оқиды.",
        "s4": "Ауыл балаларына бірінші сабақ онлайн өтеді.",
        "time": "2025 жылдың тамызы мен қыркүйегі.", "place": "Ауыл мектебі және одан он шақырым жердегі ауыл.",
        "value": "Әр бала бірінші сабақтан бастап оқиды.", "goal": "Қыркүйектен бастап барлық оқушы сағат сегізде сыныпта.",
        "s1g": "Екі рейс сегізге үлгереді.", "s1v": "Ешкім сабақ жібермейді.",
        "s2g": "Екінші автобус қыркүйекке дейін болмауы мүмкін.", "s2v": "Автобус берілсе, балалар уақтылы келеді.",
        "s3g": "Оқушылардың бір бөлігі сегізден кейін келеді.", "s3v": "Ауыл балалары бірінші сабақты жоғалтады.",
        "reason": "Тек екі рейс қосымша ақшасыз қыркүйекке нәтиже береді.",
        "obs": "Автобустың келу уақытын кезекші мұғалім белгілейді.", "obs_i": "аптадағы кешігулер",
        "con": "Директор рейстер кестесін бекітіп, оны қадағалайды.", "con_i": "кесте бойынша рейстер",
        "man": "Рейс кешіксе, директор шығу уақытын өзгертеді.", "man_i": "қоңырауға дейінгі минуттар",
        "conclusion": "Директор бір автобустың екі рейсін таңдады. Басқа шешімдер, екінші автобус пен кейінгі сабақ, "
                      "қосалқы болып қалады.",
        "final_ru": "Директор сельской школы довозит детей двумя рейсами одного автобуса.",
        "final_kk": "Ауыл мектебінің директоры балаларды бір автобустың екі рейсімен жеткізеді.",
        "final_en": "A village school head brings the children in two runs of one bus.",
        "discipline": "Мемлекеттік және жергілікті басқару", "courses": "Білім беруді басқару",
        "reference": "КЕЙКИС алгоритмі: зерттеу кейсінің 25 қадамы.",
        "thanks": "Автор тасымал туралы әңгімелегені үшін мектеп мұғалімдеріне алғыс айтады.",
        "short": "Бір автобус", "author": "Нұрсұлтан Әбенов",
    },
}


class Author:
    """The keys an author presses for each kind of control."""

    def __init__(self, term: Terminal, lang: str) -> None:
        self.t, self.lang = term, lang
        self.page = 1
        self.shots: list[tuple[str, str]] = []

    def shot(self, title: str) -> None:
        time.sleep(1.0)
        self.shots.append((title, self.t.screen()))

    def goto(self, n: int) -> None:
        """Ctrl+N (or Ctrl+B) until page ``n`` (a step 1..25, then the card and the guidelines) is open."""
        while self.page != n:
            self.t.keys("C-n" if self.page < n else "C-b")
            self.page += 1 if self.page < n else -1
            title = pages()[self.page - 1].title[self.lang]
            heading = rf"{self.page}/25 · " if self.page <= 25 else re.escape(title)
            if not self.t.wait_for(heading, 20):
                raise RuntimeError(f"page {self.page} did not open:\n{self.t.screen()}")
        time.sleep(0.5)

    def write(self, text: str) -> None:
        self.t.type(text)

    def lines(self, text: str) -> None:
        """A list typed one item a line (the items of ``text`` are separated by ``; ``)."""
        for n, item in enumerate(text.split("; ")):
            if n:
                self.t.keys("Enter")
            self.write(item)

    def tab(self, n: int = 1) -> None:
        self.t.keys(*["Tab"] * n)

    def back(self, n: int = 1) -> None:
        self.t.keys(*["BTab"] * n)

    def choose(self, position: int) -> None:
        """In a drop-down list: open it, go to the top (the empty choice) and down to ``position``."""
        self.t.keys("Enter")
        if DEBUG:
            DEBUG.joinpath(f"{time.monotonic():.1f}-choose.txt").write_text(self.t.screen(), encoding="utf-8")
        self.t.keys("Home", *["Down"] * position, "Enter")

    def tick(self, options: list[str], *values: str) -> None:
        """In a list to tick (the cursor on its first line): tick ``values``."""
        at = 0
        for i in sorted(options.index(v) for v in values):
            self.t.keys(*["Down"] * (i - at), "space")
            at = i

    def add(self, ident: str) -> None:
        """On a list: add an item; its form opens (titled with the new id)."""
        self.t.keys("a")
        if not self.t.wait_for(rf"· {re.escape(ident)}\b", 20):
            raise RuntimeError(f"the form of {ident} did not open:\n{self.t.screen()}")

    def edit(self, ident: str, title: str | None = None) -> None:
        """On a list, on the item's row: open its form (titled «list · id», or ``title``)."""
        self.t.keys("Enter")
        if not self.t.wait_for(title or rf"· {re.escape(ident)}\b", 20):
            raise RuntimeError(f"the form of {ident} did not open:\n{self.t.screen()}")

    def done(self) -> None:
        """Back from an item's form to the list."""
        self.t.keys("Escape")


def write_case(a: Author, t: dict[str, str]) -> None:
    """Every step of a mini-case, keys only. The comments say where the cursor is."""
    # 1: title (the chosen question fills it), its translations, the field of questions: edit q1.
    a.shot("step 1 opens")
    a.tab(3)                                   # title, titles.kk/ru, titles.en → the questions
    a.edit("q1")
    a.write(t["question"])                     # the form opens in the text
    a.tab()
    a.tick(RES, "time", "materials")
    a.done()
    # 2: drafts of the abstract in three languages (the editor lists them ru, kk, en for every case).
    a.goto(2)
    first, second = "ru", "kk"
    a.write(t[f"abstract_{first}"])
    a.tab(2)
    a.write(t[f"abstract_{second}"])
    a.tab(2)
    a.write(t["abstract_en"])
    # 3: keywords.
    a.goto(3)
    a.lines(t[f"keywords_{first}"])
    a.tab()
    a.lines(t[f"keywords_{second}"])
    a.tab()
    a.lines(t["keywords_en"])
    # 4: theory.
    a.goto(4)
    a.write(t["theory"])
    # 5: the boundary (the main actor is already chosen: the skeleton's 'main').
    a.goto(5)
    a.write(t["boundary"])
    a.tab()
    a.write(t["difficulty"])
    # 6: the main actor's name and role, a second internal actor, an internal object.
    a.goto(6)
    a.edit("main")
    a.write(t["main_name"])
    a.tab(2)                                   # alias, role
    a.write(t["main_role"])
    a.done()
    a.add("a2")
    a.write(t["a2"])                           # name; kind and environment are above it
    a.back()
    a.choose(ENV["internal"])
    a.back()
    a.choose(KIND["group"])
    a.done()
    a.tab()                                    # the objects
    a.add("o1")
    a.write(t["object"])
    a.tab()
    a.choose(ENV["internal"])
    a.tab()
    a.choose(1)                                # owner: main
    a.done()
    # 7: the product matrix: services, main activity.
    a.goto(7)
    a.add("")
    a.write(t["product"])                      # the form opens in the text; product and activity are above it
    a.back(2)
    a.choose(3)                                # product: services
    a.tab()
    a.choose(1)                                # activity: main
    a.done()
    # 8: an external actor and two relations.
    a.goto(8)
    a.add("a3")
    a.write(t["a3"])
    a.back()
    a.choose(ENV["external"])
    a.back()
    a.choose(KIND["group"])
    a.done()
    a.tab(2)                                   # objects → relations
    a.add("r1")
    a.back(3)                                  # the form opens in the label: from, to, type are above it
    a.choose(1)                                # from: main
    a.tab()
    a.choose(2)                                # to: a2
    a.tab()
    a.choose(REL.index("control") + 1)
    a.tab()
    a.write(t["r1"])
    a.done()
    a.add("r2")
    a.back(3)
    a.choose(3)                                # from: a3
    a.tab()
    a.choose(1)                                # to: main
    a.tab()
    a.choose(REL.index("information") + 1)
    a.tab()
    a.write(t["r2"])
    a.done()
    # 9: the external actors' economic models.
    a.goto(9)
    a.write(t["models"])
    # 11: the final list of actors: main is ticked, tick a2 and a3.
    a.goto(11)
    a.t.keys("Down", "space", "Down", "space")
    # 12: the field of problems, three owners; p1 with its resources and contradiction.
    a.goto(12)
    for pid, owner, res in (("p1", 1, ("time", "materials")), ("p2", 2, ("time",)), ("p3", 3, ("time",))):
        a.add(pid)
        a.write(t[pid])
        a.tab()
        a.tick(RES, *res)
        if pid == "p1":
            a.tab()
            a.write(t["c1"])
            a.tab()
            a.tick(RES, "time", "materials")
            a.back(2)                          # back to the problem's resources
        a.back(2)                              # text, owner
        a.choose(owner)
        a.done()
    # 13: p1 is the key problem.
    a.goto(13)
    a.tab()
    a.choose(1)
    # 14: two tasks of p1; t1 with all its parts.
    a.goto(14)
    a.add("t1")
    a.write(t["t1"])
    a.tab()
    a.write(t["t1_what"])
    a.tab()
    a.choose(1)                                # who: main
    a.tab(2)                                   # to whom (left empty) → when
    a.write(t["t1_when"])
    a.tab()
    a.write(t["t1_where"])
    a.tab()
    a.write(t["t1_much"])
    a.tab(4)                                   # means, requirements, report → resources
    a.tick(RES, "time")
    a.back(11)                                 # up to the problem the task decomposes
    a.choose(1)
    a.done()
    a.add("t2")
    a.write(t["t2"])
    a.tab(10)
    a.tick(RES, "time")
    a.back(11)
    a.choose(1)
    a.done()
    # 15: t1 is the chosen task.
    a.goto(15)
    a.tab()
    a.choose(1)
    # 16: time and place.
    a.goto(16)
    a.write(t["time"])
    a.tab()
    a.write(t["place"])
    # 17: one value, one goal.
    a.goto(17)
    a.add("v1")
    a.write(t["value"])
    a.done()
    a.tab()
    a.add("g1")
    a.write(t["goal"])
    a.done()
    # 18: three solutions of t1 and one of t2: strategy, target actors, resource kinds.
    a.goto(18)
    for sid, task, strategy, target, res in (("s1", 1, "cooperation", 3, "time"), ("s2", 1, "cooperation", 3, "materials"),
                                             ("s3", 1, "accommodation", 2, "time"), ("s4", 2, "compromise", 3, "technology")):
        a.add(sid)
        a.write(t[sid])
        a.tab()
        a.tick(STRATEGY, strategy)
        a.tab()
        a.t.keys(*["Down"] * (target - 1), "space")
        a.tab()
        a.tick(RES, res)
        a.back(4)
        a.choose(task)
        a.done()
    # 19: the decision grid: columns g1, v1; each score with its reason.
    a.goto(19)
    scores = {"s1": (2, 2), "s2": (1, 1), "s3": (-1, -1)}
    for sid, (g, v) in scores.items():
        for col, score in ((0, g), (1, v)):
            a.t.keys(*["+" if score > 0 else "-"] * abs(score))
            a.edit("", title=f"{sid} × {'g1' if col == 0 else 'v1'} ·")
            a.write(t[f"{sid}{'g' if col == 0 else 'v'}"])
            a.done()
            if col == 0:
                a.t.keys("Right")
        a.t.keys("Left", "Down")
    a.shot("step 19: the decision grid")
    # 20: s1 is chosen, and why.
    a.goto(20)
    a.tab()
    a.choose(1)
    a.tab()
    a.write(t["reason"])
    # 21: the three metrics, each with an indicator.
    a.goto(21)
    for key in ("obs", "con", "man"):
        a.write(t[key])
        a.tab()
        a.write(t[f"{key}_i"])
        a.tab()
    # 22: the conclusion and the final abstract beside each draft.
    a.goto(22)
    a.write(t["conclusion"])
    a.tab()
    a.write(t[f"final_{first}"])
    a.tab(2)
    a.write(t[f"final_{second}"])
    a.tab(2)
    a.write(t["final_en"])
    a.shot("step 22: the final abstract beside the draft")
    # 23: a discipline and its course.
    a.goto(23)
    a.add("")
    a.write(t["discipline"])
    a.tab()
    a.write(t["courses"])
    a.done()
    # 24: a reference and the acknowledgements.
    a.goto(24)
    a.add("ref1")
    a.write(t["reference"])
    a.done()
    a.tab()
    a.write(t["thanks"])
    # The case card: short title and the author.
    a.goto(26)
    a.write(t["short"])
    a.tab()
    a.edit("")
    a.write(t["author"])
    a.done()
    a.shot("the case card")


def run(lang: str, folder: Path) -> dict[str, object]:
    """One keyboard-only run; return the check's exit code, findings, captures and timings."""
    slug = "one-bus"
    subprocess.run([str(KEYKIS), "new", slug, "--lang", lang], cwd=folder, check=True, capture_output=True)
    width, height = SIZES[lang]
    done = folder / "done"
    term = Terminal(f"keykis-edit-{lang}", f"cd {folder} && {KEYKIS} edit cases/{slug} --lang {lang};"
                    f" touch {done.name}; sleep 600", width=width, height=height, pause=PAUSE, slow=SLOW,
                    slow_keys=("Enter", "C-n", "C-b", "Escape", "a"))
    author = Author(term, lang)
    started = time.monotonic()
    try:
        if not term.wait_for(r"1/25 · ", 30):
            raise RuntimeError(term.screen())
        time.sleep(1.5)
        write_case(author, TEXTS[lang])
        term.keys("C-s")
        time.sleep(2.0)
        term.keys("C-q")
        for _ in range(100):
            if done.exists():
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"the editor did not quit:\n{term.screen()}")
    except RuntimeError as exc:
        author.shots.append(("stopped", str(exc)))
        term.close()
        return {"code": -1, "shots": author.shots, "check": "", "findings": [], "seconds": time.monotonic() - started,
                "yaml": (folder / "cases" / slug / "case.yaml").read_text(encoding="utf-8"), "size": (width, height)}
    finally:
        term.close()
    seconds = time.monotonic() - started
    case = folder / "cases" / slug
    check = subprocess.run([str(KEYKIS), "check", str(case), "--lang", lang], capture_output=True, text=True,
                           check=False, cwd=folder)
    as_json = subprocess.run([str(KEYKIS), "check", str(case), "--lang", lang, "--format", "json"],
                             capture_output=True, text=True, check=False, cwd=folder)
    return {"code": check.returncode, "shots": author.shots, "check": check.stdout + check.stderr,
            "findings": json.loads(as_json.stdout or "[]"), "seconds": seconds,
            "yaml": (case / "case.yaml").read_text(encoding="utf-8"), "size": (width, height)}


def main() -> int:
    """Run each language; print (or write) the transcript; exit 1 unless every check exits 0 without warnings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", nargs="+", default=["ru", "kk"])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="copy each written case.yaml into this folder")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is needed", file=sys.stderr)
        return 2
    lines = ["# A new case in the editor, keyboard only", ""]
    ok = True
    for lang in args.lang:
        with tempfile.TemporaryDirectory(prefix=f"keykis-edit-{lang}-") as tmp:
            result = run(lang, Path(tmp))
        findings = result["findings"]
        assert isinstance(findings, list)
        serious = [f for f in findings if f["severity"] in ("error", "warning")]
        ok = ok and result["code"] == 0 and not serious
        width, height = result["size"]  # type: ignore[misc]
        summary = (f"{lang} at {width}×{height}: keykis check exit {result['code']}, {len(findings)} finding(s) "
                   f"({len(serious)} error(s) or warning(s)), {result['seconds']:.0f} s of typing")
        print(summary, file=sys.stderr)
        lines += [f"## {lang}", "", summary, ""]
        for title, screen in result["shots"]:  # type: ignore[attr-defined]
            lines += [f"### {title}", "", "```text", screen, "```", ""]
        lines += ["### keykis check", "", "```text", str(result["check"]).rstrip(), "```", ""]
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / f"{lang}.yaml").write_text(str(result["yaml"]), encoding="utf-8")
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
