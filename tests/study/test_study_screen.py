"""The study screen with Textual's Pilot, and a snapshot of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from keykis.tui.study import make_study_app
from keykis.tui.study.screen import StudyScreen
from keykis.tui.widgets.findings import FindingsPanel
from tests.study.conftest import CASE_DIR

SIZE = (130, 40)


async def _settle(pilot: Pilot[None], panel: FindingsPanel, done: Callable[[set[str]], bool]) -> None:
    """Wait (up to 10 s) for the live check to catch up with the text."""
    for _ in range(100):
        await pilot.pause(0.1)
        if done({f.rule for f in panel.findings}):
            return


def _screen_text(screen: StudyScreen) -> str:
    parts = [str(w.render()) for w in screen.query(Static)]
    parts.append(screen.query_one("#sheet", TextArea).text)
    return "\n".join(parts)


async def test_a_new_student_gets_a_worksheet_and_live_checks(tmp_path: Path) -> None:
    sheet = tmp_path / "my.yaml"
    app = make_study_app(CASE_DIR, sheet, lang="ru", student="Айгерим Нурланова", group="ГМУ-21")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert sheet.exists() and "Айгерим Нурланова" in sheet.read_text(encoding="utf-8")
        panel = screen.query_one(FindingsPanel)
        assert {f.rule for f in panel.findings} == {"worksheet-placeholder"}
        area = screen.query_one("#sheet", TextArea)
        text = area.text.replace('"«проблема этого актора, до 24 слов»"', " ".join(["слово"] * 30), 1)
        area.load_text(text)
        await _settle(pilot, panel, lambda r: "problem-too-long" in r)
        rules = {f.rule for f in panel.findings}
        assert "problem-too-long" in rules
        assert "worksheet-placeholder" in rules  # the rest of the skeleton is still to fill in
        await pilot.press("ctrl+s")
        assert "слово слово" in sheet.read_text(encoding="utf-8")
        area.load_text("worksheet: [")
        await _settle(pilot, panel, lambda r: r == {"file"})
        assert [f.rule for f in panel.findings] == ["file"]
        await pilot.press("ctrl+q")
    assert sheet.read_text(encoding="utf-8") == "worksheet: ["  # nothing typed is lost on quit


async def test_the_screen_never_holds_teacher_only_text_or_real_names(tmp_path: Path) -> None:
    app = make_study_app(CASE_DIR, tmp_path / "w.yaml", lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        for tab in ("actors", "fan", "graph", "mine", "text"):
            screen.query_one("#case-side").active = tab  # type: ignore[attr-defined]
            await pilot.pause()
        shown = _screen_text(screen)
        assert "Иванов" in shown and "Ситуацию мы видим глазами руководителя ЦОН" in shown
        for secret in ("Подчеркните", "Выездные дни", "Операторы тратят треть", "Ерлан Сапаров"):
            assert secret not in shown
        assert "guidelines" not in screen.view.data


async def test_choosing_a_finding_moves_the_cursor_to_its_line(tmp_path: Path) -> None:
    app = make_study_app(CASE_DIR, tmp_path / "w.yaml", lang="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        panel = screen.query_one(FindingsPanel)
        last = panel.findings[-1]
        panel.focus()
        panel.highlighted = len(panel.findings) - 1
        await pilot.press("enter")
        assert screen.query_one("#sheet", TextArea).cursor_location[0] == last.line - 1


def test_study_screen_snapshot(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case_dir = tmp_path / "ozerny-service-centre"
    shutil.copytree(CASE_DIR, case_dir)
    sheet = tmp_path / "w.yaml"
    sheet.write_text((Path(__file__).parent / "data" / "worksheet.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_study_app(case_dir, sheet, lang="ru")
    assert snap_compare(app, terminal_size=SIZE)


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TextArea, "cursor_blink", False, raising=False)
