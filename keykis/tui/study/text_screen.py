"""The study screen in text mode, for a worksheet that cannot be read as YAML.

The forms need a worksheet that parses; when it does not (a tab, an
unclosed quote), the student fixes the YAML text here, with the checks
(the first being the syntax error with its line) a moment after each
change, and the forms open the next time. The case side is the same as in
the forms screen.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane, Tabs, TextArea

from keykis import yamlsafe
from keykis.check.engine import file_error
from keykis.check.findings import Finding
from keykis.errors import CaseFileError
from keykis.model import Case
from keykis.study.checks import check_worksheet
from keykis.study.student import student_brief
from keykis.study.worksheet import parse_worksheet, save_text
from keykis.tui.widgets.findings import FindingsPanel
from keykis.tui.widgets.text_box import TextBox
from keykis.tui.widgets.views import CaseView, FanMatrixTable, GraphTextView, MorphFan
from keykis.vocabulary import say

CHECK_DELAY = 0.4


class StudyTextScreen(Screen[None]):
    """The student's workplace for one case and one worksheet."""

    CSS_PATH = Path(__file__).with_name("screen.tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("f5", "check", "Check"),
        Binding("f2", "focus_case", "Case"),
        Binding("f3", "focus_sheet", "Worksheet"),
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    def __init__(self, view: Case, worksheet: Path, *, lang: str = "en") -> None:
        super().__init__()
        self.view, self.path, self.lang = view, worksheet, lang
        self.findings: list[Finding] = []
        self.saved_text = yamlsafe.read_text(worksheet)  # regular UTF-8 text under the cap, or a clear error

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with TabbedContent(id="case-side"):
                with TabPane(say("study.tab_text", self.lang), id="text"):
                    with VerticalScroll():
                        yield CaseView(id="case-text")
                with TabPane(say("study.tab_actors", self.lang), id="actors"):
                    with VerticalScroll():
                        yield Static(student_brief(self.view, self.lang), markup=False, id="brief")
                with TabPane(say("study.tab_fan_matrix", self.lang), id="fan"):
                    yield FanMatrixTable(id="fan-table")
                with TabPane(say("study.tab_graph", self.lang), id="graph"):
                    with VerticalScroll():
                        yield GraphTextView(id="graph-text")
                with TabPane(say("study.tab_mine", self.lang), id="mine"):
                    yield MorphFan("", id="my-chain")
            with Vertical(id="sheet-side"):
                yield TextBox(self.saved_text, language="yaml", id="sheet", show_line_numbers=True)
                yield FindingsPanel(id="findings")
        yield Footer()

    def on_mount(self) -> None:
        self.title = say("study.title", self.lang)
        self.notify(say("study.text_mode", self.lang), timeout=10)
        self.sub_title = f"{self.view.id} · {self.path.name}"
        self.query_one(CaseView).show(self.view, self.lang)
        self.query_one(FanMatrixTable).show(self.view, self.lang)
        self.query_one(GraphTextView).show(self.view, self.lang)
        self.action_check()
        sheet = self.query_one("#sheet", TextArea)
        if self.findings:  # start where the work is: the first thing the checks ask for
            first = self.findings[0]
            sheet.move_cursor((max(first.line - 1, 0), max(first.column - 1, 0)))
        sheet.focus()

    @property
    def text(self) -> str:
        """The worksheet text as it is on screen now."""
        return self.query_one("#sheet", TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        timer = getattr(self, "_timer", None)
        if timer is not None:
            timer.stop()
        self._timer = self.set_timer(CHECK_DELAY, self.action_check)

    def action_check(self) -> None:
        """Run the worksheet checks on the text on screen and show the findings."""
        try:
            ws = parse_worksheet(self.text, str(self.path))
        except CaseFileError as exc:
            self.findings = [file_error(exc)]
        else:
            self.findings = check_worksheet(ws, self.view, lang=self.lang)
            self.query_one("#my-chain", MorphFan).show(ws.as_case(self.view), self.lang)
        self.query_one(FindingsPanel).show(self.findings, self.lang)

    def save(self) -> bool:
        """Write the worksheet if it changed; return whether it was written."""
        text = self.text
        if text == self.saved_text:
            return False
        save_text(self.path, text)
        self.saved_text = text
        return True

    def action_save(self) -> None:
        """Save the worksheet now."""
        self.save()
        self.notify(say("study.saved_text", self.lang), timeout=2)

    def action_focus_case(self) -> None:
        """Move to the case side."""
        self.query_one("#case-side Tabs", Tabs).focus()

    def action_focus_sheet(self) -> None:
        """Move to the worksheet."""
        self.query_one("#sheet", TextArea).focus()

    def on_findings_panel_chosen(self, event: FindingsPanel.Chosen) -> None:
        sheet = self.query_one("#sheet", TextArea)
        sheet.move_cursor((max(event.finding.line - 1, 0), max(event.finding.column - 1, 0)), center=True)
        sheet.focus()
