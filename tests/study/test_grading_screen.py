"""The grading screen, keyboard only at 80×24: three students graded, saved to grades.yaml at once, exported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from keykis.model import load_case
from keykis.study.grading import GradingSession
from keykis.tui.grading import make_grading_app
from keykis.tui.grading.screen import GradingScreen
from tests.study.moodle_csv import read_gradebook

CLASS = Path(__file__).resolve().parent / "data" / "class30"
CASE = Path(__file__).resolve().parents[2] / "cases" / "ozerny-service-centre"


@pytest.mark.slow
async def test_three_students_graded_by_keyboard_and_exported(tmp_path: Path) -> None:
    for name in ("01-21001.yaml", "02-21002.yaml", "03-21003.yaml"):
        shutil.copy(CLASS / name, tmp_path / name)
    out = tmp_path / "review"
    session = GradingSession(load_case(CASE), sorted(tmp_path.glob("*.yaml")), out / "grades.yaml", lang="ru")
    app = make_grading_app(session, out, lang="ru")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GradingScreen)
        # the first student: reflection and defence set, a comment written
        await pilot.press(*["down"] * 5, "right", "right", "right", "down", "right", "right", "right", "c")
        await pilot.press(*"Сильная рефлексия", "enter")
        saved = yaml.safe_load((out / "grades.yaml").read_text(encoding="utf-8"))["students"]["../01-21001.yaml"]
        assert saved["instructor"] == {"reflection": 2, "defence": 2} and saved["comment"] == "Сильная рефлексия"
        assert saved["grade"] == 19  # saved at once, before any export
        # the second: only the defence (no reflection answers: its level is automatic)
        await pilot.press("pagedown", *["down"] * 6, "right", "right")
        # the third: the decomposition lowered, the defence at the top
        await pilot.press("n", "down", "down", "left", "down", "down", "down", "down", *["right"] * 4)
        assert "Студент 3 из 3" in str(screen.query_one("#status").render())
        await pilot.press("e")
        await pilot.pause()
    grades = yaml.safe_load((out / "grades.yaml").read_text(encoding="utf-8"))["students"]
    assert {k: v["grade"] for k, v in grades.items()} == {"../01-21001.yaml": 19, "../02-21002.yaml": 16,
                                                          "../03-21003.yaml": 16}
    book = read_gradebook((out / "grades.csv").read_bytes())
    assert book.grades == {"21001": 19, "21002": 16, "21003": 16}
    assert "Сильная рефлексия" in book.feedback["21001"]
    assert (out / "review.pdf").stat().st_size > 0
