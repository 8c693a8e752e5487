"""Type-ahead: every key goes, in order, to the field that has the cursor once the screen has caught up.

Textual hands a key to whatever has the focus when the app reads it from the
terminal. Under load the author is ahead of the screen: Enter on a list posts
"open the form", and the name typed next reached the list (where ``a`` adds
another item) because the form had not mounted yet; a key typed while a step
was being replaced went to a widget about to be removed. Per-widget fixes
covered one case each.

Here the app holds every key (and paste) while anything on screen is still
working: a message waiting in any widget's queue, a widget still mounting or
being removed, a callback waiting for the next refresh (the editor focuses
after a refresh). A key is released only when all of that is done, so it is
read against the focus the author saw, and the next key waits for the effects
of the one before (a form opened by Enter takes the name typed after it).
Keys held longer than ``OPENING_AFTER`` show an "opening…" note, so a slow
form is not mistaken for a lost one. Should the screen never calm down (a
widget busy for good), a key is let through after ``HOLD_LIMIT`` seconds
rather than kept forever; but only once the screen is in place (no hold, a
cursor, no widget on its way), so it still lands in the field the author sees
with the cursor: a form still building its fields is on its way, not stuck.

Textual has no public notion of "the screen has caught up"; the queues and
callbacks read here (``_registry``, ``_message_queue``, ``_pending_message``, ``_next_callbacks``,
``Screen._callbacks``) are private, and this module is the one place that reads
them (``docs/editor.md``, "Type-ahead").
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any

from textual import events
from textual._parser import ParseTimeout
from textual._xterm_parser import XTermParser
from textual.keys import _character_to_key
from textual.notifications import Notification
from textual.widgets import Footer, Header, Input, TextArea
from textual.widgets._toast import ToastRack

from keykis.vocabulary import say

OPENING_AFTER = 0.15
"""Seconds a key may wait before the screen says it is opening something."""
HOLD_LIMIT = 8.0
"""Seconds after which a held key goes through even if the screen is still busy (once it is in place, ``in_place``)."""
FOCUS_GRACE = 2.0
"""Seconds keys wait for a cursor when none is anywhere (a step replaced: its first field takes it next)."""
POLL = 0.004
"""Seconds between two looks at whether the screen has caught up."""
LOOK_AT_MOST = 0.1
"""The most one look counts toward ``HOLD_LIMIT`` and ``FOCUS_GRACE``: while the app is busy building a form
for seconds it cannot look at all, and that time is the form's, not the key's (a key let go then went to the
list the form was opened from)."""

HELD = (events.Key, events.Paste)
TEXT = (Input, TextArea)
"""Fields where a character is only a character."""
FURNITURE = (Footer, Header, ToastRack)
"""Widgets that never take a key; their redrawing does not hold keys."""


ESC = "\x1b"
SEQUENCE_STARTS = "[O"
"""What may follow Escape in a sequence the terminal sends (CSI, SS3); anything else ends a lone Escape."""


def _close_lone_escape(parser: Any) -> Any:
    """Have the parser give up waiting for the rest of a sequence after a lone Escape: Escape it is."""
    if parser._awaiting.timeout is not None:  # still waiting to see whether Escape starts a sequence
        parser._timeout_time = None
        parser._awaiting = parser._gen.throw(ParseTimeout())
        while parser._tokens:
            yield parser._tokens.popleft()


def _feed_after_late_escape(feed: Any) -> Any:
    """Textual's parser, made to close a lone Escape that no sequence follows.

    Textual decides that Escape was pressed alone when ``ESCDELAY`` passes
    with nothing after it, but it looks at the clock only when the input
    thread wakes with nothing to read. On a loaded machine the next keys can
    arrive first, in the same read as Escape or in the next one: they were then
    taken as the rest of an escape sequence, piled up until the next Escape and
    came out as «^» followed by the keys (a form did not close; what came next
    went into it). Here the clock is looked at before new bytes are read, and
    Escape followed by anything but ``[`` or ``O`` (the only ways the
    sequences Textual reads begin) is Escape, and what follows is read as keys.
    Alt+key (Escape and the key in one read) thus comes in as Escape and the
    key; the editor binds nothing to Alt (``escape_then``).
    """
    def fed(self: Any, data: str) -> Any:
        if not data:
            yield from feed(self, data)
            return
        yield from self.tick()
        after_escape = getattr(self, "_keykis_after_escape", False)
        start = 0
        for at, character in enumerate(data):
            if after_escape and character not in SEQUENCE_STARTS and character != ESC:
                if at > start:
                    yield from feed(self, data[start:at])
                yield from _close_lone_escape(self)
                start = at
            after_escape = character == ESC
        self._keykis_after_escape = after_escape
        yield from feed(self, data[start:])

    return fed


XTermParser.feed = _feed_after_late_escape(XTermParser.feed)  # type: ignore[method-assign]


def escape_then(event: events.Key) -> list[events.Key]:
    """Escape and the key after it, which the terminal delivered as one Alt key.

    A terminal sends Escape as the byte that also starts Alt+key; Escape
    followed at once by a key (typed ahead, or read late by a loaded machine)
    comes in as Alt+that key. The editor binds nothing to Alt, so it is read as
    what the author pressed: Escape (closing a form), then the key.
    """
    rest = event.key.removeprefix("alt+")
    if event.character and event.character.isprintable() and len(event.character) == 1:
        rest = _character_to_key(event.character)
    keys = [events.Key("escape", "\x1b"), events.Key(rest, event.character)]
    for key in keys:
        key.set_sender(event._sender)  # type: ignore[arg-type]
    return keys


def _busy(node: Any) -> bool:
    """Has this widget (or screen) messages or callbacks still to handle?"""
    return bool(node._next_callbacks or node._pending_message is not None or not node._message_queue.empty())


def _app_busy(app: Any) -> bool:
    """Has the app itself work queued that may move the cursor, ahead of the keys it has still to read?

    ``Widget.focus`` does not move the cursor: it asks the app to, through the
    app's own queue. A field's handler that ran before the app read the next key
    (a drop-down closing, a list taking the cursor back after its form) leaves
    that request behind the key; the key must wait for it, not go to the field
    the cursor is leaving. Keys and pastes in the queue are the author's, not work.
    """
    waiting = [app._pending_message, *app._message_queue.values]  # the one peeked at, then the queue
    return bool(app._next_callbacks) or any(message is not None and not isinstance(message, HELD) for message in waiting)


def _furniture(node: Any) -> bool:
    while node is not None:
        if isinstance(node, FURNITURE):
            return True
        node = node._parent
    return False


class TypeAhead:
    """An ``App`` mixin that delivers keys in order, each once the screen has caught up."""

    lang: str

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Event] = deque()
        self._delivering = False
        self._typing_into: object = None
        """The text field the last key typed a character into (the next character may follow it at once)."""
        self._pump: asyncio.Task[None] | None = None
        self._opening: Notification | None = None
        self._holds = 0
        self._unfocused_for = 0.0
        """Seconds (as the app could look, see ``LOOK_AT_MOST``) with no cursor anywhere."""
        self.keys_held = 0
        """How many keys had to wait for the screen (the benchmark reports it)."""

    # -- the gate --------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, HELD) or event.is_forwarded:
            await super().on_event(event)  # type: ignore[misc]
        elif isinstance(event, events.Key) and event.key.startswith("alt+"):
            for key in escape_then(event):
                await self.on_event(key)
        elif not self._held and not self._delivering and (self._types_on(event) or self.caught_up()):
            await self._dispatch(event)
            self._watch()  # the effects of this key: say "opening…" if they take long
        else:
            self._held.append(event)
            self.keys_held += 1
            self._watch()

    async def _dispatch(self, event: events.Event) -> None:
        app: Any = self
        await super().on_event(event)  # type: ignore[misc]
        typed = isinstance(event, events.Key) and event.is_printable and isinstance(app.focused, TEXT)
        self._typing_into = app.focused if typed else None

    def _types_on(self, event: events.Event) -> bool:
        """A character for the text field that took the character before: it goes in at once, in order.

        Typing a word is many keys to one field; waiting for the screen after
        each would slow typing to the pace of the screen. Nothing but a key
        moves the cursor out of a text field, and every other key waits.
        """
        app: Any = self
        return (isinstance(event, events.Key) and event.is_printable and self._typing_into is not None
                and app.focused is self._typing_into)

    async def _deliver(self, force: bool = False) -> None:
        """Hand the held keys on, in order, while the screen keeps up (run by the app, between its messages)."""
        try:
            while self._held and ((force and self.in_place()) or self._types_on(self._held[0]) or self.caught_up()):
                force = False
                await self._dispatch(self._held.popleft())
        finally:
            self._delivering = False

    @property
    def keys_waiting(self) -> bool:
        """True while typed keys are held for the screen (tests wait for them before they look)."""
        return bool(self._held) or self._delivering

    def hold_keys(self) -> None:
        """Hold keys until ``release_keys`` (for work the queues do not show, such as a thread)."""
        self._holds += 1

    def release_keys(self) -> None:
        """End one ``hold_keys``."""
        self._holds = max(0, self._holds - 1)

    def caught_up(self) -> bool:
        """True when nothing that decides where a key goes has work waiting.

        That is: the screen is in place (``in_place``), no cursor move is
        waiting in the app's own queue, and the screens (their messages and
        the callbacks they run after a refresh), the focused widget and its
        containers (a key they are still handling may open a form or move the
        cursor) have nothing left to handle.
        """
        if not self.in_place():
            return False
        app: Any = self
        if _app_busy(app):
            return False
        for screen in app.screen_stack:
            if screen._callbacks or _busy(screen):
                return False
        focused = app.focused
        return focused is None or not any(_busy(node) for node in (focused, *focused.ancestors) if node is not app)

    def in_place(self) -> bool:
        """True when the widgets a key may land on are all there: nothing holds the keys (``hold_keys``), a
        cursor is somewhere (while none is, for up to ``FOCUS_GRACE``), and no widget is still mounting or being
        removed (a form or a step on its way). The footer, the header and the notes in the corner do not count:
        they never take a key, and waiting for them (the footer redraws at every move) would slow typing for
        nothing.

        Even a key let through at ``HOLD_LIMIT`` waits for this. A form holds the keys from its frame until its
        first field has the cursor; on a loaded machine building its fields took longer than the limit with the
        app looking all along, and the key let through went to the form's frame (which has the cursor until
        then) and was lost: the first letter of a name typed ahead. A screen busy for good has its widgets in
        place; one still being built is on its way.
        """
        if self._holds:
            return False
        app: Any = self
        if app.focused is None:  # the field with the cursor was removed; its successor is on its way
            if self._unfocused_for < FOCUS_GRACE:
                return False
        else:
            self._unfocused_for = 0.0
        return not any((not node._is_mounted or node._closing) and not _furniture(node) for node in list(app._registry))

    # -- the pump --------------------------------------------------------------
    def _watch(self) -> None:
        if self._pump is None or self._pump.done():
            self._pump = asyncio.create_task(self._run())

    async def _run(self) -> None:
        """Wait for the screen; when it has caught up, let the app deliver the held keys."""
        app: Any = self
        since = looked = time.monotonic()
        waited = 0.0  # seconds the screen was seen busy, each look counting at most LOOK_AT_MOST
        try:
            while app.is_running:
                await asyncio.sleep(POLL)
                now = time.monotonic()
                step, looked = min(now - looked, LOOK_AT_MOST), now
                self._unfocused_for = self._unfocused_for + step if app.focused is None else 0.0
                if self._delivering:
                    continue
                ready = self.caught_up()
                if ready:
                    since, waited = now, 0.0
                    if not self._held:
                        break
                waited += 0.0 if ready else step
                if not ready and self._opening is None and now - since > OPENING_AFTER:
                    self._say_opening()
                too_long = waited > HOLD_LIMIT and self.in_place()  # still busy, but every key lands where it is seen
                if self._held and (ready or self._types_on(self._held[0]) or too_long):
                    self._delivering = True
                    app.call_later(self._deliver, too_long)
                    since, waited = now, 0.0
        finally:
            self._done_opening()

    def _say_opening(self) -> None:
        app: Any = self
        self._opening = Notification(say("editor.opening", self.lang), timeout=HOLD_LIMIT)
        app._notifications.add(self._opening)
        app._refresh_notifications()

    def _done_opening(self) -> None:
        app: Any = self
        if self._opening is not None:
            try:
                app._unnotify(self._opening)
            except KeyError:  # already gone (timed out or cleared)
                pass
            self._opening = None
