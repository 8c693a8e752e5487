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


_LONG = ("Иванов руководит центром третий год. В зале работают шесть операторов; инженер Петров отвечает за "
         "терминалы и электронную очередь.")


async def _after_a_stale_wrap(make: Callable[[str], TextArea]) -> list[str]:
    """An area whose last wrap used width 0 (a Resize read before the layout placed it): the rows the screen shows."""
    area = make(_LONG)
    async with _Holder(area).run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        area.wrapped_document.wrap(0)  # the stale wrap, drawn as Textual draws it: the whole text on one line
        area._line_cache.clear()
        area.refresh()
        for _ in range(20):
            await pilot.pause(0.02)
        return [" ".join(strip.text.split()) for strip in pilot.app.screen._compositor.render_strips()][:4]


async def test_a_plain_text_area_keeps_a_stale_wrap() -> None:
    """The fault is real in the Textual we run on: a plain area shows one cut line until it is resized or typed in."""
    rows = await _after_a_stale_wrap(lambda text: TextArea(text, soft_wrap=True, compact=True))
    if rows[1]:
        pytest.skip("this Textual wraps a stale area again by itself: TextBox.wrap_to_width may go")
    assert rows[0].startswith("Иванов руководит") and "операторов" not in " ".join(rows)


async def test_a_text_box_wraps_again_at_the_width_it_is_drawn_at() -> None:
    rows = await _after_a_stale_wrap(lambda text: TextBox(text, soft_wrap=True, compact=True))
    assert rows[0] == "Иванов руководит центром третий год."
    assert "операторов" in " ".join(rows) and "очередь." in " ".join(rows)
