"""The grading application: ``make_grading_app`` is the factory the CLI and the tests use."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from keykis.study.grading import GradingSession
from keykis.tui.focus_keys import FOCUS_KEYS
from keykis.tui.grading.screen import GradingScreen
from keykis.tui.palette_key import name_palette_key
from keykis.tui.textual_words import TextualWords
from keykis.tui.type_ahead import TypeAhead


class GradingApp(TypeAhead, TextualWords, App[None]):
    """``keykis review … --grade``: the rubric of one student at a time, saved to grades.yaml as it changes.

    Keys typed ahead wait for the screen (``type_ahead``), as in the editor and the study app."""

    TITLE = "KEYKIS"
    BINDINGS = list(FOCUS_KEYS)  # noqa: RUF012 - Textual reads it as a class attribute

    def __init__(self, session: GradingSession, output: Path, *, lang: str = "en", csv: Path | None = None,
                 dialect: str = "comma") -> None:
        super().__init__()
        name_palette_key(self, lang)
        self.lang = lang
        self.screen_ = GradingScreen(session, output, lang=lang, csv=csv, dialect=dialect)

    def on_mount(self) -> None:
        self.push_screen(self.screen_)


def make_grading_app(session: GradingSession, output: Path, *, lang: str = "en", csv: Path | None = None,
                     dialect: str = "comma") -> GradingApp:
    """The grading app over a session (grades.yaml is saved at every change)."""
    return GradingApp(session, output, lang=lang, csv=csv, dialect=dialect)
