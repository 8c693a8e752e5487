"""F1 opens the current step's method help in the interface language."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.method import method
from keykis.tui.app import make_app
from keykis.tui.dialogs.method_help import MethodHelp
from keykis.tui.screens.editor import EditorScreen
from keykis.vocabulary import say
from tests.tui.helpers import focused_path, until
from tests.tui.test_editor import settle
from tests.tui.test_words import english, screen_text


def flat(text: str) -> str:
    """Screen text with the box drawing and the line breaks gone, words joined by single spaces."""
    return " ".join("".join(ch if ch.isalnum() or ch in "—-,.?:;()«»'" else " " for ch in text).split())


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_f1_shows_the_steps_prompt_and_questions(example: Path, lang: str) -> None:
    step = method().step_by_id["problems"]
    app = make_app(example, lang=lang)
    async with app.run_test(size=(100, 45)) as pilot:
        await settle(pilot)
        await app.screen.show_step(step.id)
        app.screen.focus_step()
        await pilot.pause()
        where = focused_path(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, MethodHelp)
        shown = flat(screen_text(app))
        assert flat(step.prompt[lang]) in shown
        for question in step.reflection.values():
            assert flat(question[lang]) in shown
        assert say("editor.help_prompt", lang) in shown
        assert english(screen_text(app)) == []
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert focused_path(pilot) == where, "the cursor is back where it was"


@pytest.mark.slow
async def test_f1_at_80x24_keeps_the_questions_within_reach(example: Path) -> None:
    """A long prompt scrolls inside the help: the last question is reached with the keyboard."""
    step = method().step_by_id["conclusion"]
    app = make_app(example, lang="kk")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.screen.show_step(step.id)
        app.screen.focus_step()
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, MethodHelp), "the method help to open")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        last = list(step.reflection.values())[-1]["kk"]
        assert flat(last)[-30:] in flat(screen_text(app))
