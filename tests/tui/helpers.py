"""Keyboard helpers for Pilot tests: type text, tab to a control, choose from lists."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Select, SelectionList

KEYS = {" ": "space", "+": "plus", "-": "minus", ".": "full_stop", ",": "comma", "?": "question_mark",
        ";": "semicolon", ":": "colon", "'": "apostrophe", "(": "left_parenthesis", ")": "right_parenthesis",
        "—": "—", "\n": "enter"}


WAIT_CAP = 300.0
"""Seconds a test waits for what it expects before it fails: generous, since on a shared machine under a load of
15 opening one step of the editor has taken 3 s; a cap on a condition, never a fixed pause."""


async def until(pilot: Pilot[None], done: Callable[[], object], what: str = "", cap: float = WAIT_CAP) -> None:
    """Let the app run until ``done()`` holds; fail (naming ``what``) if it does not within ``cap`` seconds."""
    end = time.monotonic() + cap
    while not done():
        assert time.monotonic() < end, f"still waiting after {cap:.0f} s: {what or done}"
        await pilot.pause(0.02)


SHORT_PAUSE = 1.0
"""The longest pause of the app ``settle`` waits out: a check's delay, the short autosave delay tests set (the
usual 1.5 s autosave pause, a notification's timeout and the hour-long pause some tests set are not waited for)."""


def _pending(node: object) -> bool:
    """Whether a one-shot timer of a short pause is still to fire on ``node`` (a check, an autosave, a debounce)."""
    for timer in list(getattr(node, "_timers", ())):
        task = getattr(timer, "_task", None)
        if timer._repeat == 0 and timer._interval <= SHORT_PAUSE and task is not None and not task.done():
            return True
    return False


async def settle(pilot: Pilot[None]) -> None:
    """Let the app come to rest: every short pause it started has ended (the check ran, the autosave wrote)
    and its workers have finished; a condition, never a fixed wait."""
    app = pilot.app
    for _ in range(3):  # a finished worker may start a pause, and that pause a worker
        await until(pilot, lambda: not getattr(app, "keys_waiting", False), "the keys held for the screen")
        await until(pilot, lambda: not any(_pending(n) for n in (app, app.screen, *app.screen.walk_children())),
                    "the app's short pauses to end")
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(_pending(n) for n in (app, app.screen, *app.screen.walk_children())):
            return


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
    await until(pilot, lambda: select.expanded, "the list of the choice to open")
    steps = values.index(value) - here
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await until(pilot, lambda: select.value == value, f"{value!r} to be chosen")


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
