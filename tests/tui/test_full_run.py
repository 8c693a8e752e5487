"""A case written from scratch through all 25 steps by keyboard alone, then checked by the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, SelectionList, TextArea

from keykis.method import method
from keykis.tui.app import make_app
from keykis.tui.screens import editor as editor_module
from keykis.tui.screens.editor import EditorScreen
from keykis.tui.screens.item_editor import ItemEditor
from keykis.tui.widgets.decision import ScoreTable
from keykis.tui.widgets.items import ItemTable
from tests.helpers import run_cli
from tests.tui.conftest import SIZE
from tests.tui.helpers import choose, pick, tab_to, write

TYPED = 6
"""Characters of each text typed key by key; the rest is pasted."""


async def next_step(pilot, n: int) -> None:
    """Ctrl+N until step ``n`` is open."""
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen), screen
    for _ in range(30):
        if screen.step.n == n:
            break
        await pilot.press("ctrl+n" if screen.step.n < n else "ctrl+b")
        await pilot.pause()
    assert screen.step.n == n, (screen.step.n, n, pilot.app.focused)


async def fill(pilot, path: str, text: str) -> None:
    """Tab to a text control, type its first words key by key and paste the rest.

    Pilot waits for the app to be idle after every key, so typing whole
    paragraphs would make this the slowest test of the suite; key-by-key
    typing is proven in ``test_keys.py`` and ``benchmarks/editor_keyboard_run.py``.
    The pasted rest goes through the widget's own insert, as a paste does.
    """
    await tab_to(pilot, path)
    head, rest = text[:TYPED], text[TYPED:]
    await write(pilot, head)
    if rest:
        widget = pilot.app.focused
        if isinstance(widget, TextArea):
            widget.insert(rest)
        elif isinstance(widget, Input):
            widget.insert_text_at_cursor(rest)
        else:
            raise AssertionError(f"{path}: not a text control: {widget!r}")
        await pilot.pause()


async def add_item(pilot, list_path: str, index: int | None = None) -> None:
    """Tab to a list and open item ``index`` (Enter) or a new one ('a'): the item's form opens."""
    await tab_to(pilot, list_path, widget=ItemTable)
    if index is None:
        await pilot.press("a")
    else:
        await pilot.press(*["down"] * index, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ItemEditor)


async def select(pilot, path: str, value: str) -> None:
    """Tab to a choice and choose ``value``."""
    await tab_to(pilot, path, widget=Select)
    await choose(pilot, value)


async def tick(pilot, path: str, *values: str) -> None:
    """Tab to a multi-choice and tick ``values``."""
    await tab_to(pilot, path, widget=SelectionList)
    await pick(pilot, *values)


async def close_item(pilot) -> None:
    """Escape from an item's form back to the step."""
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EditorScreen)


@pytest.mark.slow
async def test_a_new_case_through_all_25_steps_passes_check(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pilot waits for the whole process to be idle after every key; checking after every key only slows the test.
    monkeypatch.setattr(editor_module, "CHECK_DELAY", 2.0)
    app = make_app(None, lang="en", cases_dir=Path("cases"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")  # the start screen's "new case"
        await write(pilot, "library")
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        case = workdir / "cases" / "library" / "case.yaml"

        # 1 title, its translations and the field of questions
        await fill(pilot, "title", "Can the head of the library open on Sundays without new staff?")
        await fill(pilot, "titles.ru", "Может ли директор открыть библиотеку по воскресеньям?")
        await fill(pilot, "titles.kk", "Директор кітапхананы жексенбіде аша ала ма?")
        await add_item(pilot, "matrix.questions.items", 0)  # the skeleton has one, empty
        await fill(pilot, "matrix.questions.items.0.text", "Can the head of the library open on Sundays without new staff?")
        await close_item(pilot)
        await select(pilot, "matrix.questions.chosen", "q1")
        await tab_to(pilot, "reflection.title.q1")  # the reflection checklist
        await pilot.press("space")
        # 2-4 abstract drafts, keywords, theory
        await next_step(pilot, 2)
        for lang, text in (("ru", "Директор библиотеки хочет открыть её по воскресеньям."),
                           ("kk", "Кітапхана директоры жексенбіде ашқысы келеді."),
                           ("en", "The head of a town library wants to open on Sundays.")):
            await fill(pilot, f"abstract.{lang}.draft", text)
        await next_step(pilot, 3)
        for lang, text in (("ru", "библиотеки\nчасы работы"), ("kk", "кітапханалар\nжұмыс уақыты"),
                           ("en", "libraries\nopening hours")):  # one keyword a line
            await fill(pilot, f"keywords.{lang}", text)
        await next_step(pilot, 4)
        await fill(pilot, "theory", "The KEYKIS algorithm of 25 steps.")
        # 6 actors first, then back to 5 for the boundary and the main actor: the method iterates
        await next_step(pilot, 6)
        for n, kind, env, name in ((0, "person", "internal", "Head of the library"),
                                   (None, "group", "external", "Readers")):
            n = len(editor.doc.get(("actors",))) if n is None else n
            await add_item(pilot, "actors", None if n >= len(editor.doc.get(("actors",))) else n)
            await select(pilot, f"actors.{n}.kind", kind)
            await select(pilot, f"actors.{n}.environment", env)
            await fill(pilot, f"actors.{n}.name", name)
            await close_item(pilot)
        await next_step(pilot, 5)
        await fill(pilot, "boundary.description", "The library and its staff.")
        await fill(pilot, "boundary.difficulty", "Readers need Sunday hours; the staff is fixed.")
        await select(pilot, "main_actor", "main")
        # 8 a relation between the two
        await next_step(pilot, 8)
        await add_item(pilot, "relations")
        await select(pilot, "relations.0.from", "main")
        await select(pilot, "relations.0.to", "a2")
        await select(pilot, "relations.0.type", "service")
        await close_item(pilot)
        # 11 the final list of actors
        await next_step(pilot, 11)
        await tick(pilot, "characters", "main", "a2")
        # 12-13 the field of problems and the chosen one, with its contradiction
        await next_step(pilot, 12)
        await add_item(pilot, "matrix.problems.items")
        await select(pilot, "matrix.problems.items.0.owner", "main")
        await fill(pilot, "matrix.problems.items.0.text", "Readers cannot come on weekdays and we are closed on Sundays.")
        await tick(pilot, "matrix.problems.items.0.resources", "time", "human")
        await fill(pilot, "matrix.problems.items.0.contradiction.text", "Sunday hours need people the library lacks.")
        await tick(pilot, "matrix.problems.items.0.contradiction.between", "time", "human")
        await close_item(pilot)
        await next_step(pilot, 13)
        await select(pilot, "matrix.problems.chosen", "p1")
        # 14-15 tasks
        await next_step(pilot, 14)
        await add_item(pilot, "matrix.tasks.items")
        await select(pilot, "matrix.tasks.items.0.problem", "p1")
        await fill(pilot, "matrix.tasks.items.0.text", "Open the reading room on Sundays with volunteers.")
        await fill(pilot, "matrix.tasks.items.0.what", "the reading room")
        await select(pilot, "matrix.tasks.items.0.who", "main")
        await fill(pilot, "matrix.tasks.items.0.when", "from May")
        await fill(pilot, "matrix.tasks.items.0.where", "the town library")
        await fill(pilot, "matrix.tasks.items.0.how_much", "four hours each Sunday")
        await close_item(pilot)
        await next_step(pilot, 15)
        await select(pilot, "matrix.tasks.chosen", "t1")
        # 16-17 time and place, values and goals
        await next_step(pilot, 16)
        await fill(pilot, "time_place.time", "Spring 2025.")
        await fill(pilot, "time_place.place", "A town library.")
        await next_step(pilot, 17)
        await add_item(pilot, "values")
        await fill(pilot, "values.0.text", "Everyone can read.")
        await close_item(pilot)
        await add_item(pilot, "goals")
        await fill(pilot, "goals.0.text", "Open on Sundays by May.")
        await close_item(pilot)
        # 18-20 solutions, the decision matrix, the chosen solution
        await next_step(pilot, 18)
        await add_item(pilot, "matrix.solutions.items")
        await select(pilot, "matrix.solutions.items.0.task", "t1")
        await fill(pilot, "matrix.solutions.items.0.text", "Sunday shifts of volunteers led by one librarian.")
        await tick(pilot, "matrix.solutions.items.0.strategy", "cooperation")
        await tick(pilot, "matrix.solutions.items.0.directed_at", "a2")
        await close_item(pilot)
        await next_step(pilot, 19)
        await tab_to(pilot, "decision.scores", widget=ScoreTable)
        await pilot.press("plus", "plus", "right", "plus")
        await next_step(pilot, 20)
        await select(pilot, "matrix.solutions.chosen", "s1")
        await fill(pilot, "decision.choice_reason", "It serves the goal and the value at once.")
        # 22 the conclusion and the final abstract beside the draft
        await next_step(pilot, 22)
        await fill(pilot, "conclusion", "The head opens on Sundays with volunteers.")
        await fill(pilot, "abstract.en.final", "Adams, head of a town library, opens it on Sundays without new staff.")
        await next_step(pilot, len(method().steps))
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert not screen.doc.dirty
    proc = run_cli("check", str(case), "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = case.read_text(encoding="utf-8")
    assert "Sunday shifts of volunteers" in text and "chosen: s1" in text
    assert "score: 2" in text and "score: 1" in text
    assert text.startswith("# yaml-language-server"), "the skeleton's comments survive the editing"
