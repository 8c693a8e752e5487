"""A ru or kk session shows no English word of Textual's own: palette, keys panel, a select's menu."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.widgets import Select

from keykis.tui.app import make_app
from keykis.vocabulary import say
from tests.tui.conftest import SIZE
from tests.tui.helpers import until
from tests.tui.test_editor import settle

TEXTUAL_WORDS = ("Dismiss", "menu", "Theme", "Quit", "Keys", "Screenshot", "Maximize", "Minimize", "palette",
                 "Change the current theme", "application", "Show help", "Exit the command", "Search for commands",
                 "Scroll", "Focus", "Toggle", "cursor", "Select", "Delete character", "Quit the app",
                 "command prompt", "Copy", "Paste", "Undo", "Redo",
                 "Move", "Submit", "Next", "Previous", "Show menu", "keys")


def screen_text(app: App[object]) -> str:
    """What the terminal shows now, as plain text (the screen and the screens under a modal)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True,
                      color_system="truecolor", legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def english(text: str) -> list[str]:
    return sorted({word for word in TEXTUAL_WORDS if re.search(rf"\b{re.escape(word)}\b", text)})


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_textual_speaks_the_interface_language(example: Path, lang: str) -> None:
    app = make_app(example, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = {"editor": screen_text(app)}
        await pilot.press("ctrl+p")
        await settle(pilot)
        seen["palette"] = screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        app.action_show_help_panel()
        await settle(pilot)
        seen["keys"] = screen_text(app)
        select = next(iter(app.screen.query(Select)))
        select.focus()
        await settle(pilot)
        seen["select"] = screen_text(app)
        await until(pilot, lambda: app.focused is select, "the list focused")
        await pilot.press("enter")
        await until(pilot, lambda: type(app.focused).__name__ == "SelectOverlay", "the list's menu open")
        await settle(pilot)
        seen["menu"] = screen_text(app)
        assert say("textual.palette_search", lang) in seen["palette"]
        assert say("textual.dismiss_menu", lang) in seen["menu"]
        found = {name: english(text) for name, text in seen.items() if english(text)}
        assert found == {}, found


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_the_study_app_speaks_the_interface_language(tmp_path: Path, lang: str) -> None:
    from keykis.tui.study import make_study_app
    from tests.study.conftest import CASE_DIR

    app = make_study_app(CASE_DIR, tmp_path / "w.yaml", lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        seen = {"palette": screen_text(app)}
        await pilot.press("escape")
        await settle(pilot)
        app.action_show_help_panel()
        await settle(pilot)
        seen["keys"] = screen_text(app)
        assert say("textual.palette_search", lang) in seen["palette"]
        found = {name: english(text) for name, text in seen.items() if english(text)}
        assert found == {}, found


@pytest.mark.slow
async def test_textual_words_follow_a_language_switch(example: Path) -> None:
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        app.action_show_help_panel()
        await settle(pilot)
        shown = screen_text(app)
        assert say("textual.cursor_up", "kk") in shown
        assert say("textual.cursor_up", "ru") not in shown
