"""Flow of writing: lists one item a line, new parts beside their step, the editor reopens where the author wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from keykis.casefile import open_case
from keykis.skeleton import new_case
from keykis.tui.app import make_app
from keykis.yamlsafe import loads
from tests.tui.helpers import tab_to, write
from tests.tui.test_editor import settle


@pytest.mark.slow
async def test_readings_are_typed_one_a_line_and_saved_as_a_list(example: Path) -> None:
    app = make_app(example, lang="kk")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.screen.show_step("guide_readings")
        app.screen.focus_step()
        await pilot.pause()
        await tab_to(pilot, "guidelines.readings", widget=TextArea)
        area = app.focused
        assert isinstance(area, TextArea)
        area.clear()
        await write(pilot, "Abenov")
        await pilot.press("enter")
        area.insert("Zhaksybekova, A.; Omarov, B. Service centres. Astana, 2021.\n  \nThird reading")
        await pilot.press("ctrl+s")
        await settle(pilot)
    text = example.read_text(encoding="utf-8")
    assert loads(text)["guidelines"]["readings"] == [
        "Abenov", "Zhaksybekova, A.; Omarov, B. Service centres. Astana, 2021.", "Third reading"]
    assert "    - Zhaksybekova, A.; Omarov, B. Service centres. Astana, 2021.\n" in text


def test_new_parts_go_beside_their_step_with_the_steps_heading_kept_on_its_step(tmp_path: Path) -> None:
    file = new_case(tmp_path / "new-case", lang="kk")
    before = file.read_text(encoding="utf-8")
    doc = open_case(file)
    doc.set(("opening", "protagonist"), "main")
    doc.set(("acknowledgements",), "Әріптестерге рахмет.")
    doc.set(("guidelines", "readings"), ["Бірінші кітап, 2019.", "Екінші кітап; 2-том, 2020.", "Үшінші мақала."])
    doc.set(("keywords", "kk"), ["кезек", "ХҚКО"])
    doc.save()
    after = file.read_text(encoding="utf-8")
    lines = after.splitlines()
    assert lines[lines.index("titles: {}") + 1: lines.index("titles: {}") + 3] == ["opening:", "  protagonist: main"]
    step2 = next(n for n, line in enumerate(lines)  # not the schema line: its path may hold a 2
                 if line.startswith("# ") and "yaml-language-server" not in line and "2" in line.split(".")[0])
    assert step2 > lines.index("  protagonist: main"), "the step 2 heading stays above the abstract"
    refs = lines.index("references: []")
    assert lines[refs + 1] == "acknowledgements: Әріптестерге рахмет."
    assert ("guidelines:\n  readings:\n    - Бірінші кітап, 2019.\n    - Екінші кітап; 2-том, 2020.\n"
            "    - Үшінші мақала.\n") in after
    assert "kk: [кезек, ХҚКО]" in after, "a few keywords stay on one line"
    comment_lines = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in lines if line.lstrip().startswith("#")] == comment_lines
    assert after.index("acknowledgements") < after.index("appendices")


@pytest.mark.slow
async def test_the_editor_reopens_at_the_step_last_written_in(example: Path) -> None:
    app = make_app(example, lang="ru")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.step.id == "title", "a case never edited opens at step 1"
        await app.screen.show_step("time_place")
        await pilot.pause()
        await app.screen.show_step("tasks")
        app.screen.focus_step()
        await pilot.pause()
        await tab_to(pilot, "narrative.tasks", widget=TextArea)
        await write(pilot, "Kezek.")
        await app.screen.show_step("time_place")  # only looked at, nothing written
        await pilot.press("ctrl+s")
        await settle(pilot)
        await app.action_quit()
    assert "state" not in example.read_text(encoding="utf-8")
    again = make_app(example, lang="ru")
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.screen.step.id == "tasks"
        assert "tasks" in str(again.screen.query_one("StepsSidebar").highlighted_option.id)
