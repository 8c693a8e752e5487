"""The editor: steps on the left, the current step in the middle, findings on the right.

Every change goes into the open ``CaseDocument`` at once (and into its
recovery file). The checks run in a worker thread shortly after typing stops;
the autosave (``keykis.tui.autosave``) writes the file a little later and
watches it on disk: if someone else changes it, a bar says so, typing goes
on, and saving waits for the author's decision.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList

from keykis.casefile import CaseDocument
from keykis.check import Finding, check_case
from keykis.errors import CaseFileError
from keykis.method import method
from keykis.progress import revisit, step_states
from keykis.terminal import clean_line
from keykis.tui import autosave as autosave_module
from keykis.tui.autosave import Autosave, ConflictBar
from keykis.tui.fields import Path_
from keykis.tui.widgets.findings import FindingsPanel
from keykis.tui.widgets.form import FormContext
from keykis.tui.widgets.step_panel import StepPanel
from keykis.tui.widgets.steps import StepsSidebar
from keykis.vocabulary import LANGS, say

CHECK_DELAY = 0.03
"""Seconds of quiet after a change before the checks run."""
AUTOSAVE_DELAY = autosave_module.AUTOSAVE_DELAY
WATCH_INTERVAL = autosave_module.WATCH_INTERVAL


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
        self.autosave = Autosave(self, doc, lang=lambda: self.lang, reopen=self._reopen)
        self.recovery = doc.start_journal()
        self._changed_at = 0.0
        self.check_latency: float | None = None
        """Seconds from the last change to findings on screen (for the benchmark)."""
        self._pointed: set[str] = set()
        self.checks_done = 0
        """How many times findings were shown (tests and the benchmark wait on it)."""

    # -- layout -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield ConflictBar(id="conflict-bar")
        with Horizontal(id="main"):
            yield StepsSidebar(self.lang, id="steps")
            yield Container(StepPanel(self.step, self.ctx), id="step-holder")
            yield FindingsPanel(id="findings")
        yield Footer()

    def on_mount(self) -> None:
        self.title = clean_line(self.doc.case().title or self.doc.path.parent.name)
        self.sub_title = clean_line(self.doc.path.parent.name)
        self.query_one(StepsSidebar).select_step(self.step.id)
        self.autosave.start()
        self._await_tree()
        self.run_checks()
        self.focus_step()
        if self.recovery is not None:
            self._offer_recovery()

    def on_unmount(self) -> None:
        self.autosave.close()

    @property
    def disk_conflict(self) -> bool:
        """True while the file on disk changed under us and the author has not decided."""
        return self.autosave.conflict

    def _offer_recovery(self) -> None:
        from keykis.tui.screens.recover import RecoverChanges

        found = self.recovery
        assert found is not None
        self.recovery = None
        changed = self.doc.disk is None or found.base != self.doc.disk.digest

        def decided(bring_back: bool | None) -> None:
            if bring_back is False:
                self.doc.discard_changes()
                return
            n = found.replay(self.doc)
            self.notify(say("editor.recovered", self.lang, n=n), timeout=6)
            self.changed(())
            self.call_after_refresh(self._redraw_step)

        self.app.push_screen(RecoverChanges(found, self.lang, file_changed=changed), decided)

    async def _redraw_step(self) -> None:
        await self.show_step(self.step.id)
        self.focus_step()

    def _reopen(self) -> None:
        self.app.reopen(self.doc.path, step=self.step.id)  # type: ignore[attr-defined]

    @work(thread=True, group="load")
    def _await_tree(self) -> None:
        """Wait for the background round-trip parse; a failure opens the error view."""
        try:
            self.doc.tree  # noqa: B018 - waits for the parse
        except CaseFileError as exc:
            self.app.call_from_thread(self.app.show_error, self.doc.path, exc)  # type: ignore[attr-defined]

    def focus_step(self) -> None:
        """Put the cursor in the first control of the current step.

        At key-repeat speed the step may already be replaced by the next one
        (its widgets half removed) when this runs: then there is nothing to focus.
        """
        try:
            first = self.query_one(StepPanel).first_control()
            if first is not None:
                first.focus_input()
        except NoMatches:
            pass

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
        try:
            await self.show_step(steps[n - 1].id)
        except NoMatches:  # keys still queued while the editor closes
            return
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
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_checks)
        self.autosave.changed()
        dependants = revisit(self.step.id)
        if dependants and path and path[0] not in ("narrative", "reflection") and self.step.id not in self._pointed:
            self._pointed.add(self.step.id)  # once per visit to the step, not at every key
            names = ", ".join(f"{s.n} {s.title.get(self.lang) or s.title['en']}" for s in dependants)
            self.notify(say("editor.revisit", self.lang, steps=names), timeout=6)

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
        self.sub_title = f"{self.doc.path.parent.name} · {say('editor.findings', self.lang, n=len(findings), e=errors)}"

    def action_check(self) -> None:
        """Run the checks now."""
        self.run_checks()

    # -- saving and the file on disk ----------------------------------------
    def action_save(self) -> None:
        """Save now (after an outside change: decide what to do)."""
        self.autosave.save_now()

    def flush(self) -> bool:
        """Save what is pending; False when the author must decide first (a conflict)."""
        return self.autosave.flush()

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
        order = list(LANGS)
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
        if not self.flush():
            self.autosave.ask()
            return
        self.autosave.close()
        self.app.edit_externally(self.doc.path, step=self.step.id)  # type: ignore[attr-defined]
