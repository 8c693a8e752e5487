"""The metadata card and the teacher guidelines have pages of their own, built from the schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Select, Static

from keykis import pages as pages_module
from keykis.method import case_schema
from keykis.tui.app import make_app
from keykis.tui.screens.editor import EditorScreen
from keykis.tui.widgets.form import Control, PlanSum
from keykis.tui.widgets.step_panel import StepPanel
from keykis.tui.widgets.steps import StepsSidebar
from tests.tui.conftest import SIZE
from tests.tui.helpers import focused_path, tab_to, until, write
from tests.tui.test_editor import open_step, settle


def _paths(panel: StepPanel) -> set[str]:
    return {".".join(map(str, c.spec.path)) for c in panel.controls()}  # type: ignore[attr-defined]


@pytest.mark.slow
async def test_the_card_follows_step_25_with_labels_for_every_value(example: Path) -> None:
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        sidebar = editor.query_one(StepsSidebar)
        ids = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        assert ids[25:] == ["card", "guide_audience", "guide_objectives", "guide_readings", "guide_plan",
                            "guide_questions", "guide_board", "guide_epilogue", "guide_disciplines"]
        await open_step(pilot, "appendices")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert editor.step.id == "card"
        panel = editor.query_one(StepPanel)
        assert {"meta.short_title", "meta.authors", "meta.level", "meta.status", "meta.setting.country",
                "meta.disguise.disguised", "meta.release"} <= _paths(panel)
        assert "narrative.card" not in _paths(panel), "a part has no prose of its own"
        level = panel.query(Select).first()
        assert ("повышение квалификации госслужащих", "civil-service") in [(str(a), b) for a, b in level._options]
        flag = [c for c in panel.query(Control) if c.spec.path[-1] == "disguised"][0]
        assert flag.query(Checkbox).first().label.plain == "да"
        assert focused_path(pilot) == "meta.short_title"
        await pilot.press("end")
        await write(pilot, " 2")
        assert editor.doc.get(("meta", "short_title")).endswith(" 2")


@pytest.mark.slow
async def test_the_session_plan_shows_its_sum_against_the_length(example: Path) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = app.screen
        await open_step(pilot, "guide_plan")
        total = editor.query_one(PlanSum)
        assert str(total.query_one(".plan-sum", Static).render()) == "Σ 80 ✓ 80"
        await tab_to(pilot, "guidelines.session.length")
        await pilot.press("end", "backspace", "5")
        await settle(pilot)
        assert editor.doc.get(("guidelines", "session", "length")) == 85
        await until(pilot, lambda: str(total.query_one(".plan-sum", Static).render()) == "Σ 80 ≠ 85", "the sum at 85")


@pytest.mark.slow
async def test_every_part_of_the_guidelines_is_on_a_page(example: Path) -> None:
    app = make_app(example, lang="kk")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen: set[str] = set()
        for part in pages_module.later_pages():
            if part.id == "card":
                continue
            await open_step(pilot, part.id)
            seen |= _paths(app.screen.query_one(StepPanel))
        for key in ("audience", "objectives.main", "readings", "session.plan", "questions", "board_plan",
                    "epilogue", "recommendations", "summing_up", "key_issues"):
            assert f"guidelines.{key}" in seen, key


def test_a_field_added_to_the_schema_gets_a_place_without_code(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = case_schema()
    guidelines = dict(schema["$defs"]["guidelines"])
    guidelines["properties"] = {**guidelines["properties"], "teacher_abstract": {"$ref": "#/$defs/text"}}
    top = {**schema["properties"], "exhibits": {"type": "array", "items": {"$ref": "#/$defs/text"}}}
    patched = {**schema, "properties": top, "$defs": {**schema["$defs"], "guidelines": guidelines}}
    monkeypatch.setattr(pages_module, "case_schema", lambda: patched)
    pages_module.later_pages.cache_clear()
    try:
        by_id = {p.id: p.fields for p in pages_module.later_pages()}
        assert "guidelines.teacher_abstract" in by_id["guide_audience"]
        assert by_id["other"] == ("exhibits",)
    finally:
        pages_module.later_pages.cache_clear()


@pytest.mark.slow
async def test_the_title_follows_the_chosen_question_until_worded_otherwise(example: Path) -> None:
    from tests.tui.helpers import choose

    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.screen.doc
        await tab_to(pilot, "matrix.questions.chosen", widget=Select)
        await choose(pilot, "q2")
        await settle(pilot)
        assert doc.get(("title",)) == "Нужен ли району второй ЦОН?", "typed once, in the field of questions"
        await tab_to(pilot, "title")
        await pilot.press("end")
        await write(pilot, " Да")
        await tab_to(pilot, "matrix.questions.chosen", widget=Select)
        await choose(pilot, "q1")
        await settle(pilot)
        assert doc.get(("title",)) == "Нужен ли району второй ЦОН? Да", "the author's own wording stays"


@pytest.mark.slow
async def test_views_say_what_is_missing(example: Path) -> None:
    from keykis.tui.screens.views import ViewsScreen

    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("characters: [ivanov,", "characters: [main, ivanov,"), encoding="utf-8")
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ViewsScreen)
        note = str(app.screen.query_one("#views-missing", Static).render())
        assert "main" in note and "step 11" in note


@pytest.mark.slow
async def test_the_focus_step_lists_the_field_with_the_chosen_item_under_the_cursor(example: Path) -> None:
    from keykis.tui.widgets.items import ItemTable

    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await open_step(pilot, "focus_problem")
        assert {"matrix.problems.items", "matrix.problems.chosen"} <= _paths(panel)
        chosen = app.screen.doc.get(("matrix", "problems", "chosen"))
        ids = [p["id"] for p in app.screen.doc.get(("matrix", "problems", "items"))]
        assert panel.query(ItemTable).first().cursor_row == ids.index(chosen)
