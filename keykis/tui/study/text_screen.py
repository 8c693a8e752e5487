"""The study screen in text mode, for a worksheet that cannot be read as YAML.

The forms need a worksheet that parses; when it does not (a tab, an
unclosed quote), the student fixes the YAML text here, with the checks
(the first being the syntax error with its line) a moment after each
change, and the forms open the next time. The case side is the same as in
the forms screen.

The text saves itself a little after typing stops, atomically, and the file
as it was opened is kept as ``….yaml.bak``. If another program changes the
file meanwhile, that file is left alone: a bar says so and the student's
text goes on being saved to a copy beside it (``….mine-<time>.yaml``).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane, Tabs, TextArea

from keykis import yamlsafe
from keykis.casefile import atomic_write, copy_beside, fingerprint
from keykis.check.engine import file_error
from keykis.check.findings import Finding
from keykis.errors import CaseFileError
from keykis.model import Case
from keykis.study.checks import check_worksheet
from keykis.study.gate import require_worksheet
from keykis.study.student import student_brief
from keykis.study.worksheet import parse_worksheet
from keykis.tui import autosave as autosave_module
from keykis.tui.autosave import ConflictBar
from keykis.tui.widgets.findings import FindingsPanel
from keykis.tui.widgets.text_box import TextBox
from keykis.tui.widgets.views import CaseView, FanMatrixTable, GraphTextView, MorphFan
from keykis.vocabulary import say

CHECK_DELAY = 0.4


class StudyTextScreen(Screen[None]):
    """The student's workplace for one case and one worksheet."""

    CSS_PATH = Path(__file__).with_name("screen.tcss")
    KEYS = (("ctrl+s", "save"), ("f5", "check"), ("f6", "forms"), ("f2", "focus_case"), ("f3", "focus_sheet"),
            ("ctrl+q", "app.quit"))

    def __init__(self, view: Case, worksheet: Path, *, lang: str = "en") -> None:
        super().__init__()
        self.view, self.path, self.lang = view, worksheet, lang
        self.findings: list[Finding] = []
        self.saved_text: str | None = yamlsafe.read_text(worksheet)  # UTF-8 text under the cap, or a clear error
        """The text as last read or written (None: the copy is still to be written)."""
        opened = fingerprint(worksheet)
        self._disk = opened.digest if opened else None
        """Digest of what this process last read from or wrote to the worksheet."""
        self.copy: Path | None = None
        """Where the text is saved once another program changed the worksheet."""
        self._backed_up = False
        self._save_timer: Timer | None = None
        self._check_timer: Timer | None = None
        self._readable = False
        """Whether the text on screen reads as a worksheet the forms can show (said once when it starts to)."""
        # The footer speaks the student's language; F5 and F6 win over the text area's own (select word, line).
        for key, action in self.KEYS:
            self._bindings.bind(key, action, say(f"study.key_{action.split('.')[-1]}", lang),
                                show=key != "ctrl+q", priority=key in ("f5", "f6"))

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
                yield ConflictBar()
                yield TextBox(self.saved_text or "", language="yaml", id="sheet", show_line_numbers=True)
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
        self.set_interval(autosave_module.watch_interval(), self.watch_disk)

    @property
    def text(self) -> str:
        """The worksheet text as it is on screen now."""
        return self.query_one("#sheet", TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        for timer in (self._check_timer, self._save_timer):
            if timer is not None:
                timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.action_check)
        self._save_timer = self.set_timer(autosave_module.autosave_delay(), self.autosave)

    def action_check(self) -> None:
        """Run the worksheet checks on the text on screen and show the findings."""
        try:
            ws = parse_worksheet(self.text, str(self.path))
        except CaseFileError as exc:
            self.findings = [file_error(exc, self.lang)]
            self._readable = False
        else:
            self.findings = check_worksheet(ws, self.view, lang=self.lang)
            self.query_one("#my-chain", MorphFan).show(ws.as_case(self.view), self.lang)
            readable = self._forms_can_open(ws.data)
            if readable and not self._readable:
                self.notify(say("study.forms_ready", self.lang), timeout=8)
            self._readable = readable
        self.query_one(FindingsPanel).show(self.findings, self.lang)

    def _forms_can_open(self, data: dict[str, object]) -> bool:
        """Whether the forms can show this worksheet (it parses and every value has its type)."""
        try:
            require_worksheet(data, name=str(self.path))
        except CaseFileError:
            return False
        return True

    def action_forms(self) -> None:
        """Save, then open the worksheet in forms if it now reads; otherwise say what still stands in the way."""
        self.action_check()
        if self.copy is not None:  # the file is another program's now: the forms would show theirs, not this text
            self.autosave()
            self.notify(say("study.text_conflict", self.lang, path=self.path.name, copy=self.copy.name),
                        severity="warning", timeout=8)
            return
        if not self._readable:
            first = self.findings[0].message if self.findings else ""
            self.notify(say("study.forms_not_yet", self.lang, detail=first), severity="warning", timeout=8)
            return
        if self.autosave():
            self.app.reopen()  # type: ignore[attr-defined]

    def save(self) -> bool:
        """Write the text if it changed (to the copy after an outside change); return whether it was written.

        Raises ``OSError`` when the file cannot be written; the text stays on screen.
        """
        text = self.text
        if text == self.saved_text:
            return False
        self.watch_disk()
        if self.copy is not None:
            atomic_write(self.copy, text, backup=False)
        else:
            atomic_write(self.path, text, backup=not self._backed_up)
            self._backed_up = True
            written = fingerprint(self.path)
            self._disk = written.digest if written else None
        self.saved_text = text
        return True

    def autosave(self) -> bool:
        """Save now if needed (a moment after typing stopped, and on quit); say so when it cannot be done."""
        try:
            self.save()
        except OSError as exc:
            self.notify(say("study.text_save_failed", self.lang, error=exc.strerror or exc), severity="error",
                        timeout=8)
            return False
        return True

    def watch_disk(self) -> None:
        """Notice another program's change to the worksheet: leave it alone, save to a copy from now on."""
        if self.copy is not None:
            return
        now = fingerprint(self.path)
        if now is not None and now.digest == self._disk:
            return
        self.copy = copy_beside(self.path)
        self.query_one(ConflictBar).show(say("study.text_conflict", self.lang, path=self.path.name,
                                             copy=self.copy.name))
        self.saved_text = None
        self.call_later(self.autosave)

    def action_save(self) -> None:
        """Save the worksheet now."""
        if not self.autosave():
            return
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
