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
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList, TextArea

from keykis.casefile import CaseDocument
from keykis.check import Finding, check_case
from keykis.errors import CaseFileError
from keykis.method import method
from keykis.pages import page, page_for_path, page_states, pages
from keykis.progress import revisit, step_states
from keykis.terminal import clean_line
from keykis.tui.autosave import Autosave, ConflictBar, offer_recovery
from keykis.tui.fields import Path_
from keykis.tui.key_words import say_keys
from keykis.tui.palette_key import name_palette_key
from keykis.tui.recent import last_step, remember_step
from keykis.tui.screens.item_editor import ItemEditor
from keykis.tui.widgets.findings import FindingsPanel
from keykis.tui.widgets.form import EditItem, FormContext
from keykis.tui.widgets.items import ItemList
from keykis.tui.widgets.step_panel import PanelScreen, StepPanel
from keykis.tui.widgets.steps import StepsSidebar
from keykis.vocabulary import LANGS, say

if TYPE_CHECKING:
    from keykis.web.preview import Preview

NARROW, TINY = 120, 100
"""Below these widths the steps list, then the findings, fold away."""
CHECK_DELAY = 0.03
"""Seconds of quiet after a change before the checks run."""


class EditorScreen(PanelScreen):
    """The guided editor for one case."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", "editor.key_save"),
        Binding("f5", "check", "editor.key_check"),
        Binding("ctrl+n", "step(1)", "editor.key_next"),
        Binding("ctrl+b", "step(-1)", "editor.key_prev"),
        Binding("ctrl+g", "focus_steps", "editor.key_steps"),
        Binding("ctrl+f", "focus_findings", "editor.key_findings"),
        Binding("f4", "views", "editor.key_views"),
        Binding("ctrl+r", "render", "editor.key_render"),
        Binding("ctrl+l", "language", "editor.key_language"),
        Binding("ctrl+t", "theme", "editor.key_theme", show=False),
        Binding("ctrl+o", "external_editor", "editor.key_editor", show=False),
        Binding("ctrl+z", "undo_rename", "editor.key_undo_rename", show=False),
        Binding("f1", "method_help", "editor.key_help", show=False),
    ]

    def __init__(self, doc: CaseDocument, *, lang: str, step: str | None = None) -> None:
        super().__init__()
        self.doc = doc
        self.lang = lang
        self.step = page(step or "") or page(last_step(doc.path) or "") or method().steps[0]
        """The step on screen: the one asked for, else the one last edited (``keykis.tui.recent``), else step 1."""
        self._edited_step = ""
        self.findings: list[Finding] = []
        self.ctx = FormContext(doc, lang, self.changed)
        self._check_timer: Timer | None = None
        self.autosave = Autosave(self, doc, lang=lambda: self.lang, reopen=self._reopen)
        self.recovery = doc.start_journal()
        self._changed_at = 0.0
        self.check_latency: float | None = None
        """Seconds from the last change to findings on screen (for the benchmark)."""
        self._pointed: set[str] = set()
        self._title_source = ""
        """The chosen question's text the title last followed."""
        self.last_rename: tuple[Path_, str, str] | None = None
        """(where the id is, old, new) of the last rename, for Ctrl+Z."""
        self.checks_done = 0
        """How many times findings were shown (tests and the benchmark wait on it)."""
        self.preview: Preview | None = None
        """The browser preview of this case, once F9 started it (it runs until the editor closes)."""

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
        self._translate_keys()
        self._title_source = self._chosen_question()
        self.title = clean_line(self.doc.case().title or self.doc.path.parent.name)
        self.sub_title = clean_line(self.doc.path.parent.name)
        self.query_one(StepsSidebar).select_step(self.step.id)
        self.doc.write_apart()  # saves are dumped on the other core, not under this process's interpreter lock
        self.autosave.start()
        self._await_tree()
        self.run_checks()
        self.focus_step()
        if self.recovery is not None:
            self._offer_recovery()

    def _translate_keys(self) -> None:
        """The footer's words in the editor's language."""
        say_keys(self, self.lang)

    def on_unmount(self) -> None:
        self.autosave.close()
        if self.preview is not None:
            self.preview.stop()

    @property
    def disk_conflict(self) -> bool:
        """True while the file on disk changed under us and the author has not decided."""
        return self.autosave.conflict

    def _offer_recovery(self) -> None:
        found, self.recovery = self.recovery, None
        assert found is not None
        offer_recovery(self, self.doc, found, self.lang, lambda: self.changed(()), self._redraw_step)

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
            self.query_one(StepPanel).focus_first()
        except NoMatches:
            pass

    # -- moving between steps -------------------------------------------------
    async def show_step(self, step_id: str) -> StepPanel:
        """Open a step in the middle pane."""
        found = page(step_id)
        assert found is not None, step_id
        self.step = found
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
        target = f.step_id or (p.id if (p := page_for_path(f.at)) else None)
        if target:
            panel = await self.show_step(target)

            def jump() -> None:
                if not panel.focus_path(f.at):
                    self.focus_step()

            self.call_after_refresh(jump)

    async def action_step(self, delta: int) -> None:
        """Go to the next or previous step (the card and the guidelines come after step 25)."""
        steps = pages()
        n = max(1, min(len(steps), self.step.n + delta))
        try:
            await self.show_step(steps[n - 1].id)
        except NoMatches:  # keys still queued while the editor closes
            return
        self.call_after_refresh(self.focus_step)

    def action_focus_steps(self) -> None:
        """Move the cursor to the steps list (unfolding it on a narrow terminal)."""
        self.add_class("-show-steps")
        self.call_after_refresh(self.query_one(StepsSidebar).focus)

    def action_focus_findings(self) -> None:
        """Move the cursor to the findings (unfolding them on a narrow terminal)."""
        self.add_class("-show-findings")
        self.call_after_refresh(self.query_one(FindingsPanel).focus)

    def on_resize(self, event: events.Resize) -> None:
        """Fold the side panes on narrow terminals so the step keeps a usable width."""
        self.set_class(event.size.width < NARROW, "-narrow")
        self.set_class(event.size.width < TINY, "-tiny")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A folded pane folds again once the cursor leaves it."""
        widget = event.widget
        if not (isinstance(widget, StepsSidebar) or any(isinstance(a, StepsSidebar) for a in widget.ancestors)):
            self.remove_class("-show-steps")
        if not (isinstance(widget, FindingsPanel) or any(isinstance(a, FindingsPanel) for a in widget.ancestors)):
            self.remove_class("-show-findings")

    # -- changes --------------------------------------------------------------
    def changed(self, path: Path_) -> None:
        """A control changed the document: schedule checks and the autosave."""
        self._changed_at = time.perf_counter()
        if self.step.id != self._edited_step:  # once per step written in, not at every key
            self._edited_step = self.step.id
            remember_step(self.doc.path, self.step.id)
        if path[:2] == ("matrix", "questions"):
            self._title_follows_question()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self.run_checks)
        self.autosave.changed()
        dependants = revisit(self.step.id)
        if dependants and path and path[0] not in ("narrative", "reflection") and self.step.id not in self._pointed:
            self._pointed.add(self.step.id)  # once per visit to the step, not at every key
            names = ", ".join(f"{s.n} {s.title.get(self.lang) or s.title['en']}" for s in dependants)
            self.notify(say("editor.revisit", self.lang, steps=names), timeout=6)

    def _chosen_question(self) -> str:
        chosen = self.doc.get(("matrix", "questions", "chosen"))
        for item in self.doc.get(("matrix", "questions", "items")) or []:
            if isinstance(item, dict) and item.get("id") == chosen and isinstance(item.get("text"), str):
                return " ".join(item["text"].split())
        return ""

    def _title_follows_question(self) -> None:
        """The title is the chosen research question: typed once, in the field of questions.

        It follows the chosen question while it is empty or still the text it
        followed; once the author words the title differently, it stays theirs.
        """
        text = self._chosen_question()
        title = " ".join(str(self.doc.get(("title",)) or "").split())
        if text and text != title and (not title or title == self._title_source):
            self.doc.set(("title",), text)
            for control in self.query_one(StepPanel).controls():
                if control.spec.path == ("title",):  # type: ignore[attr-defined]
                    for area in control.query(TextArea):
                        area.load_text(text)
        self._title_source = text

    def run_checks(self) -> None:
        """Check a snapshot of the case in a worker."""
        self._check(self.doc.case(), self.lang, self._changed_at)

    @work(thread=True, exclusive=True, group="check")
    def _check(self, case: object, lang: str, started: float) -> None:
        findings = check_case(case, lang=lang)  # type: ignore[arg-type]
        states = {**step_states(case, findings), **page_states(case, findings)}  # type: ignore[arg-type]
        self.app.call_from_thread(self._show_findings, findings, states, started)

    def _show_findings(self, findings: list[Finding], states: dict[str, str], started: float) -> None:
        self.findings = findings
        self.checks_done += 1
        try:
            self.query_one(FindingsPanel).show(findings, self.lang)
            self.query_one(StepsSidebar).show_states(states, self.lang)
        except NoMatches:  # the editor closed while the check ran
            return
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

    def key_f9(self) -> None:
        """F9: the browser preview (a key method, so the footer and the bindings stay as they are)."""
        self.action_preview()

    def action_preview(self) -> None:
        """Serve the case's editions on 127.0.0.1 (reloaded on every autosave) and show the address."""
        from keykis.web.preview import Preview

        self.flush()
        if self.preview is None:
            try:
                self.preview = Preview(self.doc.path, messages=self.lang).start()
            except OSError as exc:
                self.notify(clean_line(str(exc.strerror or exc)), severity="error", markup=False)
                return
        self.notify(say("web.editor_preview", self.lang, url=self.preview.url), timeout=20, markup=False)

    def action_render(self) -> None:
        """Render the PDFs in a worker, with progress."""
        from keykis.tui.screens.render import RenderScreen

        self.flush()
        self.app.push_screen(RenderScreen(self.doc.case(), self.doc.path.parent / "out", self.lang))

    def _where(self) -> tuple[str, str | None]:
        """Which pane has the cursor, and the dotted path of the control in the step (if there)."""
        focused = self.app.focused
        if focused is None:
            return "", None
        for pane, kind in (("steps", StepsSidebar), ("findings", FindingsPanel)):
            if isinstance(focused, kind) or any(isinstance(a, kind) for a in focused.ancestors):
                return pane, None
        node: object = focused
        while node is not None and not hasattr(node, "spec"):
            node = getattr(node, "parent", None)
        spec = getattr(node, "spec", None)
        return "step", ".".join(map(str, spec.path)) if spec is not None else None

    async def action_language(self) -> None:
        """Switch the language: ru → kk → en; the cursor stays in the same control."""
        order = list(LANGS)
        pane, dotted = self._where()
        self.lang = order[(order.index(self.lang) + 1) % 3] if self.lang in order else "en"
        self.app.lang = self.lang  # type: ignore[attr-defined]
        self.ctx.lang = self.lang
        name_palette_key(self.app, self.lang)
        self._translate_keys()
        self.query_one(StepsSidebar).show_states(self.query_one(StepsSidebar).states, self.lang)
        panel = await self.show_step(self.step.id)
        self.run_checks()
        self.call_after_refresh(self._go_back, pane, dotted, panel)

    def _go_back(self, pane: str, dotted: str | None, panel: StepPanel) -> None:
        if pane == "steps":
            self.query_one(StepsSidebar).focus()
        elif pane == "findings":
            self.query_one(FindingsPanel).focus()
        elif dotted is None or not panel.focus_path(dotted):
            self.focus_step()

    def action_theme(self) -> None:
        """Switch between the light and the dark theme (the cursor does not move)."""
        focused = self.app.focused
        self.app.theme = "textual-light" if self.app.current_theme.dark else "textual-dark"
        if focused is not None:
            self.call_after_refresh(focused.focus)

    # -- ids ----------------------------------------------------------------------
    def on_edit_item(self, event: EditItem) -> None:
        """Widgets post messages, screens open screens: an item's own form over the editor."""
        event.stop()
        self.app.push_screen(ItemEditor(event.path, event.spec, event.ctx), event.done)

    def on_item_list_renamed(self, event: ItemList.Renamed) -> None:
        self.last_rename = (event.id_path, event.old, event.new)
        self.notify(say("editor.renamed", self.lang, old=event.old, new=event.new, n=event.references), timeout=8)

    def on_item_list_clash(self, event: ItemList.Clash) -> None:
        self.notify(say("editor.id_clash", self.lang, id=event.ident), severity="error", timeout=8)

    async def action_undo_rename(self) -> None:
        """Undo the last rename of an id, with every reference."""
        if self.last_rename is None:
            return
        id_path, old, new = self.last_rename
        self.last_rename = None
        if self.doc.get(id_path) == new:
            self.doc.set(id_path, old)
        self.doc.rename_id(new, old)
        self.changed(id_path)
        await self._redraw_step()
        self.notify(say("editor.rename_undone", self.lang, old=old, new=new))

    def action_method_help(self) -> None:
        """F1: the current step's prompt and reflection questions, in the interface language."""
        from keykis.tui.dialogs.method_help import MethodHelp

        self.app.push_screen(MethodHelp(self.step, self.lang))

    def action_external_editor(self) -> None:
        """Open the file in ``$EDITOR``, then reload it."""
        if not self.flush():
            self.autosave.ask()
            return
        self.autosave.close()
        self.app.edit_externally(self.doc.path, step=self.step.id)  # type: ignore[attr-defined]
