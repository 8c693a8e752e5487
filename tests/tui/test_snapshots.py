"""SVG snapshots of every screen at a fixed size, taken when the checks have finished."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, TextArea

from keykis.tui.app import make_app
from keykis.tui.widgets.form import MAX_LINES, MIN_LINES, TextControl
from keykis.tui.widgets.text_box import TextBox
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle, until

pytestmark = pytest.mark.slow


async def steady(pilot) -> None:
    """Wait for the check worker, no blinking cursors, and a screen that two looks in a row find the same.

    On a busy machine a text area may still be growing to its content a frame
    after the workers finish; the picture is taken once it has settled.
    """
    await settle(pilot)  # the keys held for the screen delivered, the short pauses over, the workers done
    await pilot.app.workers.wait_for_complete()
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, (Input, TextArea))
        widget.cursor_blink = False
    await pilot.pause()
    await until(pilot, lambda: not _tables_pending(pilot.app), "the tables to measure their rows")
    await until(pilot, lambda: not _areas_unfitted(pilot.app), "the text areas to wrap and fit their text")
    seen = pilot.app.export_screenshot()
    for _ in range(20):
        await pilot.pause(0.1)
        await pilot.app.workers.wait_for_complete()
        now = pilot.app.export_screenshot()
        if (now == seen and not getattr(pilot.app, "keys_waiting", False) and not _tables_pending(pilot.app)
                and not _areas_unfitted(pilot.app)):
            return
        seen = now


def _tables_pending(app) -> bool:
    """Whether a table still has rows or cells to measure: DataTable sizes itself only when its queue is idle.

    Until then it may draw with a scroll bar its rows will not need (seen under load in the actors list).
    """
    return any(getattr(t, "_require_update_dimensions", False) or getattr(t, "_updated_cells", None)
               for t in app.screen.query(DataTable))


def _areas_unfitted(app) -> bool:
    """Whether a text area has not yet wrapped its text at its width, or its form not yet fitted its height to it.

    Under load the picture was once taken with the actors' text on one cut-off line, before the area had
    wrapped it at its new width and grown to it.
    """
    for area in app.screen.query(TextBox):
        if area.wrap_width > 0 and area.wrapped_document._width != area.wrap_width:
            return True
        lines = max(MIN_LINES, min(MAX_LINES, area.wrapped_document.height + 1))
        if isinstance(area.parent, TextControl) and (area.styles.height is None or area.styles.height.value != lines):
            return True
    return False


def keys_then_steady(*keys: str):
    """A run_before that presses ``keys`` and then waits for a steady screen."""
    async def run(pilot) -> None:
        await steady(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await steady(pilot)
    return run


def test_start_screen(snap_compare, workdir: Path) -> None:
    assert snap_compare(make_app(None, lang="en", cases_dir=Path("cases")), terminal_size=SIZE, run_before=steady)


def test_editor_first_step_in_russian(snap_compare, example: Path) -> None:
    assert snap_compare(make_app(example, lang="ru"), terminal_size=SIZE, run_before=steady)


def test_editor_actors_list(snap_compare, example: Path) -> None:
    run = keys_then_steady(*["ctrl+n"] * 5)
    assert snap_compare(make_app(example, lang="en"), terminal_size=SIZE, run_before=run)


def test_editor_item_form(snap_compare, example: Path) -> None:
    run = keys_then_steady(*["ctrl+n"] * 5, "enter")
    assert snap_compare(make_app(example, lang="en"), terminal_size=SIZE, run_before=run)


def test_editor_decision_matrix(snap_compare, example: Path) -> None:
    run = keys_then_steady(*["ctrl+n"] * 18)
    assert snap_compare(make_app(example, lang="en"), terminal_size=SIZE, run_before=run)


def test_editor_final_abstract_beside_the_draft(snap_compare, example: Path) -> None:
    run = keys_then_steady(*["ctrl+n"] * 21)
    assert snap_compare(make_app(example, lang="en"), terminal_size=SIZE, run_before=run)


def test_editor_with_findings(snap_compare, example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("chosen: p1", "chosen: p9").replace("owner: villagers", "owner: nobody"), encoding="utf-8")
    assert snap_compare(make_app(example, lang="en"), terminal_size=SIZE, run_before=steady)


def test_views_fan_matrix(snap_compare, example: Path) -> None:
    assert snap_compare(make_app(example, lang="ru"), terminal_size=SIZE, run_before=keys_then_steady("f4"))


def test_views_graph_text(snap_compare, example: Path) -> None:
    run = keys_then_steady("f4", "right")
    assert snap_compare(make_app(example, lang="ru"), terminal_size=SIZE, run_before=run)


def test_views_morphological_fan(snap_compare, example: Path) -> None:
    run = keys_then_steady("f4", "right", "right")
    assert snap_compare(make_app(example, lang="en"), terminal_size=SIZE, run_before=run)


def test_parse_error_view(snap_compare, example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("main_actor: ivanov", "main_actor: [ivanov"), encoding="utf-8")
    assert snap_compare(make_app(example, lang="en"), terminal_size=SIZE, run_before=steady)


def test_changed_on_disk_bar(snap_compare, example: Path) -> None:
    async def run(pilot) -> None:
        await steady(pilot)
        example.write_text(example.read_text(encoding="utf-8") + "\n# changed elsewhere\n", encoding="utf-8")
        pilot.app.screen.autosave.watch_disk()  # a bar, the cursor stays in the form
        await steady(pilot)
    assert snap_compare(make_app(example, lang="en"), terminal_size=SIZE, run_before=run)


def test_editor_at_80_by_24_folds_the_side_panes(snap_compare, example: Path) -> None:
    assert snap_compare(make_app(example, lang="kk"), terminal_size=(80, 24), run_before=steady)


def test_decision_matrix_at_100_by_30_keeps_the_sum_column(snap_compare, example: Path) -> None:
    run = keys_then_steady(*["ctrl+n"] * 18)
    assert snap_compare(make_app(example, lang="ru"), terminal_size=(100, 30), run_before=run)


def test_the_guidelines_plan_page(snap_compare, example: Path) -> None:
    run = keys_then_steady(*["ctrl+n"] * 29)
    assert snap_compare(make_app(example, lang="ru"), terminal_size=SIZE, run_before=run)


MATRICES = """
  matrices:
    - id: m1
      name: Маркетинг
      scores:
        s1:
          g1: {score: 1, reason: Жители узнают о выездах от акимата.}
          v1: {score: 2, reason: Объявление в селе понятно всем.}
        s2:
          g1: {score: 0, reason: Видео надо ещё продвигать.}
    - id: m2
      name: Финансы
      scores:
        s1:
          g1: {score: -1, reason: Выезды стоят бензина и суточных.}
"""


def test_step_19_with_further_matrices_at_80_by_30(snap_compare, example: Path) -> None:
    """Each further matrix (decision.matrices) gets its own grid, titled with its name, without a second legend."""
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("\nmetrics:\n", MATRICES + "\nmetrics:\n", 1), encoding="utf-8")
    run = keys_then_steady(*["ctrl+n"] * 18, "tab", "tab", "tab")
    assert snap_compare(make_app(example, lang="ru"), terminal_size=(80, 30), run_before=run)


def test_fan_matrix_at_80_by_24_scrolls_with_the_names_in_place(snap_compare, example: Path) -> None:
    run = keys_then_steady("f4", "tab", "right", "right", "right", "right", "right")
    assert snap_compare(make_app(example, lang="kk"), terminal_size=(80, 24), run_before=run)
