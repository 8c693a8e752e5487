"""The form of one list item: an actor, a problem, a relation, a solution..."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

from keykis.tui.fields import FieldSpec, Path_, item_specs
from keykis.tui.key_words import say_keys
from keykis.tui.widgets.controls import make_control
from keykis.tui.widgets.form import Control, EditItem, FormContext, TextControl, plain_text
from keykis.vocabulary import say


class ItemEditor(ModalScreen[None]):
    """Edit one item in place; Escape returns to the list."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "close", "study.key_back"), Binding("ctrl+enter", "close", "editor.key_done", show=False)]

    def __init__(self, path: Path_, spec: FieldSpec, ctx: FormContext) -> None:
        super().__init__()
        self.path = path
        self.spec = spec
        self.ctx = ctx
        self._holding = False

    def compose(self) -> ComposeResult:
        """The frame, the title and "opening…" first: they are drawn before the fields are built.

        Building the fields of a form takes the screen well over a second on a
        loaded machine, and nothing is drawn meanwhile; the note says the form
        is on its way. Keys typed meanwhile wait until the cursor is in the first
        field: the queues ``type_ahead`` watches are empty for a moment between
        the fields being mounted and the cursor being placed.
        """
        self._hold(True)
        with VerticalScroll(id="item-form"):
            ident = self.ctx.doc.get((*self.path, "id"))
            title = f"{self.spec.label} · {ident or say('editor.item', self.ctx.lang)}"
            yield Label(plain_text(title), id="item-title")
            yield Label(say("editor.opening", self.ctx.lang), id="item-opening")
        yield Footer()

    def on_edit_item(self, event: EditItem) -> None:
        """A list inside this form opens its item's own form on top."""
        event.stop()
        self.app.push_screen(ItemEditor(event.path, event.spec, event.ctx), event.done)

    def on_mount(self) -> None:
        say_keys(self, self.ctx.lang)
        self.call_after_refresh(self._fill)

    async def _fill(self) -> None:
        """The fields, once the frame is on screen; the cursor to the first text to write (the id only when
        it is still empty), at the top."""
        try:
            form = self.query_one("#item-form", VerticalScroll)
            opening = self.query_one("#item-opening")
            specs = item_specs(self.path, self.spec.schema, self.ctx.lang)
            await form.mount_all([make_control(spec, self.ctx) for spec in specs], before=opening)
            await opening.remove()
            controls = list(self.query(Control))
            texts = [c for c in controls if isinstance(c, TextControl)]
            empty_id = [c for c in texts if c.spec.path[-1] == "id" and not self.ctx.doc.get(c.spec.path)]
            first = next(iter(empty_id or [c for c in texts if c.spec.path[-1] != "id"] or controls), None)
            if first is not None:
                first.focus_input()
            form.scroll_home(animate=False)
            self.call_after_refresh(lambda: form.scroll_home(animate=False))
        finally:
            self._hold(False)

    def _hold(self, on: bool) -> None:
        """Hold the keys typed ahead (``type_ahead``) from the frame until the cursor is in the form."""
        if on != self._holding:
            self._holding = on
            getattr(self.app, "hold_keys" if on else "release_keys", lambda: None)()

    def on_unmount(self) -> None:
        self._hold(False)  # closed before its fields were built

    def action_close(self) -> None:
        """Back to the list."""
        self.dismiss(None)
