"""Keyboard helpers for Pilot tests: type text, tab to a control, choose from lists."""

from __future__ import annotations

import asyncio

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Select, SelectionList

KEYS = {" ": "space", "+": "plus", "-": "minus", ".": "full_stop", ",": "comma", "?": "question_mark",
        ";": "semicolon", ":": "colon", "'": "apostrophe", "(": "left_parenthesis", ")": "right_parenthesis",
        "—": "—", "\n": "enter"}


async def write(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key."""
    await pilot.press(*[KEYS.get(ch, ch) for ch in text])


def control_of(widget: Widget | None) -> Widget | None:
    """The form control (anything with a ``spec``) that holds ``widget``."""
    node = widget
    while node is not None and not hasattr(node, "spec"):
        node = node.parent  # type: ignore[assignment]
    return node


def focused_path(pilot: Pilot[None]) -> str:
    """Dotted path of the control that has the cursor ('' when none)."""
    control = control_of(pilot.app.focused)
    return ".".join(map(str, control.spec.path)) if control is not None else ""  # type: ignore[attr-defined]


async def tab_to(pilot: Pilot[None], dotted: str, *, widget: type | None = None, limit: int = 40) -> None:
    """Press Tab until the cursor is in the control for ``dotted``."""
    for _ in range(limit):
        if focused_path(pilot) == dotted and (widget is None or isinstance(pilot.app.focused, widget)):
            return
        await pilot.press("tab")
    raise AssertionError(f"could not tab to {dotted}; cursor in {focused_path(pilot)!r}")


async def choose(pilot: Pilot[None], value: str) -> None:
    """In a focused Select, open it, go down to ``value`` and take it."""
    select = pilot.app.focused
    assert isinstance(select, Select), select
    if select.value == value:
        return
    values = [v for _, v in select._options]  # the blank first
    here = values.index(select.value) if select.value in values else 0
    await pilot.press("enter")
    await pilot.pause()
    steps = values.index(value) - here
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await pilot.pause()
    assert select.value == value


async def pick(pilot: Pilot[None], *values: str) -> None:
    """In a focused SelectionList, tick ``values``."""
    sl = pilot.app.focused
    assert isinstance(sl, SelectionList), sl
    all_values = [sl.get_option_at_index(i).value for i in range(sl.option_count)]
    for v in values:
        if v in sl.selected:
            continue
        sl.highlighted = None
        await pilot.press("home")
        await pilot.press(*["down"] * all_values.index(v), "space")
    await pilot.pause()
    assert set(values) <= set(sl.selected)


def burst(pilot: Pilot[None], *keys: str) -> None:
    """Send keys as a terminal does when the author types ahead: all at once, no waiting for the screen.

    A key is a Textual key name ("enter", "shift+tab") or one character.
    """
    app = pilot.app
    assert app._driver is not None
    for key in keys:
        if len(key) == 1:
            event = events.Key(key if key.isalnum() else _character_to_key(key), key)
        else:
            event = events.Key(key, " " if key == "space" else None)
        event.set_sender(app)
        app._driver.send_message(event)


async def drained(pilot: Pilot[None], limit: float = 60.0) -> None:
    """Wait until every key sent has been delivered and the screen has caught up."""
    app = pilot.app
    quiet = 0
    loop = asyncio.get_running_loop()
    end = loop.time() + limit
    while quiet < 3 and loop.time() < end:
        await pilot.pause(0.05)
        calm = app._message_queue.empty() and not app.keys_waiting and app.caught_up()  # type: ignore[attr-defined]
        quiet = quiet + 1 if calm else 0
    assert quiet >= 3, "the keys were not all delivered"
