"""The focused field is always on screen: every control of every step, at 80×24 and 60×20."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widget import Widget

from keykis.casefile import open_case
from keykis.pages import pages
from keykis.tui.app import make_app
from keykis.tui.widgets.findings import FindingsPanel
from keykis.tui.widgets.step_panel import StepPanel
from tests.tui.test_editor import settle

SMALL = [(80, 24), (60, 20)]


def hidden(app: App[object], widget: Widget) -> str:
    """Why ``widget`` is not wholly on screen ('' when it is: inside the screen and every pane around it)."""
    geometry = app.screen.find_widget(widget)
    region, clip = geometry.region, geometry.clip
    seen = region.intersection(clip).intersection(app.screen.region)
    if not region:
        return f"{widget!r} has no size"
    pane = next((a for a in widget.ancestors if isinstance(a, StepPanel)), app.screen)
    room = pane.scrollable_content_region
    if seen.height < min(region.height, room.height) or seen.width < min(region.width, room.width, 4):
        return f"{widget!r} at {region} shows only {seen} of the screen's {clip}"
    return ""


def where(app: App[object]) -> Widget | None:
    """The focused widget when it is inside the step pane."""
    focused = app.focused
    if focused is None or not any(isinstance(a, StepPanel) for a in focused.ancestors):
        return None
    return focused


async def walk_step(pilot, step_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Open a step, Tab through every control; what was not in view, each time."""
    app = pilot.app
    screen = app.screen
    await screen.show_step(step_id)
    await pilot.pause()
    screen.focus_step()
    await pilot.pause()
    await pilot.pause()
    problems, seen = [], set()
    for _ in range(80):
        focused = where(app)
        if focused is None or id(focused) in seen:
            break
        seen.add(id(focused))
        reason = hidden(app, focused)
        if reason:
            problems.append(f"{step_id}: {reason}")
        if type(focused).__name__ == "Input" and type(focused.parent.parent).__name__ == "ReflectionItem":
            for sibling in focused.parent.children:  # the checkbox beside the note, and the question above
                if (reason := hidden(app, sibling)):
                    problems.append(f"{step_id} (beside the note): {reason}")
        await pilot.press("tab")
        await pilot.wait_for_scheduled_animations()
    assert seen, f"{step_id}: nothing took the cursor"
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_control_of_every_step_is_in_view(example: Path, size: tuple[int, int]) -> None:
    app = make_app(example, lang="ru")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        problems = []
        for step in pages():
            problems += await walk_step(pilot, step.id)
        assert problems == []


def with_findings(example: Path) -> Path:
    """The example with references that name nothing, far down their steps."""
    doc = open_case(example)
    doc.set(("opening", "protagonist"), "nobody")
    solutions = doc.get(("matrix", "solutions", "items"))
    doc.set(("matrix", "solutions", "items", len(solutions) - 1, "directed_at"), ["nobody"])
    doc.set(("matrix", "tasks", "items", 0, "problem"), "nothing")
    doc.set(("abstract", "ru", "final"), "")
    doc.save()
    return example


@pytest.mark.slow
@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_finding_opens_its_field_in_view(example: Path, size: tuple[int, int]) -> None:
    app = make_app(with_findings(example), lang="kk")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        chosen = [f for f in screen.findings if f.rule == "unresolved-id"] + screen.findings[:6]
        assert len(chosen) >= 3, [f.rule for f in screen.findings]
        problems = []
        for finding in chosen:
            screen.query_one(FindingsPanel).post_message(FindingsPanel.Chosen(finding))
            await settle(pilot)
            await pilot.wait_for_scheduled_animations()
            focused = where(app)
            if focused is None:
                problems.append(f"{finding.at}: the cursor is not in the step ({app.focused!r})")
            elif reason := hidden(app, focused):
                problems.append(f"{finding.at}: {reason}")
        assert problems == []
