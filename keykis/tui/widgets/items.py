"""A list of the case's items (actors, problems, relations...) to add, edit, remove and reorder.

The list is a table with one row per item; each item is edited in a small
form of its own (``ItemEditor``), built from the item's schema. Changes go
straight to the case document, so comments on the other items stay put.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Label

from keykis.tui.fields import FieldSpec, Path_, summary
from keykis.tui.key_words import say_keys
from keykis.tui.widgets.form import EditItem, FormContext
from keykis.vocabulary import say

SUMMARY_WIDTH = 56


def id_prefix(path: Path_) -> str:
    """The initial of the list's name: p for problems, r for relations, ref for references."""
    key = str(path[-2] if path[-1] == "items" else path[-1])
    return "ref" if key == "references" else key[0]


def fill_table(table: DataTable[Any], labels: list[str], rows: Sequence[tuple[Text, ...]]) -> None:
    """Show ``rows`` under columns as wide as their widest cell.

    DataTable measures auto-width columns only when it next receives a message;
    a table refilled after an item's form closes gets none, and its columns kept
    the width of the empty rows (a name of one letter). The widths are given.
    """
    table.clear(columns=True)
    for n, label in enumerate(labels):
        table.add_column(label, width=max([Text(label).cell_len, *(row[n].cell_len for row in rows)]))
    for row in rows:
        table.add_row(*row)


class ItemTable(DataTable[Text]):
    """The table of an ``ItemList``, with the list's keys."""

    BINDINGS = [
        Binding("a", "add", "study.key_add"),
        Binding("enter", "edit", "editor.key_edit", show=False),
        Binding("delete", "remove", "study.key_remove"),
        Binding("shift+up", "move(-1)", "editor.key_up", show=False),
        Binding("shift+down", "move(1)", "editor.key_down", show=False),
    ]

    def on_mount(self) -> None:
        """The footer's words in the form's language."""
        say_keys(self, self.parent_list.ctx.lang)

    def action_add(self) -> None:
        """Add an item at the end and edit it."""
        self.parent_list.add()

    def action_edit(self) -> None:
        """Edit the item under the cursor."""
        self.parent_list.edit(self.cursor_row)

    def action_remove(self) -> None:
        """Remove the item under the cursor."""
        self.parent_list.remove_item(self.cursor_row)

    def action_move(self, offset: int) -> None:
        """Move the item under the cursor up or down."""
        self.parent_list.move(self.cursor_row, offset)

    @property
    def parent_list(self) -> ItemList:
        """The list this table shows."""
        return self.query_ancestor(ItemList)


class ItemList(Vertical):
    """Items of a list in the case, with add, edit, remove and reorder."""

    DEFAULT_CSS = """
    ItemList { height: auto; margin-bottom: 1; }
    ItemList > .label { text-style: bold; }
    ItemList > .hint { color: $text-muted; }
    ItemList DataTable { height: auto; max-height: 14; }
    """

    class Changed(Message):
        """Items were added, removed, edited or reordered."""

        def __init__(self, path: Path_) -> None:
            super().__init__()
            self.path = path

    class Renamed(Message):
        """An item's id changed in its form; every reference followed it."""

        def __init__(self, id_path: Path_, old: str, new: str, references: int) -> None:
            super().__init__()
            self.id_path, self.old, self.new, self.references = id_path, old, new, references

    class Clash(Message):
        """An item's id was changed to one that another part of the case already has."""

        def __init__(self, ident: str) -> None:
            super().__init__()
            self.ident = ident

    def __init__(self, spec: FieldSpec, ctx: FormContext) -> None:
        super().__init__(classes="items")
        self.spec = spec
        self.ctx = ctx

    @property
    def items(self) -> list[Any]:
        """The items in the document."""
        value = self.ctx.doc.get(self.spec.path)
        return value if isinstance(value, list) else []

    def compose(self) -> ComposeResult:
        yield Label(self.spec.label, classes="label")
        yield ItemTable(cursor_type="row", zebra_stripes=True)
        if not self.ctx.read_only:
            yield Label(say("editor.items_hint", self.ctx.lang), classes="hint")

    def on_mount(self) -> None:
        chosen = self.ctx.doc.get((*self.spec.path[:-1], "chosen")) if self.spec.path[-1] == "items" else None
        ids = [i.get("id") if isinstance(i, dict) else None for i in self.items]
        self.fill(ids.index(chosen) if chosen in ids else None)  # the chosen item under the cursor

    def fill(self, cursor: int | None = None) -> None:
        """Show the items; put the cursor on row ``cursor``."""
        table = self.query_one(ItemTable)
        rows = []
        for i, item in enumerate(self.items):
            ident = str(item.get("id", i + 1)) if isinstance(item, dict) else str(i + 1)
            text = summary(item, self.ctx.lang)
            rows.append((Text(ident), Text(text[:SUMMARY_WIDTH] + ("…" if len(text) > SUMMARY_WIDTH else ""))))
        fill_table(table, ["id", "…"], rows)
        if cursor is not None and self.items:
            table.move_cursor(row=min(cursor, len(self.items) - 1))

    def focus_input(self, scroll_visible: bool = True) -> None:
        """Put the cursor in the table (if it is still there: the step may be closing)."""
        for table in self.query(ItemTable):
            table.focus(scroll_visible)

    def focus_row(self, index: int) -> None:
        """Put the cursor on item ``index`` (a finding about it was chosen)."""
        for table in self.query(ItemTable):
            if 0 <= index < len(self.items):
                table.move_cursor(row=index)

    def _changed(self, cursor: int | None) -> None:
        self.ctx.changed(self.spec.path)
        self.fill(cursor)
        self.post_message(self.Changed(self.spec.path))

    def add(self) -> None:
        """Append a new item (with a fresh id when items have ids) and edit it."""
        if self.ctx.read_only:
            return
        item: dict[str, Any] = {}
        if "id" in self.spec.schema.get("properties", {}):
            item["id"] = self.ctx.doc.new_id(id_prefix(self.spec.path), len(self.items) + 1)
        index = self.ctx.doc.append(self.spec.path, item)
        self._changed(index)
        self.edit(index)

    def edit(self, index: int) -> None:
        """Open the item's own form."""
        if not 0 <= index < len(self.items):
            return
        old = self.ctx.doc.get((*self.spec.path, index, "id"))

        def done(_: object) -> None:
            self._follow_rename((*self.spec.path, index, "id"), old)
            self._changed(index)
            self.focus_input()

        self.post_message(EditItem((*self.spec.path, index), self.spec, self.ctx, done))

    def _follow_rename(self, id_path: Path_, old: object) -> None:
        """After the form closes: if the id changed, make every reference follow (or say it clashes)."""
        new = self.ctx.doc.get(id_path)
        if not isinstance(old, str) or not old or not isinstance(new, str) or not new.strip() or new == old:
            return
        if self.ctx.doc.id_count(new) > 1:
            self.post_message(self.Clash(new))
            return
        self.post_message(self.Renamed(id_path, old, new, self.ctx.doc.rename_id(old, new)))

    def remove_item(self, index: int) -> None:
        """Remove an item (the previous file stays in the backup)."""
        if self.ctx.read_only or not 0 <= index < len(self.items):
            return
        self.ctx.doc.remove(self.spec.path, index)
        self._changed(index)

    def move(self, index: int, offset: int) -> None:
        """Move an item up or down the list."""
        if self.ctx.read_only or not 0 <= index < len(self.items):
            return
        self._changed(self.ctx.doc.move(self.spec.path, index, offset))
