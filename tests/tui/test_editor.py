"""Pilot tests of every screen of the editor, against real case files on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from keykis.tui import app as app_module
from keykis.tui.app import make_app
from keykis.tui.autosave import ConflictBar
from keykis.tui.dialogs.changed import ChangedOnDisk
from keykis.tui.screens.editor import EditorScreen
from keykis.tui.screens.parse_error import ParseErrorScreen
from keykis.tui.screens.start import StartScreen
from keykis.tui.screens.views import ViewsScreen
from keykis.tui.widgets.decision import DecisionGrid, ScoreTable
from keykis.tui.widgets.step_panel import StepPanel
from keykis.tui.widgets.steps import StepsSidebar
from keykis.tui.widgets.views import FanMatrixTable, GraphTextView, MorphFan
from keykis.yamlsafe import loads
from tests.tui.conftest import SIZE
from tests.tui.helpers import focused_path, settle, until, write


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Short autosave and disk-watch delays so the tests need not wait."""
    monkeypatch.setenv("KEYKIS_AUTOSAVE_DELAY", "0.2")
    monkeypatch.setenv("KEYKIS_WATCH_INTERVAL", "0.2")


async def open_step(pilot, step_id: str) -> StepPanel:
    """Jump to a step from the sidebar, by keyboard (once keys typed before, such as an Escape, have closed their screen)."""
    await until(pilot, lambda: isinstance(pilot.app.screen, EditorScreen), "the editor, keys before it delivered")
    screen = pilot.app.screen
    await pilot.press("ctrl+g")
    sidebar = screen.query_one(StepsSidebar)
    target = sidebar.get_option_index(step_id)
    await pilot.press("home", *["down"] * target, "enter")
    await until(pilot, lambda: screen.step.id == step_id, f"the step {step_id}")
    return screen.query_one(StepPanel)


@pytest.mark.slow
async def test_opening_and_quitting_without_an_edit_leaves_the_file_byte_identical(example: Path) -> None:
    before = example.read_bytes()
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        for _ in range(4):
            await pilot.press("ctrl+n")
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("escape")
        await open_step(pilot, "decision_matrix")
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert example.read_bytes() == before
    assert not example.with_name("case.yaml.bak").exists()


@pytest.mark.slow
async def test_typing_is_saved_shortly_after_with_comments_and_a_backup(example: Path, quick: None) -> None:
    before = example.read_text(encoding="utf-8")
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_step(pilot, "time_place")
        assert focused_path(pilot) == "time_place.time"
        await pilot.press("end")
        await write(pilot, " Mart.")
        await settle(pilot)
        await until(pilot, lambda: "Mart." in example.read_text(encoding="utf-8"), "the autosave after the typing pause")
        after = example.read_text(encoding="utf-8")
        assert "time: Весна 2025 года, до отчётной встречи акима с населением в июне. Mart.\n" in after
        assert after.splitlines()[:3] == before.splitlines()[:3], "the comments at the top are kept"
        assert example.with_name("case.yaml.bak").read_text(encoding="utf-8") == before
        await until(pilot, lambda: not app.screen.doc.dirty, "the editor to know its text is saved")


@pytest.mark.slow
async def test_a_change_on_disk_is_announced_and_never_overwritten(example: Path, quick: None) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        theirs = example.read_text(encoding="utf-8").replace("Весна 2025 года", "Осень 2025 года")
        example.write_text(theirs, encoding="utf-8")
        await until(pilot, lambda: getattr(app.screen, "disk_conflict", False), "the change on disk noticed")
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.disk_conflict, "no dialog takes the keyboard"
        bar = editor.query_one(ConflictBar)
        assert bar.display and "changed on disk" in str(bar.render())
        await open_step(pilot, "conclusion")
        await write(pilot, "Mine ")
        await settle(pilot)
        assert "Mine " in editor.doc.get(("conclusion",)), "typing went to the form"
        assert example.read_text(encoding="utf-8") == theirs, "autosave is paused"
        assert "Mine " in example.with_name("case.yaml.recovery").read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk)
        await pilot.press("enter")  # the first choice: reload from disk
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen) and not editor.disk_conflict
        assert editor.doc.get(("time_place", "time")).startswith("Осень 2025 года")
        assert editor.step.id == "conclusion"
    assert example.read_text(encoding="utf-8") == theirs


@pytest.mark.slow
async def test_a_file_that_does_not_parse_opens_in_the_error_view(example: Path) -> None:
    good = example.read_text(encoding="utf-8")
    broken = good.replace("main_actor: ivanov", "main_actor: [ivanov")
    example.write_text(broken, encoding="utf-8")
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ParseErrorScreen)
        message = str(screen.query_one("#error-message", Static).render())
        assert message.startswith(f"{example}:") and "in brackets is not closed" in message
        excerpt = str(screen.query_one("#error-excerpt Static", Static).render())
        assert "> " in excerpt and "main_actor: [ivanov" in excerpt
        await pilot.press("e")  # no terminal to hand over in a test: it says what to do instead
        await pilot.pause()
        assert isinstance(app.screen, ParseErrorScreen)
        example.write_text(good, encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    assert example.read_text(encoding="utf-8") == good


@pytest.mark.slow
async def test_findings_are_live_and_choosing_one_jumps_to_its_step(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("chosen: p1", "chosen: p9"), encoding="utf-8")
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        errors = [f for f in screen.findings if f.severity == "error"]
        assert errors and errors[0].step_id == "focus_problem"
        assert screen.query_one(StepsSidebar).states["focus_problem"] == "errors"
        await pilot.press("ctrl+f")
        index = screen.findings.index(errors[0])
        await pilot.press("home", *["down"] * index, "enter")
        await pilot.pause()
        await pilot.pause()
        assert screen.step.id == "focus_problem"
        assert focused_path(pilot) == "matrix.problems.chosen"
        await pilot.press("enter", "down", "enter")  # choose the first problem
        await settle(pilot)
        assert screen.doc.get(("matrix", "problems", "chosen")) == "p1"
        assert not [f for f in screen.findings if f.severity == "error"]
        assert screen.query_one(StepsSidebar).states["focus_problem"] == "done"


@pytest.mark.slow
async def test_changing_goals_points_at_the_steps_that_depend_on_them(example: Path) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_step(pilot, "values_goals")
        await pilot.press("tab")  # from the values table to the goals table
        assert focused_path(pilot) == "goals"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert focused_path(pilot) == "goals.0.text", "the item's form opens on its first text"
        await pilot.press("end")
        await write(pilot, "!")
        notes = [n.message for n in app._notifications]
        assert any("18 Field of solutions" in n and "19" in n for n in notes), notes


@pytest.mark.slow
async def test_the_decision_grid_scores_within_the_scale(example: Path) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await open_step(pilot, "decision_matrix")
        grid = panel.query_one(DecisionGrid)
        assert grid.rows == ["s1", "s2", "s3", "s4", "s5"] and grid.columns == ["g1", "v1"]
        grid.focus_input()
        await pilot.press("down", "down", "right")  # s3 × v1 = -1
        await pilot.press("minus", "minus", "minus")
        assert app.screen.doc.get(("decision", "scores", "s3", "v1", "score")) == -2
        await pilot.press("up", "plus")
        assert app.screen.doc.get(("decision", "scores", "s2", "v1", "score")) == 1
        table = grid.query_one(ScoreTable)
        assert [str(c) for c in table.get_row_at(1)][-1] == "+2"


@pytest.mark.slow
async def test_the_views_show_the_fan_matrix_graph_and_morphological_fan(example: Path) -> None:
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ViewsScreen)
        fan = screen.query_one(FanMatrixTable)
        assert [str(c.label) for c in fan.columns.values()][:2] == ["", "Иванов"]
        assert "контроль" in [str(c) for c in fan.get_row_at(fan.row_count - 1)]
        graph = str(screen.query_one(GraphTextView).render())
        assert "Внутренняя среда" in graph and "★ Иванов" in graph and "Кузнецова → Иванов" in graph
        tree = screen.query_one(MorphFan)
        assert str(tree.root.label).startswith("★ Может ли руководитель ЦОН")
        problems = [str(n.label) for n in tree.root.children]
        assert problems[0].startswith("★ p1:") and len(problems) == 6
        assert "Ерлан Сапаров" not in graph, "views print public names only"


@pytest.mark.slow
async def test_the_start_screen_lists_cases_and_opens_one(workdir: Path) -> None:
    app = make_app(None, lang="en", cases_dir=Path("cases"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        cases = app.screen.query_one("#cases", OptionList)
        assert "ozerny-service-centre — Может ли" in str(cases.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
    app = make_app(None, lang="en", cases_dir=Path("cases"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        recent = app.screen.query_one("#recent", OptionList)
        assert "ozerny-service-centre" in str(recent.get_option_at_index(0).prompt), "remembered as recent"


async def test_a_bad_new_case_id_is_refused_with_a_message(workdir: Path) -> None:
    app = make_app(None, lang="en", cases_dir=Path("cases"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await write(pilot, "Bad Name")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert any("not a usable case id" in n.message for n in app._notifications)
        assert not (workdir / "cases" / "Bad Name").exists()


@pytest.mark.slow
async def test_switching_language_rewords_the_step(example: Path) -> None:
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prompt = app.screen.query_one(".prompt", Static)
        assert str(prompt.render()).startswith("Сформулируйте название кейса")
        await pilot.press("ctrl+l")
        await settle(pilot)
        prompt = app.screen.query_one(".prompt", Static)
        assert str(prompt.render()).startswith("Кейстің атауын тұжырымдаңыз")
        assert app.screen.lang == "kk"


@pytest.mark.slow
async def test_the_command_palette_offers_the_editor_actions(example: Path) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Save", "Check", "Render PDF", "Views", "Language", "Theme", "Open in $EDITOR"):
            assert wanted in titles
        await pilot.press("ctrl+l")  # ru → kk → en: from en to ru
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Сохранить" in titles and "Открыть в $EDITOR" in titles
        footer = {b.description for b in app.screen._bindings.key_to_bindings["ctrl+s"]}
        assert footer == {"Сохранить"}, "the footer speaks the author's language too"


async def _open_render(app: Any, pilot: Any) -> tuple[Any, Callable[[], str]]:
    """Ctrl+R from the editor: the render screen, and a reader of its status line."""
    await settle(pilot)
    await pilot.press("ctrl+r")
    await until(pilot, lambda: type(app.screen).__name__ == "RenderScreen", "the render screen")
    screen = app.screen
    return screen, lambda: str(screen.query_one("#render-status", Static).render())


@pytest.mark.slow
async def test_render_runs_in_a_worker_and_lists_the_pdfs(example: Path) -> None:
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        screen, status = await _open_render(app, pilot)
        await until(pilot, lambda: "case.pdf" in status(), "the render to list its PDFs")
        names = sorted(p.name for p in screen.outputs)
        assert "case.pdf" in names, names
        assert (example.parent / "out" / "case.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.slow
async def test_render_says_why_a_handout_with_the_answer_is_not_written(tmp_path: Path) -> None:
    from tests.render.test_handout import _SOLUTION, _copying_case

    case = _copying_case(tmp_path, "closing") / "case.yaml"
    app = make_app(case, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        screen, status = await _open_render(app, pilot)
        await until(pilot, lambda: "раздаточный материал" in status(), "the refusal, in Russian")
        assert _SOLUTION.split(",")[0] in " ".join(status().split()) and screen.outputs == []
    assert not list(case.parent.rglob("*.pdf"))


def test_app_module_is_small() -> None:
    assert len(Path(app_module.__file__).read_text(encoding="utf-8").splitlines()) < 150


@pytest.mark.slow
async def test_a_second_decision_matrix_is_scored_in_its_own_grid(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    assert "\ndecision:\n" in text and "matrices:" not in text
    example.write_text(text.replace("\ndecision:\n", "\ndecision:\n  # the finance view\n  matrices:\n"
                                    "    - id: finance\n      name: Финансы\n      scores:\n"
                                    "        s1:\n          g1: {score: 1, reason: Дёшево.}\n", 1), encoding="utf-8")
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = await open_step(pilot, "decision_matrix")
        grids = list(panel.query(DecisionGrid))
        assert [g.spec.path for g in grids] == [("decision", "scores"), ("decision", "matrices", 0, "scores")]
        assert grids[1].spec.label == "Decision matrix: Финансы"
        grids[1].query_one(ScoreTable).focus()
        await pilot.pause()
        await pilot.press("plus")  # s1 × g1: +1 → +2
        await pilot.press("down", "plus")  # s2 × g1: new, +1
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = example.read_text(encoding="utf-8")
    assert saved == text.replace("\ndecision:\n", "\ndecision:\n  # the finance view\n  matrices:\n"
                                 "    - id: finance\n      name: Финансы\n      scores:\n"
                                 "        s1:\n          g1: {score: 2, reason: Дёшево.}\n"
                                 "        s2:\n          g1:\n            score: 1\n", 1)
    data = loads(saved)
    finance = data["decision"]["matrices"][0]["scores"]
    assert finance["s1"]["g1"] == {"score": 2, "reason": "Дёшево."} and finance["s2"]["g1"] == {"score": 1}
    assert "finance" not in str(data["decision"].get("scores"))
