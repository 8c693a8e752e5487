"""The decision matrix of step 19 as an editable grid.

Rows are the solutions of the matrix field, columns the main actor's goals
and values; each cell is a score from −2 to +2 with a written reason, as
morphological-analysis tools do for consistency judgements.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from keykis.tui.fields import FieldSpec, summary
from keykis.tui.key_words import say_keys
from keykis.tui.widgets.form import EditItem, FormContext
from keykis.tui.widgets.items import ItemList, fill_table
from keykis.vocabulary import say

SCORE_RANGE = (-2, 2)


def _ids(items: Any) -> list[str]:
    return [i["id"] for i in items or [] if isinstance(i, dict) and isinstance(i.get("id"), str)]


class ScoreTable(DataTable[Text]):
    """The grid itself, with the keys that change a score."""

    BINDINGS = [
        Binding("plus,equals_sign", "score(1)", "+1"),
        Binding("minus", "score(-1)", "−1"),
        Binding("x", "clear", "editor.key_clear", show=False),
        Binding("enter", "reason", "editor.key_reason", show=False),
    ]

    @property
    def grid(self) -> DecisionGrid:
        """The grid this table belongs to."""
        return self.query_ancestor(DecisionGrid)

    def on_mount(self) -> None:
        say_keys(self, self.grid.ctx.lang)

    def action_score(self, delta: int) -> None:
        """Raise or lower the score under the cursor."""
        self.grid.bump(self.cursor_row, self.cursor_column, delta)

    def action_clear(self) -> None:
        """Remove the score under the cursor."""
        self.grid.clear(self.cursor_row, self.cursor_column)

    def action_reason(self) -> None:
        """Write the reason for the score under the cursor."""
        self.grid.reason(self.cursor_row, self.cursor_column)


class DecisionGrid(Vertical):
    """Solutions × goals and values, scored −2…+2."""

    DEFAULT_CSS = """
    DecisionGrid { height: auto; margin-bottom: 1; }
    DecisionGrid > .label { text-style: bold; }
    DecisionGrid > .hint { color: $text-muted; }
    DecisionGrid > .legend { color: $text-muted; margin-top: 1; }
    DecisionGrid DataTable { height: auto; max-height: 16; }
    """

    def __init__(self, spec: FieldSpec, ctx: FormContext, *, legend: bool = True) -> None:
        super().__init__(classes="decision")
        self.spec = spec
        self.ctx = ctx
        self.show_legend = legend
        """Whether the ids are spelt out below the grid (a further matrix relies on the main grid's)."""

    @property
    def rows(self) -> list[str]:
        """Solution ids."""
        return _ids(self.ctx.doc.get(("matrix", "solutions", "items")))

    @property
    def columns(self) -> list[str]:
        """Goal then value ids."""
        return _ids(self.ctx.doc.get(("goals",))) + _ids(self.ctx.doc.get(("values",)))

    def compose(self) -> ComposeResult:
        yield Label(self.spec.label, classes="label")
        table = ScoreTable(cursor_type="cell")
        table.fixed_columns = 1  # the solution's id stays in view while the columns scroll
        yield table
        if not self.ctx.read_only:
            yield Label(say("editor.decision_hint", self.ctx.lang), classes="hint")
        if self.show_legend:
            yield Static(self.legend(), classes="legend", markup=False)

    def legend(self) -> str:
        """What the row and column ids stand for."""
        lines = []
        for key in ("goals", "values", ("matrix", "solutions", "items")):
            path = key if isinstance(key, tuple) else (key,)
            for item in self.ctx.doc.get(path) or []:
                if isinstance(item, dict) and item.get("id"):
                    lines.append(f"{item['id']}  {summary(item)[:90]}")
        return "\n".join(lines)

    def on_mount(self) -> None:
        self.fill()

    def cell(self, row: str, col: str) -> dict[str, Any]:
        """The score and reason of one cell (empty when not scored)."""
        value = self.ctx.doc.get((*self.spec.path, row, col))
        return value if isinstance(value, dict) else {}

    def fill(self) -> None:
        """Show the scores and each solution's total."""
        table = self.query_one(ScoreTable)
        row, col = table.cursor_row, table.cursor_column
        rows = []
        for s in self.rows:
            cells, total = [], 0
            for c in self.columns:
                entry = self.cell(s, c)
                score = entry.get("score")
                if isinstance(score, int):
                    total += score
                    cells.append(f"{score:+d}" + ("*" if entry.get("reason") else ""))
                else:
                    cells.append("·")
            rows.append(tuple(Text(c) for c in (s, *cells, f"{total:+d}")))
        fill_table(table, ["", *self.columns, "Σ"], rows)
        if self.rows and self.columns:
            table.move_cursor(row=min(row, len(self.rows) - 1), column=max(1, min(col, len(self.columns))))

    def focus_input(self, scroll_visible: bool = True) -> None:
        """Put the cursor in the grid (if it is still there: the step may be closing)."""
        for table in self.query(ScoreTable):
            table.focus(scroll_visible)

    def _at(self, row: int, col: int) -> tuple[str, str] | None:
        if 0 <= row < len(self.rows) and 1 <= col <= len(self.columns):
            return self.rows[row], self.columns[col - 1]
        return None

    def bump(self, row: int, col: int, delta: int) -> None:
        """Change a score by ``delta`` within −2…+2."""
        at = self._at(row, col)
        if at is None or self.ctx.read_only:
            return
        score = self.cell(*at).get("score")
        new = max(SCORE_RANGE[0], min(SCORE_RANGE[1], (score if isinstance(score, int) else 0) + delta))
        if self.ctx.doc.set((*self.spec.path, *at, "score"), new):
            self.ctx.changed(self.spec.path)
        self.fill()

    def clear(self, row: int, col: int) -> None:
        """Remove a score and its reason."""
        at = self._at(row, col)
        if at and not self.ctx.read_only and self.ctx.doc.set((*self.spec.path, *at), None):
            self.ctx.changed(self.spec.path)
            self.fill()

    def reason(self, row: int, col: int) -> None:
        """Open the cell's form: score and reason."""
        at = self._at(row, col)
        if at is None:
            return
        from keykis.tui.fields import schema_at

        if not self.cell(*at) and not self.ctx.read_only:
            self.ctx.doc.set((*self.spec.path, *at, "score"), 0)
            self.ctx.changed(self.spec.path)
        cell_path = (*self.spec.path, *at)
        spec = FieldSpec(cell_path[:-1], "items", f"{at[0]} × {at[1]}", schema=schema_at(cell_path))
        self.post_message(EditItem(cell_path, spec, self.ctx, lambda _: self.fill()))


class MatrixGrids(Vertical):
    """The further matrices of step 19 (``decision.matrices``: marketing, finance...):
    the list that names them, then one grid per matrix, titled with its name.

    The further grids have the main grid's rows and columns, so only the main
    grid spells out what each id stands for; a matrix's own form has its id
    and name only (its scores are the grid's).
    """

    DEFAULT_CSS = """
    MatrixGrids { height: auto; }
    """

    def __init__(self, spec: FieldSpec, ctx: FormContext) -> None:
        super().__init__(classes="matrices")
        self.spec = spec
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        yield ItemList(FieldSpec(self.spec.path, "items", self.spec.label, schema=self.spec.schema), self.ctx)
        yield from self.grids()

    def grids(self) -> list[DecisionGrid]:
        """One grid per matrix of the document, scoring at ``decision.matrices.N.scores``."""
        out = []
        for i, mx in enumerate(self.ctx.doc.get(self.spec.path) or []):
            if isinstance(mx, dict):
                name = str(mx.get("name") or mx.get("id") or i + 1)
                title = say("editor.decision_matrix_named", self.ctx.lang, name=name)
                out.append(DecisionGrid(FieldSpec((*self.spec.path, i, "scores"), "decision", title), self.ctx,
                                        legend=False))
        return out

    async def on_item_list_changed(self, event: Any) -> None:
        """A matrix was added, removed, renamed or reordered: show the grids afresh."""
        await self.query(DecisionGrid).remove()
        await self.mount_all(self.grids())

    def focus_input(self, scroll_visible: bool = True) -> None:
        """Put the cursor in the list of matrices (if it is there yet: a part passed at once may not have built it)."""
        for items in self.query(ItemList):
            items.focus_input(scroll_visible)
            return
