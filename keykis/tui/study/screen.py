"""The study screen: the case on one side, the worksheet in forms on the other.

The case side is read-only: the case text, the actors and goals, the fan
matrix and the concept graph, and the student's own chain as a
morphological fan. The worksheet side uses the editor's own form controls
(lists of items with their forms, selects of the case's actors, multi-selects
of resource kinds and strategies, the decision grid, the reflection
checklist) over a ``WorksheetDocument``, so the worksheet stays the same
readable YAML file, with the student's comments kept. The editor's autosave
writes it a moment after typing stops (atomic write, a backup of the file
as it was opened, a watch for changes made by another program), and every
change goes to the recovery journal at once.

On a narrow terminal (under 120 columns) one side is shown at a time: F2
shows the case, F3 the worksheet.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, Static, TabbedContent, TabPane, Tabs
from textual.widgets import Tab as TabWidget

from keykis.check.findings import Finding
from keykis.method import method
from keykis.model import Case
from keykis.study.checks import check_worksheet
from keykis.study.document import WorksheetDocument
from keykis.study.student import student_brief
from keykis.tui.autosave import Autosave, ConflictBar, offer_recovery
from keykis.tui.fields import FieldSpec, Path_, step_specs
from keykis.tui.screens.item_editor import ItemEditor
from keykis.tui.widgets.controls import make_control
from keykis.tui.widgets.findings import FindingsPanel
from keykis.tui.widgets.form import EditItem, FormContext
from keykis.tui.widgets.step_panel import PanelScreen, ReflectionItem, StepPanel
from keykis.tui.widgets.views import CaseView, FanMatrixTable, GraphTextView, MorphFan
from keykis.vocabulary import say

CHECK_DELAY = 0.3
"""Seconds of quiet after a change before the checks run."""
NARROW = 120
"""Below this many columns one side is shown at a time."""
STEPS = ("problems", "focus_problem", "tasks", "focus_task", "solutions", "decision_matrix", "focus_solution")
"""The steps of the method a student works through in a worksheet."""
PARTS = ("who", *STEPS, "defence")
"""The parts of the worksheet side, in order: who made it, the steps, the defence."""


def part_for(finding: Finding) -> str:
    """The part of the worksheet side where a finding is fixed."""
    root = finding.at.split(".", 1)[0] if finding.at else ""
    if root == "worksheet":
        return "who"
    if root == "defence":
        return "defence"
    if finding.step_id in STEPS:
        return finding.step_id
    if root == "decision":
        return "decision_matrix"
    parts = finding.at.split(".")
    if root == "matrix" and len(parts) > 1:
        return {"problems": "problems", "tasks": "tasks", "solutions": "solutions"}.get(parts[1], "problems")
    return "problems"


class PartPanel(StepPanel):
    """One part of the worksheet: a step of the method (its prompt, fields, reflection) or the head or defence."""

    def __init__(self, part: str, ctx: FormContext) -> None:
        step = method().step_by_id.get(part, method().step_by_id["problems"])
        super().__init__(step, ctx)
        self.part = part

    def compose(self) -> ComposeResult:
        lang = self.ctx.lang
        if self.part in ("who", "defence"):
            yield Label(say(f"study.part_{self.part}", lang), classes="step-title")
            yield Static(say(f"study.prompt_{self.part}", lang), classes="prompt", markup=False)
            for spec in _own_specs(self.part, lang):
                yield make_control(spec, self.ctx)
            return
        title = self.step.title.get(lang) or self.step.title["en"]
        yield Label(f"{say('editor.step', lang)} {self.step.n} · {title}", classes="step-title")
        yield Static(self.step.prompt.get(lang) or self.step.prompt["en"], classes="prompt", markup=False)
        for spec in step_specs(self.step, lang):
            if spec.path[0] in ("matrix", "decision"):
                yield make_control(spec, self.ctx)
        if self.step.reflection:
            yield Label(say("editor.reflection", lang), classes="reflection-title")
            with Vertical(classes="reflection"):
                for qid in self.step.reflection:
                    yield ReflectionItem(self.step, qid, self.ctx)


def _own_specs(part: str, lang: str) -> list[FieldSpec]:
    """The controls of the worksheet's own parts (not in the case schema)."""
    if part == "defence":
        return [FieldSpec(("defence",), "text", say("study.defence", lang))]
    person = {"type": "object", "properties": {"name": {"type": "string"}, "id": {"type": "string"}}}
    return [
        FieldSpec(("worksheet", "students"), "items", say("study.students", lang), schema=person),
        FieldSpec(("worksheet", "team"), "text", say("study.team", lang)),
        FieldSpec(("worksheet", "group"), "text", say("study.group", lang)),
    ]


class StudyScreen(PanelScreen):
    """The student's workplace for one case and one worksheet."""

    CSS_PATH = Path(__file__).with_name("screen.tcss")
    KEYS = (("ctrl+s", "save"), ("f5", "check"), ("f2", "focus_case"), ("f3", "focus_sheet"),
            ("ctrl+n", "part(1)"), ("ctrl+b", "part(-1)"), ("ctrl+f", "focus_findings"), ("ctrl+q", "app.quit"))

    def __init__(self, view: Case, doc: WorksheetDocument, *, lang: str = "en") -> None:
        super().__init__()
        self.view, self.doc, self.path, self.lang = view, doc, doc.path, lang
        self.findings: list[Finding] = []
        self.part = "who"
        self.ctx = FormContext(doc, lang, self.changed)
        self.autosave = Autosave(self, doc, lang=lambda: self.lang, reopen=self._reopen)
        self.recovery = doc.start_journal()
        self._check_timer: Timer | None = None
        self._changed_at = 0.0
        self.checks_done = 0
        """How many times findings were shown (tests wait on it)."""
        for key, action in self.KEYS:  # the footer speaks the student's language
            self._bindings.bind(key, action, say(f"study.key_{action.split('(')[0].split('.')[-1]}", lang),
                                show=key not in ("ctrl+b", "f3"))

    def compose(self) -> ComposeResult:
        yield Header()
        yield ConflictBar(id="conflict-bar")
        with Horizontal(id="main"):
            with TabbedContent(id="case-side"):
                with TabPane(say("study.tab_text", self.lang), id="text"):
                    with VerticalScroll():
                        yield CaseView(id="case-text")
                with TabPane(say("study.tab_actors", self.lang), id="actors"):
                    with VerticalScroll():
                        yield Static(student_brief(self.view, self.lang), markup=False, id="brief")
                with TabPane(say("study.tab_fan", self.lang), id="fan"):
                    yield FanMatrixTable(id="fan-table")
                with TabPane(say("study.tab_graph", self.lang), id="graph"):
                    with VerticalScroll():
                        yield GraphTextView(id="graph-text")
                with TabPane(say("study.tab_mine", self.lang), id="mine"):
                    yield MorphFan("", id="my-chain")
            with Vertical(id="sheet-side"):
                yield Tabs(*[TabWidget(self._part_label(p), id=f"part-{p}") for p in PARTS], id="parts")
                yield Container(PartPanel(self.part, self.ctx), id="part-holder")
                yield FindingsPanel(id="findings")
        yield Footer()

    def _part_label(self, part: str) -> str:
        if part in ("who", "defence"):
            return say(f"study.tab_{part}", self.lang)
        return str(method().step_by_id[part].n)

    def on_mount(self) -> None:
        self.title = say("study.title", self.lang)
        self.sub_title = f"{self.view.id} · {self.path.name}"
        self.query_one(CaseView).show(self.view, self.lang)
        self.query_one(FanMatrixTable).show(self.view, self.lang)
        self.query_one(GraphTextView).show(self.view, self.lang)
        self.autosave.start()
        self._layout(self.app.size.width)
        self.run_checks()
        self.call_after_refresh(self.focus_part)
        if self.recovery is not None:
            self._offer_recovery()

    def on_unmount(self) -> None:
        self.autosave.close()

    def on_resize(self, event: Resize) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        self.set_class(width < NARROW, "narrow")

    # -- recovery after a crash --------------------------------------------------
    def _offer_recovery(self) -> None:
        found, self.recovery = self.recovery, None
        assert found is not None
        offer_recovery(self, self.doc, found, self.lang, lambda: self.changed(()), self._redraw)

    async def _redraw(self) -> None:
        await self.show_part(self.part)
        self.focus_part()

    def _reopen(self) -> None:
        self.app.reopen()  # type: ignore[attr-defined]

    # -- moving between parts ------------------------------------------------------
    async def show_part(self, part: str) -> PartPanel:
        """Open a part of the worksheet."""
        self.part = part
        holder = self.query_one("#part-holder")
        await holder.remove_children()
        panel = PartPanel(part, self.ctx)
        await holder.mount(panel)
        tabs = self.query_one("#parts", Tabs)
        if tabs.active != f"part-{part}":
            with tabs.prevent(Tabs.TabActivated):
                tabs.active = f"part-{part}"
        return panel

    async def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tabs.id == "parts" and event.tab.id:
            part = event.tab.id.removeprefix("part-")
            if part != self.part:
                await self.show_part(part)

    def focus_part(self) -> None:
        """Put the cursor in the first control of the open part."""
        for panel in self.query(PartPanel):  # none for a moment while a part passed at once is replaced
            panel.focus_first()

    async def action_part(self, delta: int) -> None:
        """Go to the next or previous part."""
        i = max(0, min(len(PARTS) - 1, PARTS.index(self.part) + delta))
        await self.show_part(PARTS[i])
        self.call_after_refresh(self.focus_part)

    def on_edit_item(self, event: EditItem) -> None:
        """Widgets post messages, screens open screens: an item's own form over the worksheet."""
        event.stop()
        self.app.push_screen(ItemEditor(event.path, event.spec, event.ctx), event.done)

    async def on_findings_panel_chosen(self, event: FindingsPanel.Chosen) -> None:
        f = event.finding
        self.remove_class("show-case")
        panel = await self.show_part(part_for(f))

        def jump() -> None:
            if not panel.focus_path(f.at):
                self.focus_part()

        self.call_after_refresh(jump)

    def action_focus_case(self) -> None:
        """Show and move to the case side."""
        self.add_class("show-case")
        self.query_one("#case-side Tabs", Tabs).focus()

    def action_focus_sheet(self) -> None:
        """Show and move to the worksheet."""
        self.remove_class("show-case")
        self.focus_part()

    def action_focus_findings(self) -> None:
        """Move to the findings."""
        self.remove_class("show-case")
        self.query_one(FindingsPanel).focus()

    # -- changes, checks, saving ------------------------------------------------------
    def changed(self, path: Path_) -> None:
        """A control changed the worksheet: schedule the checks and the autosave."""
        self._changed_at = time.perf_counter()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_checks)
        self.autosave.changed()

    def run_checks(self) -> None:
        """Check a snapshot of the worksheet in a worker."""
        self._check(self.doc.worksheet())

    @work(thread=True, exclusive=True, group="check")
    def _check(self, ws: Any) -> None:
        findings = check_worksheet(ws, self.view, lang=self.lang)
        chain = ws.as_case(self.view)
        self.app.call_from_thread(self._show_findings, findings, chain)

    def _show_findings(self, findings: list[Finding], chain: Case) -> None:
        self.findings = findings
        self.checks_done += 1
        self.query_one(FindingsPanel).show(findings, self.lang)
        self.query_one("#my-chain", MorphFan).show(chain, self.lang)
        errors = sum(f.severity == "error" for f in findings)
        self.sub_title = f"{self.path.name} · {say('editor.findings', self.lang, n=len(findings), e=errors)}"

    def action_check(self) -> None:
        """Run the checks now."""
        self.run_checks()

    def action_save(self) -> None:
        """Save now (after an outside change: decide what to do)."""
        self.autosave.save_now()

    def flush(self) -> bool:
        """Save what is pending; False when the student must decide first (the file changed on disk)."""
        return self.autosave.flush()

    def save(self) -> bool:
        """Save what is pending (used on quit)."""
        return self.flush()
