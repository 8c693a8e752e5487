"""Lists and the decision grid are as wide as what they show, at once after a change.

DataTable measures its auto-width columns only when it next handles a
message; a list refilled when an item's form closes may get none, and kept
columns as wide as the empty row it had (an author's name shown as «А»).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.tui.app import make_app
from keykis.tui.screens.editor import EditorScreen
from keykis.tui.widgets.decision import DecisionGrid, ScoreTable
from keykis.tui.widgets.items import ItemList, ItemTable


def _widths(table) -> list[int]:
    return [c.get_render_width(table) - 2 * table.cell_padding for c in table.ordered_columns]


@pytest.mark.slow
async def test_a_list_is_as_wide_as_its_longest_item_without_waiting(example: Path) -> None:
    app = make_app(example, lang="ru")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await screen.show_step("card")
        await pilot.pause()
        authors = next(w for w in screen.query(ItemList) if w.spec.path == ("meta", "authors"))
        name = "Айгерим Нурланова-Сейтказиева"
        screen.doc.set(("meta", "authors", 0, "name"), name)
        authors.fill(0)  # as when the author's form closes; no message reaches the table before it is drawn
        table = authors.query_one(ItemTable)
        assert _widths(table)[1] == len(name)
        assert str(table.get_row_at(0)[1]) == name


@pytest.mark.slow
async def test_the_decision_grid_shows_every_score_and_total_without_waiting(example: Path) -> None:
    app = make_app(example, lang="ru")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await screen.show_step("decision_matrix")
        await pilot.pause()
        grid = screen.query(DecisionGrid).first()
        table = grid.query_one(ScoreTable)
        for row in range(len(grid.rows)):  # every score to −2: the widest cells and totals
            for col in range(1, len(grid.columns) + 1):
                for _ in range(4):
                    grid.bump(row, col, -1)
        rows = [[str(c) for c in table.get_row_at(r)] for r in range(table.row_count)]
        widths = _widths(table)
        for row in rows:
            assert all(len(cell) <= width for cell, width in zip(row, widths, strict=True)), (row, widths)
        assert widths[-1] >= max(len(row[-1]) for row in rows)  # the Σ column holds its totals


@pytest.mark.slow
async def test_keys_typed_while_a_drop_down_opens_go_to_its_list(example: Path) -> None:
    """``Enter ↓ ↓ Enter`` typed quickly: the arrows reach the list even before the cursor has moved into it."""
    from textual import events
    from textual.widgets import Select

    app = make_app(example, lang="ru")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await screen.show_step("calibration")  # step 5: the main actor is a drop-down of the actors
        await pilot.pause()
        select = screen.query(Select).first()
        options = [value for _, value in select._options]
        select.focus()
        await pilot.pause()
        select.action_show_overlay()  # the list opens; the cursor is still on the closed control
        for key in ("home", "down", "down", "enter"):
            await select._on_key(events.Key(key, None))
        await pilot.pause()
        assert select.value == options[2]  # the blank line, then the second actor
        assert screen.doc.get(("main_actor",)) == options[2]
