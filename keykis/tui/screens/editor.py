"""The editor: steps on the left, the current step in the middle, findings on the right.

Every change goes into the open ``CaseDocument`` at once. Two timers follow
it: the checks run in a worker thread shortly after typing stops, and the
autosave writes the file a little later. The file on disk is watched; if
someone else changes it, the editor says so and stops saving until the
author decides.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList

from keykis.casefile import CaseDocument
from keykis.check import Finding, check_case
from keykis.errors import CaseFileError
from keykis.method import method
from keykis.progress import revisit, step_states
from keykis.tui.fields import Path_
from keykis.tui.widgets.findings import FindingsPanel
from keykis.tui.widgets.form import FormContext
from keykis.tui.widgets.step_panel import StepPanel
from keykis.tui.widgets.steps import StepsSidebar
from keykis.tui.words import say

CHECK_DELAY = 0.03
"""Seconds of quiet after a change before the checks run."""
AUTOSAVE_DELAY = 1.5
"""Seconds of quiet after a change before the file is written."""
WATCH_INTERVAL = 1.0
"""How often the file on disk is compared with what we last wrote."""


class EditorScreen(Screen[None]):
    """The guided editor for one case."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("f5", "check", "Check"),
        Binding("ctrl+n", "step(1)", "Next step"),
        Binding("ctrl+b", "step(-1)", "Prev step"),
        Binding("ctrl+g", "focus_steps", "Steps"),
        Binding("ctrl+f", "focus_findings", "Findings"),
        Binding("f4", "views", "Views"),
        Binding("ctrl+r", "render", "Render PDF"),
        Binding("ctrl+l", "language", "Language"),
        Binding("ctrl+t", "theme", "Theme", show=False),
        Binding("ctrl+o", "external_editor", "$EDITOR", show=False),
    ]

    def __init__(self, doc: CaseDocument, *, lang: str, step: str | None = None) -> None:
        super().__init__()
        self.doc = doc
        self.lang = lang
        self.step = method().step_by_id.get(step or "", method().steps[0])
        self.findings: list[Finding] = []
        self.ctx = FormContext(doc, lang, self.changed)
        self._check_timer: Timer | None = None
        self._save_timer: Timer | None = None
        self._changed_at = 0.0
        self.check_latency: float | None = None
        """Seconds from the last change to findings on screen (for the benchmark)."""
        self._pointed: set[str] = set()
        self.checks_done = 0
        """How many times findings were shown (tests and the benchmark wait on it)."""
        self.disk_conflict = False
        """True while the file on disk changed under us and the author has not decided."""

    # -- layout -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield StepsSidebar(self.lang, id="steps")
            yield Container(StepPanel(self.step, self.ctx), id="step-holder")
            yield FindingsPanel(id="findings")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.doc.case().title or self.doc.path.parent.name
        self.sub_title = self.doc.path.parent.name
        self.query_one(StepsSidebar).select_step(self.step.id)
        self.set_interval(WATCH_INTERVAL, self.watch_disk)
        self._await_tree()
        self.run_checks()
        self.focus_step()

    @work(thread=True, group="load")
    def _await_tree(self) -> None:
        """Wait for the background round-trip parse; a failure opens the error view."""
        try:
            self.doc.tree  # noqa: B018 - waits for the parse
        except CaseFileError as exc:
            self.app.call_from_thread(self.app.show_error, self.doc.path, exc)  # type: ignore[attr-defined]

    def focus_step(self) -> None:
        """Put the cursor in the first control of the current step."""
        first = self.query_one(StepPanel).first_control()
        if first is not None:
            first.focus_input()

    # -- moving between steps -------------------------------------------------
    async def show_step(self, step_id: str) -> StepPanel:
        """Open a step in the middle pane."""
        self.step = method().step_by_id[step_id]
        self._pointed.discard(step_id)
        holder = self.query_one("#step-holder")
        await holder.remove_children()
        panel = StepPanel(self.step, self.ctx)
        await holder.mount(panel)
        self.query_one(StepsSidebar).select_step(step_id)
        return panel

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, StepsSidebar) and event.option.id:
            await self.show_step(event.option.id)
            self.call_after_refresh(self.focus_step)

    async def on_findings_panel_chosen(self, event: FindingsPanel.Chosen) -> None:
        f = event.finding
        if f.step_id:
            panel = await self.show_step(f.step_id)

            def jump() -> None:
                if not panel.focus_path(f.at):
                    self.focus_step()

            self.call_after_refresh(jump)

    async def action_step(self, delta: int) -> None:
        """Go to the next or previous step."""
        steps = method().steps
        n = max(1, min(len(steps), self.step.n + delta))
        await self.show_step(steps[n - 1].id)
        self.call_after_refresh(self.focus_step)

    def action_focus_steps(self) -> None:
        """Move the cursor to the steps list."""
        self.query_one(StepsSidebar).focus()

    def action_focus_findings(self) -> None:
        """Move the cursor to the findings."""
        self.query_one(FindingsPanel).focus()

    # -- changes --------------------------------------------------------------
    def changed(self, path: Path_) -> None:
        """A control changed the document: schedule checks and the autosave."""
        self._changed_at = time.perf_counter()
        for timer in (self._check_timer, self._save_timer):
            if timer is not None:
                timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_checks)
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.autosave)
        dependants = revisit(self.step.id)
        if dependants and path and path[0] not in ("narrative", "reflection") and self.step.id not in self._pointed:
            self._pointed.add(self.step.id)  # once per visit to the step, not at every key
            names = ", ".join(f"{s.n} {s.title.get(self.lang) or s.title['en']}" for s in dependants)
            self.notify(say("revisit", self.lang).format(steps=names), timeout=6)

    def run_checks(self) -> None:
        """Check a snapshot of the case in a worker."""
        self._check(self.doc.case(), self.lang, self._changed_at)

    @work(thread=True, exclusive=True, group="check")
    def _check(self, case: object, lang: str, started: float) -> None:
        findings = check_case(case, lang=lang)  # type: ignore[arg-type]
        states = step_states(case, findings)  # type: ignore[arg-type]
        self.app.call_from_thread(self._show_findings, findings, states, started)

    def _show_findings(self, findings: list[Finding], states: dict[str, str], started: float) -> None:
        self.findings = findings
        self.checks_done += 1
        self.query_one(FindingsPanel).show(findings, self.lang)
        self.query_one(StepsSidebar).show_states(states, self.lang)
        if started:
            self.check_latency = time.perf_counter() - started
        errors = sum(f.severity == "error" for f in findings)
        self.sub_title = f"{self.doc.path.parent.name} · {say('findings', self.lang).format(n=len(findings), e=errors)}"

    def action_check(self) -> None:
        """Run the checks now."""
        self.run_checks()

    # -- saving and the file on disk ----------------------------------------
    def autosave(self) -> None:
        """Write pending changes (in a worker) unless the file changed on disk."""
        if not self.disk_conflict and self.doc.dirty:
            self._save_in_background()

    @work(thread=True, exclusive=True, group="save")
    def _save_in_background(self) -> None:
        try:
            self.doc.save()
        except CaseFileError:
            self.app.call_from_thread(self.conflict)
        except RuntimeError:  # the document changed shape while it was written: try again shortly
            self.app.call_from_thread(self.set_timer, AUTOSAVE_DELAY, self.autosave)

    def action_save(self) -> None:
        """Save now."""
        if self.disk_conflict:
            self.conflict()
            return
        try:
            wrote = self.doc.save()
        except CaseFileError:
            self.conflict()
            return
        self.notify(say("saved" if wrote else "unchanged", self.lang).format(path=self.doc.path.name))

    def watch_disk(self) -> None:
        """Warn once when the file changed on disk behind our back."""
        if not self.disk_conflict and self.doc.changed_on_disk():
            self.conflict()

    def conflict(self) -> None:
        """Stop saving and ask the author what to do about the file on disk."""
        from keykis.tui.screens.changed import ChangedOnDisk

        if self.disk_conflict and isinstance(self.app.screen, ChangedOnDisk):
            return
        self.disk_conflict = True
        self.app.push_screen(ChangedOnDisk(self.doc, self.lang), self._resolved)

    def _resolved(self, choice: str | None) -> None:
        if choice == "reload":
            self.app.reopen(self.doc.path, step=self.step.id)  # type: ignore[attr-defined]
        elif choice == "overwrite":
            self.doc.save(force=True)
            self.disk_conflict = False
            self.notify(say("saved", self.lang).format(path=self.doc.path.name))
        else:
            self.notify(say("not_saving", self.lang), severity="warning", timeout=8)

    def flush(self) -> None:
        """Save what is pending (on quit), never over a file changed on disk."""
        if self.doc.dirty and not self.disk_conflict:
            try:
                self.doc.save()
            except CaseFileError:
                pass

    # -- the rest -------------------------------------------------------------
    def action_views(self) -> None:
        """Fan matrix, concept graph and morphological fan."""
        from keykis.tui.screens.views import ViewsScreen

        self.app.push_screen(ViewsScreen(self.doc.case(), self.lang))

    def action_render(self) -> None:
        """Render the PDFs in a worker, with progress."""
        from keykis.tui.screens.render import RenderScreen

        self.flush()
        self.app.push_screen(RenderScreen(self.doc.case(), self.doc.path.parent / "out", self.lang))

    async def action_language(self) -> None:
        """Switch the language: ru → kk → en."""
        order = ["ru", "kk", "en"]
        self.lang = order[(order.index(self.lang) + 1) % 3] if self.lang in order else "en"
        self.app.lang = self.lang  # type: ignore[attr-defined]
        self.ctx.lang = self.lang
        self.query_one(StepsSidebar).show_states(self.query_one(StepsSidebar).states, self.lang)
        await self.show_step(self.step.id)
        self.run_checks()

    def action_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.app.theme = "textual-light" if self.app.current_theme.dark else "textual-dark"

    def action_external_editor(self) -> None:
        """Open the file in ``$EDITOR``, then reload it."""
        self.flush()
        self.app.edit_externally(self.doc.path, step=self.step.id)  # type: ignore[attr-defined]
