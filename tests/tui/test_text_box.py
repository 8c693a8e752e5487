"""A text area taken away mid-frame draws blank instead of stopping the editor (Textual issues 6208, 6528)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea

from keykis.tui.widgets.text_box import TextBox


class _Holder(App[None]):
    def __init__(self, area: TextArea) -> None:
        super().__init__()
        self.area = area

    def compose(self) -> ComposeResult:
        yield self.area


async def _draw_after_removal(make: Callable[[str], TextArea]) -> list[Strip]:
    area = make("Акимат решает")
    async with _Holder(area).run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        await area.remove()
        await pilot.pause()
        return area.render_lines(Region(0, 0, 20, 2))


async def test_a_removed_plain_text_area_fails_to_draw() -> None:
    """The fault the text box guards against is real in the Textual we run on."""
    try:
        await _draw_after_removal(lambda text: TextArea(text, compact=True))
    except KeyError as error:
        assert "text-area--gutter" in str(error)
    else:
        pytest.skip("this Textual draws a removed TextArea safely: TextBox may go")


async def test_a_removed_text_box_draws_blank_lines_of_the_asked_width() -> None:
    strips = await _draw_after_removal(lambda text: TextBox(text, compact=True))
    assert len(strips) == 2
    assert all(strip.cell_length == 20 and strip.text.strip() == "" for strip in strips)
