"""The study application: one screen, one case (student view), one worksheet.

``make_study_app`` is the factory the CLI and the tests use. The full case
is read here only to make the student view; the screen never receives it.
A worksheet that parses opens in forms; one that does not opens as text,
so the student can mend it without losing a word.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.screen import Screen

from keykis.errors import CaseFileError
from keykis.gate import require_types
from keykis.model import load_case
from keykis.study.document import open_worksheet
from keykis.study.gate import require_worksheet
from keykis.study.student import student_view
from keykis.study.worksheet import new_worksheet
from keykis.tui.autosave import saved_for_quit
from keykis.tui.focus_keys import FOCUS_KEYS
from keykis.tui.palette_key import name_palette_key
from keykis.tui.study.screen import StudyScreen
from keykis.tui.study.text_screen import StudyTextScreen
from keykis.tui.textual_words import TextualWords
from keykis.tui.type_ahead import TypeAhead


class StudyApp(TypeAhead, TextualWords, App[str | None]):
    """``keykis study``: read the case, build your own chain in forms, see the method's checks live.

    Keys typed ahead wait for the screen (``type_ahead``) as in the editor: a form opened by Enter takes the
    words typed after it, even when the machine builds it slowly."""

    TITLE = "KEYKIS"
    BINDINGS = list(FOCUS_KEYS)  # noqa: RUF012 - Textual reads it as a class attribute

    def __init__(self, case_path: Path, worksheet: Path, *, lang: str = "en", student: str = "", group: str = "") -> None:
        super().__init__()
        name_palette_key(self, lang)
        self.view = student_view(require_types(load_case(case_path)))
        self.worksheet, self.lang = worksheet, lang
        if not worksheet.exists():
            new_worksheet(worksheet, self.view, student=student, group=group, lang=lang)
        self.farewell = ""
        self.study: StudyScreen | StudyTextScreen = self._screen()

    def _screen(self) -> StudyScreen | StudyTextScreen:
        try:
            doc = open_worksheet(self.worksheet, self.view)
            require_worksheet(doc.worksheet().data, name=str(self.worksheet))
            return StudyScreen(self.view, doc, lang=self.lang)
        except CaseFileError:  # unreadable, not YAML, or a wrong type the forms cannot show: mend it as text
            return StudyTextScreen(self.view, self.worksheet, lang=self.lang)

    def on_mount(self) -> None:
        self.push_screen(self.study)

    def reopen(self) -> None:
        """Open the worksheet again from disk (after the student chose to reload it)."""
        old: Screen[None] = self.study
        self.study = self._screen()
        self.switch_screen(self.study)
        del old

    async def action_quit(self) -> None:
        """Save, then quit: nothing typed is lost; after an outside change, ask first."""
        study = self.study
        if isinstance(study, StudyScreen):
            if not saved_for_quit([study.autosave], lambda: self.call_later(self.action_quit)):
                return
        elif not study.autosave():  # the text stays on screen; the message says why
            return
        self.exit(self.farewell or None)


def make_study_app(case_path: Path, worksheet: Path, *, lang: str = "en", student: str = "",
                   group: str = "") -> StudyApp:
    """The study app for a case and a worksheet file (created when missing)."""
    return StudyApp(case_path, worksheet, lang=lang, student=student, group=group)
