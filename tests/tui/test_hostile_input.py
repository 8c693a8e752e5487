"""The editor against odd case text and impatient keys: no traceback, nothing vanishes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Select, SelectionList

from keykis.pages import pages
from keykis.tui.app import make_app
from keykis.tui.screens.editor import EditorScreen
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle, until

MARKUP_NAME = "Ерлан Сапаров [/i] [red]x[/red] [see appendix A]"


@pytest.mark.slow
async def test_ctrl_n_at_key_repeat_speed_walks_every_step(example: Path) -> None:
    """Keys queued faster than steps open: each step may be replaced before it is shown."""
    before = example.read_bytes()
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        await settle(pilot)  # the case loaded and checked
        last = pages()[-1]  # the 25 steps, then the card and the guidelines
        for _ in range(len(pages()) + 5):
            app.post_message(events.Key("ctrl+n", None))
            await asyncio.sleep(0.005)  # key repeat: the keys come faster than steps open (the case under test)
        await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.step.n == last.n, "the last page")
        await settle(pilot)  # the keys past the last page are handled too
        assert app.screen.step.id == last.id
        assert app._exception is None
    assert example.read_bytes() == before


@pytest.mark.slow
async def test_markup_in_an_actor_name_is_shown_as_written(example: Path) -> None:
    text = example.read_text(encoding="utf-8").replace("name: Ерлан Сапаров", f'name: "{MARKUP_NAME}\\e]0;pwned\\a"', 1)
    example.write_text(text, encoding="utf-8")
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        labels: list[str] = []
        screen = app.screen
        for step in ("internal", "external", "visualisation", "characters"):  # the steps that list actors
            await screen.show_step(step)
            await settle(pilot)
            for select in app.screen.query(Select):
                labels += [str(prompt) for prompt, _ in select._options]
            for sl in app.screen.query(SelectionList):
                labels += [str(sl.get_option_at_index(i).prompt) for i in range(sl.option_count)]
        assert app._exception is None
        assert app.screen.step.id == "characters"
    shown = [label for label in labels if "Сапаров" in label]
    assert shown, "the actor appears in some choice list"
    assert all("[red]x[/red]" in label and "[see appendix A]" in label for label in shown)
    assert all("\x1b" not in label and "\x07" not in label for label in shown)


async def test_wrong_types_open_the_error_view_naming_the_place(example: Path) -> None:
    """``actors: 42`` (and the like) never reaches a form: the error view says where, the editor lets it be fixed."""
    from textual.widgets import Static

    from keykis.tui.screens.parse_error import ParseErrorScreen

    text = example.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("actors:")
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "-")))
    lines[start:end] = ["actors: 42"]
    example.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = example.read_bytes()
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ParseErrorScreen), "the error view")
        message = str(app.screen.query_one("#error-message", Static).render())
        assert f":{start + 1}:" in message and "in Actors [actors]: expected a list" in message
        assert app._exception is None
    assert example.read_bytes() == before
