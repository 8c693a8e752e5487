"""One step of the algorithm: its prompt, its part of the case, its reflection.

The prompt and the reflection questions come from ``schemas/steps.yaml`` in
the chosen language; the controls from ``keykis.tui.fields``. The reflection
questions are a checklist with a note each, stored under ``reflection.<step>``.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Static

from keykis.method import Step, method
from keykis.tui.fields import FieldSpec, step_specs
from keykis.tui.widgets.controls import make_control
from keykis.tui.widgets.form import Control, FormContext
from keykis.vocabulary import say


class ReflectionItem(Vertical):
    """One reflection question: ticked when answered, with a note."""

    DEFAULT_CSS = """
    ReflectionItem { height: auto; margin-bottom: 1; }
    ReflectionItem Horizontal { height: auto; }
    ReflectionItem Checkbox { width: auto; margin-right: 2; }
    ReflectionItem Input { width: 1fr; background: $boost; }
    ReflectionItem Input:focus { background: $primary 20%; }
    """

    def __init__(self, step: Step, qid: str, ctx: FormContext) -> None:
        super().__init__(classes="reflection-item")
        self.step, self.qid, self.ctx = step, qid, ctx
        self.path = ("reflection", step.id, qid)
        self.spec = FieldSpec(self.path, "reflection", qid)

    def focus_input(self, scroll_visible: bool = True) -> None:
        """Put the cursor in the note (a space typed there is a space, not a tick)."""
        for note in self.query(Input):  # not there yet when the step was passed at once
            note.focus(scroll_visible)
            return

    def compose(self) -> ComposeResult:
        texts = self.step.reflection[self.qid]
        answer = self.ctx.doc.get(self.path) or {}
        yield Static(texts.get(self.ctx.lang) or texts["en"], markup=False)
        with Horizontal():
            yield Checkbox(say("editor.done", self.ctx.lang), bool(answer.get("done")),
                           disabled=self.ctx.read_only, compact=True)
            yield Input(str(answer.get("note") or ""), placeholder=say("editor.note", self.ctx.lang),
                        disabled=self.ctx.read_only, compact=True)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if self.ctx.doc.set((*self.path, "done"), True if event.value else None):
            self._tidy()
            self.ctx.changed((*self.path, "done"))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.ctx.doc.set((*self.path, "note"), event.value.strip() or None):
            self._tidy()
            self.ctx.changed((*self.path, "note"))

    def _tidy(self) -> None:
        for path in (self.path, self.path[:-1], self.path[:-2]):
            if self.ctx.doc.get(path) == {}:
                self.ctx.doc.set(path, None)


class PanelScreen(Screen[None]):
    """A screen whose step panels bring the focused field into view themselves.

    Textual's own focus scroll centres the field with an animation that is
    still running when the panel scrolls: the two fight, and the pane stops a
    line short or between lines. Fields in a panel are left to the panel.
    """

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        if widget is not None and any(isinstance(node, StepPanel) for node in widget.ancestors):
            scroll_visible = False
        super().set_focus(widget, scroll_visible, from_app_focus)


class StepPanel(VerticalScroll):
    """The whole of one step, ready to write in."""

    DEFAULT_CSS = """
    StepPanel { padding: 0 1; }
    StepPanel > .step-title { text-style: bold; color: $accent; }
    StepPanel > .prompt { margin-bottom: 1; }
    StepPanel > .revisit { color: $warning; margin-bottom: 1; }
    StepPanel > .reflection-title { text-style: bold; margin-top: 1; }
    StepPanel > .reflection { height: auto; }
    """

    def __init__(self, step: Step, ctx: FormContext, *, revisit: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.step, self.ctx, self.revisit = step, ctx, revisit

    def compose(self) -> ComposeResult:
        lang = self.ctx.lang
        total = len(method().steps)
        title = self.step.title.get(lang) or self.step.title["en"]
        heading = title if self.step.n > total else f"{say('editor.step', lang)} {self.step.n}/{total} · {title}"
        yield Label(heading, classes="step-title")
        yield Static(self.step.prompt.get(lang) or self.step.prompt["en"], classes="prompt", markup=False)
        if self.revisit:
            yield Static(self.revisit, classes="revisit", markup=False)
        langs = self.ctx.doc.case().languages
        for spec in step_specs(self.step, lang, langs):
            yield make_control(spec, self.ctx)
        if self.step.reflection:
            yield Label(say("editor.reflection", lang), classes="reflection-title")
            with Vertical(classes="reflection"):
                for qid in self.step.reflection:
                    yield ReflectionItem(self.step, qid, self.ctx)

    def controls(self) -> list[Widget]:
        """Every control of the step, in order."""
        return [w for w in self.query("*") if hasattr(w, "spec") and hasattr(w, "focus_input")]

    def focus_path(self, dotted: str) -> bool:
        """Focus the control that edits ``dotted`` (or its nearest parent); return whether found."""
        parts = dotted.split(".") if dotted else []
        best: tuple[int, Widget] | None = None
        for w in self.controls():
            path = [str(p) for p in w.spec.path]  # type: ignore[attr-defined]
            if parts[: len(path)] == path and (best is None or len(path) > best[0]):
                best = (len(path), w)
        if best is None:
            return False
        best[1].focus_input()  # type: ignore[attr-defined]
        rest = parts[best[0]:]
        if rest and rest[0].isdigit() and hasattr(best[1], "focus_row"):
            best[1].focus_row(int(rest[0]))  # the row of a list the finding is about
        self.scroll_to_widget(best[1], animate=False)
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Whatever takes the cursor is brought on screen once it is laid out (Tab, a finding, a click)."""
        self.call_after_refresh(self.bring_into_view, event.widget)

    def on_resize(self, event: events.Resize) -> None:
        """A text area or a grid that grew (or a terminal that shrank) must not push the cursor out of sight.

        The first layout of a step is not its last: text areas wrap and grids fill
        once their width is known, a frame or more after the focus moved there.
        """
        focused = self.app.focused
        if focused is not None and self in focused.ancestors:
            self.call_after_refresh(self.bring_into_view, focused)

    def bring_into_view(self, widget: Widget) -> None:
        """Scroll so the focused widget is on screen, with its question and label when they fit.

        A reflection note comes with its question and its tick, a list with its
        heading and rows; a control taller than the pane shows the part that
        has the cursor. The pane moves as little as it can, at once.
        """
        if not widget.is_attached or self.app.focused is not widget:
            return
        block: Widget = widget
        for node in widget.ancestors:
            if node is self:
                break
            if isinstance(node, ReflectionItem) or hasattr(node, "spec"):
                block = node  # type: ignore[assignment]
                break
        room = self.scrollable_content_region.height
        target = block if block.outer_size.height <= room else widget
        self.scroll_to_widget(target, animate=False, immediate=True)

    def first_control(self) -> Control | None:
        """The first control, to put the cursor in when the step opens."""
        for w in self.controls():
            return w  # type: ignore[return-value]
        return None

    def focus_first(self) -> None:
        """Put the cursor in the first control with the step's heading in view.

        Focusing would scroll the control to the middle of the pane and push the
        heading and the guidance off a small terminal; the pane stays at its top
        unless the control itself would then be out of sight.
        """
        first = self.first_control()
        if first is None:
            return
        first.focus_input(scroll_visible=False)
        self.scroll_home(animate=False, immediate=True)
        self.call_after_refresh(self._keep_in_view, first)

    def _keep_in_view(self, control: Widget) -> None:
        if control.is_attached and control.region.height == 0:  # below the fold at this size (or not laid out yet)
            self.scroll_to_widget(control, animate=False)  # as little as brings it on screen: none when it is
