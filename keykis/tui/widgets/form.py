"""Form controls bound to a case document, one per ``FieldSpec``.

Each control reads its value from the open ``CaseDocument`` and writes every
change straight back to it, then tells the form's owner which path changed
(so it can schedule the autosave and the checks). With ``read_only`` the same
controls show the case without letting anyone change it (the study mode).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets._select import SelectOverlay
from textual.widgets.selection_list import Selection

from keykis.casefile import CaseDocument
from keykis.terminal import clean, clean_line
from keykis.tui.fields import FieldSpec, Path_, summary
from keykis.tui.widgets.text_box import TextBox
from keykis.vocabulary import say


def plain_text(label: str) -> Text:
    """A label from the case as plain text: ``[red]`` or ``[/i]`` stay as written, control characters are pictured."""
    return Text(clean(str(label)))


@dataclass
class FormContext:
    """What every control needs: the document, the language and whom to tell."""

    doc: CaseDocument
    """The open case."""
    lang: str
    """Language of labels and method names."""
    changed: Callable[[Path_], None]
    """Called with the path after each change."""
    read_only: bool = False
    """Show values without letting them change."""


class EditItem(Message):
    """A list or grid asks its screen to open an item's own form; ``done`` runs when the form closes."""

    def __init__(self, path: Path_, spec: FieldSpec, ctx: FormContext, done: Callable[[object], None]) -> None:
        super().__init__()
        self.path = path
        self.spec = spec
        self.ctx = ctx
        self.done = done


def case_options(ctx: FormContext, source: Path_) -> list[tuple[str, str]]:
    """(id, label) choices among the case's own items at ``source`` (or at each of several sources)."""
    if source and isinstance(source[0], tuple):
        return [opt for one in source for opt in case_options(ctx, one)]
    out = []
    items = ctx.doc.get(source)
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            text = summary(item, ctx.lang)
            if "name" in item and item.get("alias"):
                text = f"{item['alias']} ({item['name']})"
            out.append((item["id"], f"{item['id']} — {text}" if text else item["id"]))
    return out


class Control(Vertical):
    """Base of the controls: a label and one input widget for ``spec.path``."""

    DEFAULT_CSS = """
    Control { height: auto; margin-bottom: 1; }
    Control > .label { color: $text-muted; }
    Control TextArea, Control Input, Control Select > SelectCurrent { background: $boost; }
    Control TextArea:focus, Control Input:focus, Control Select:focus > SelectCurrent { background: $primary 20%; }
    Control .readonly { color: $text-muted; padding: 0 1; border-left: wide $panel; }
    """

    def __init__(self, spec: FieldSpec, ctx: FormContext) -> None:
        super().__init__(classes="control")
        self.spec = spec
        self.ctx = ctx

    @property
    def value(self) -> Any:
        """The current value in the document."""
        return self.ctx.doc.get(self.spec.path)

    def write(self, value: Any) -> None:
        """Store ``value`` and tell the owner, if it changed."""
        if not self.ctx.read_only and self.ctx.doc.set(self.spec.path, value):
            self.ctx.changed(self.spec.path)

    def compose(self) -> ComposeResult:
        yield Label(self.spec.label, classes="label")
        yield from self.body()

    def body(self) -> ComposeResult:
        """The input widget(s)."""
        yield Static(clean(str(self.value or "")), markup=False)

    def focus_input(self, scroll_visible: bool = True) -> None:
        """Put the cursor in this control."""
        for w in self.query("*"):
            if w.focusable:
                w.focus(scroll_visible)
                return


MIN_LINES, MAX_LINES = 2, 12


class TextControl(Control):
    """A text of the case: a text area that grows with its content."""

    def body(self) -> ComposeResult:
        from keykis.study.checks import is_placeholder

        text = clean(str(self.value or ""))  # control characters are shown as pictures
        hint = ""
        if isinstance(self.value, str) and is_placeholder(text):  # a skeleton's «…»: shown as a hint, typed over
            text, hint = "", text
        area = TextBox(text, soft_wrap=True, show_line_numbers=False, placeholder=hint,
                       read_only=self.ctx.read_only, tab_behavior="focus", compact=True)
        area.cursor_blink = False
        area.styles.height = MIN_LINES  # never a frame at the pane's full height, which scrolled the step's first field away
        yield area

    def on_resize(self) -> None:
        self._fit()

    def on_text_box_resized(self, event: TextBox.Resized) -> None:
        event.stop()
        self._fit()

    def _fit(self) -> None:
        area = self.query_one(TextArea)
        lines = max(MIN_LINES, min(MAX_LINES, area.wrapped_document.height + 1))
        if area.styles.height is None or area.styles.height.value != lines:
            area.styles.height = lines

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._fit()
        text = event.text_area.text
        if text.strip() != clean(str(self.value or "")).strip() and (text.strip() or not event.text_area.placeholder):
            self.write(text.strip("\n"))


class ReadonlyControl(Control):
    """A text shown for reference beside the one being written."""

    def body(self) -> ComposeResult:
        yield Static(clean(str(self.value or "—")), classes="readonly", markup=False)


class NumberControl(Control):
    """A whole number."""

    def body(self) -> ComposeResult:
        value = self.value
        yield Input("" if value is None else str(value), type="integer", disabled=self.ctx.read_only, compact=True)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        if text in ("", "-"):
            self.write(None)
        elif text.lstrip("-").isdigit():
            self.write(int(text))


class WordsControl(TextControl):
    """A list of texts (keywords, readings, courses, indicators): one item per line.

    A reading often holds a ``;`` or a ``,`` of its own, so only a new line
    starts a new item; blank lines are dropped.
    """

    def body(self) -> ComposeResult:
        words = [clean_line(w) for w in self.value or [] if isinstance(w, str)]
        area = TextBox("\n".join(words), soft_wrap=True, show_line_numbers=False,
                       placeholder=say("editor.one_per_line", self.ctx.lang),
                       read_only=self.ctx.read_only, tab_behavior="focus", compact=True)
        area.cursor_blink = False
        yield area

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        event.prevent_default()  # the text control's handler would store the lines as one text
        self._fit()
        self.write([line.strip() for line in event.text_area.text.splitlines() if line.strip()])


class ChoiceSelect(Select[Any]):
    """A drop-down that keeps the keys typed while its list is opening.

    Opening the list moves the cursor into it a moment later (Textual focuses
    it after the keys already waiting); an arrow, Home, End or Enter typed in
    that moment went to the closed control and was lost, so a quick
    ``Enter ↓ ↓ Enter`` chose the wrong item. While the list is open, those
    keys go to the list.
    """

    TO_LIST = {"down": "cursor_down", "up": "cursor_up", "home": "first", "end": "last",
               "pagedown": "page_down", "pageup": "page_up", "enter": "select"}

    async def _on_key(self, event: events.Key) -> None:
        if self.expanded and event.key in self.TO_LIST:
            event.stop()
            event.prevent_default()
            getattr(self.query_one(SelectOverlay), f"action_{self.TO_LIST[event.key]}")()
            return
        await super()._on_key(event)


class ChoiceControl(Control):
    """Choose one: an enum of the method or an id among the case's items."""

    def options(self) -> list[tuple[str, str]]:
        """(value, label) pairs to choose from."""
        return case_options(self.ctx, self.spec.source) if self.spec.source else self.spec.options

    def body(self) -> ComposeResult:
        opts = self.options()
        current = self.value if self.value in [v for v, _ in opts] else Select.NULL
        yield ChoiceSelect([(plain_text(label), v) for v, label in opts], value=current, allow_blank=True,
                     disabled=self.ctx.read_only, prompt="—", compact=True)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = event.value
        if value is Select.NULL:
            if self.value in [v for v, _ in self.options()]:
                self.write(None)
        else:
            self.write(value)


class MultiControl(Control):
    """Choose several: resource kinds, strategies, actors."""

    DEFAULT_CSS = "MultiControl SelectionList { height: auto; max-height: 10; }"

    def body(self) -> ComposeResult:
        opts = case_options(self.ctx, self.spec.source) if self.spec.source else self.spec.options
        chosen = [str(v) for v in self.value or []]
        yield SelectionList(*[Selection(plain_text(label), v, v in chosen) for v, label in opts],
                            disabled=self.ctx.read_only)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        order = [v for v, _ in (case_options(self.ctx, self.spec.source) if self.spec.source else self.spec.options)]
        picked = set(event.selection_list.selected)
        self.write([v for v in order if v in picked])


class FlagControl(Control):
    """Yes or no (a disguised case...)."""

    def body(self) -> ComposeResult:
        yield Checkbox(say_yes(self.ctx.lang), bool(self.value), disabled=self.ctx.read_only, compact=True)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.write(True if event.value else False)


def say_yes(lang: str) -> str:
    """The label of a yes-or-no box."""
    return say("editor.tick_yes", lang)


class PlanSum(Control):
    """The sum of the timed plan's minutes against the session length, kept up to date."""

    def body(self) -> ComposeResult:
        yield Static(self._text(), classes="readonly plan-sum", markup=False)

    def on_mount(self) -> None:
        self.set_interval(0.5, self._refresh_sum)

    def _text(self) -> str:
        plan = self.ctx.doc.get((*self.spec.path, "plan"))
        total = sum(int(p.get("minutes") or 0) for p in plan if isinstance(p, dict)
                    and isinstance(p.get("minutes"), int)) if isinstance(plan, list) else 0
        length = self.ctx.doc.get((*self.spec.path, "length"))
        if isinstance(length, int) and not isinstance(length, bool):
            mark = "✓" if total == length else "≠"
            return f"Σ {total} {mark} {length}"
        return f"Σ {total}"

    def _refresh_sum(self) -> None:
        self.query_one(".plan-sum", Static).update(self._text())
