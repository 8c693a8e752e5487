"""The study application: one screen, one case (student view), one worksheet.

``make_study_app`` is the factory the CLI and the tests use. The full case
is read here only to make the student view; the screen never receives it.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from keykis.model import load_case
from keykis.study.student import student_view
from keykis.study.worksheet import new_worksheet
from keykis.tui.study.screen import StudyScreen


class StudyApp(App[None]):
    """``keykis study``: read the case, build your own chain, see the method's checks live."""

    TITLE = "KEYKIS"

    def __init__(self, case_path: Path, worksheet: Path, *, lang: str = "en", student: str = "", group: str = "") -> None:
        super().__init__()
        view = student_view(load_case(case_path))
        if not worksheet.exists():
            new_worksheet(worksheet, view, student=student, group=group, lang=lang)
        self.study = StudyScreen(view, worksheet, lang=lang)

    def on_mount(self) -> None:
        self.push_screen(self.study)

    async def action_quit(self) -> None:
        """Save the worksheet, then quit: nothing typed is lost."""
        self.study.save()
        self.exit()


def make_study_app(case_path: Path, worksheet: Path, *, lang: str = "en", student: str = "",
                   group: str = "") -> StudyApp:
    """The study app for a case and a worksheet file (created when missing)."""
    return StudyApp(case_path, worksheet, lang=lang, student=student, group=group)
