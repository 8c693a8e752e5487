"""A ru or kk session shows no English word: every screen, every page of the editor, its panels and the palette.

Any word in Latin letters on screen must come from the case itself (its ids,
its English texts), be a key's name, or be the name of a language in that
language ("English" in the list of abstracts); everything else is an English
word the author was not meant to see.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import DataTable

from keykis.pages import pages
from keykis.tui.app import make_app
from keykis.tui.screens.views import ViewsScreen
from tests.tui.test_editor import settle
from tests.tui.test_words import screen_text

KEY_NAMES = {"ctrl", "esc", "tab", "enter", "shift", "del", "delete", "home", "end", "space", "pgup", "pgdn",
             "up", "down", "left", "right", "backspace", "insert", "fn", "super", "alt", "meta"}
ALLOWED = {"KEYKIS", "English", "PDF", "SVG", "HTML", "YAML", "EDITOR", "VISUAL", "nano", "yaml", "md", "docx", "keykis",
           "Escape", "Enter", "Tab", "Ctrl", "Shift", "Esc", "Home", "End"}
"""The program's and the formats' names, the keys' names as a keyboard shows them."""


def latin_words(text: str) -> set[str]:
    text = re.sub(r"\bkeykis [a-z]+", "", text)  # a command of the program, as typed
    return {w for w in re.findall(r"(?<![\w$/.])[A-Za-z][A-Za-z]{2,}(?![\w/.])", text)}


def foreign(text: str, case_words: set[str]) -> list[str]:
    return sorted(w for w in latin_words(text) - case_words - ALLOWED if w.lower() not in KEY_NAMES)


async def look(pilot, seen: dict[str, str], name: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    seen[name] = screen_text(pilot.app)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_no_english_word_on_any_screen(example: Path, lang: str) -> None:
    case_words = latin_words(example.read_text(encoding="utf-8")) | {example.parent.name, example.parent.parent.name}
    seen: dict[str, str] = {}
    start = make_app(None, lang=lang, cases_dir=example.parent.parent)
    async with start.run_test(size=(100, 30)) as pilot:
        await look(pilot, seen, "start")
        await pilot.press("ctrl+p")
        await look(pilot, seen, "start: palette")
    app = make_app(example, lang=lang)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        editor = app.screen
        for page in pages():
            await editor.show_step(page.id)
            await look(pilot, seen, f"page {page.id}")
        await editor.show_step("characters")
        await pilot.press("f1")
        await look(pilot, seen, "method help")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await look(pilot, seen, "palette")
        for letter in "ks":  # the palette narrowed down by a letter
            await pilot.press(letter)
            await look(pilot, seen, f"palette {letter}")
            await pilot.press("backspace")
        await pilot.press("escape")
        await settle(pilot)
        app.action_show_help_panel()
        await look(pilot, seen, "keys panel")
        app.action_hide_help_panel()
        await editor.show_step("internal")
        table = next(iter(editor.query(DataTable)))
        table.focus()
        await look(pilot, seen, "a list")
        await pilot.press("enter")
        await look(pilot, seen, "an item's form")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f4")
        await look(pilot, seen, "views")
        assert isinstance(app.screen, ViewsScreen)
        for n in range(3):
            await pilot.press("right")
            await look(pilot, seen, f"views {n}")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await look(pilot, seen, "findings")
    found = {name: words for name, text in seen.items() if (words := foreign(text, case_words))}
    assert found == {}, found
