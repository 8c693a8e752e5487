"""Textual's own words in the interface language: its keys, the palette's commands and its search line.

Textual describes the keys of its widgets (a text area's "Cursor up", a drop-down's
"Dismiss menu") in English, and the keys panel and the footer show them as they are.
The catalogues keep a ``textual`` section keyed by the English description made a
key (``"Dismiss menu"`` → ``textual.dismiss_menu``); ``say_textual_keys`` words the
keys of a node and its ancestors in the interface language whenever a widget takes
focus. Textual offers no public way to word its bindings, so this is the one place
that rewrites them (``docs/editor.md``, "Textual's own words"). The palette's
commands go through the public ``App.get_system_commands`` and its search line
through ``CommandPalette(placeholder=...)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from rich.align import Align
from rich.text import Text
from textual import events
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widgets.option_list import Option

from keykis.vocabulary import known, say


def textual_key(description: str) -> str:
    """The catalogue key for one of Textual's English key descriptions."""
    return "textual." + re.sub(r"\W+", "_", description.lower()).strip("_")


def _worded(english: str, lang: str) -> str | None:
    return say(textual_key(english), lang) if english and known(textual_key(english)) else None


def say_textual_keys(node: Any, lang: str) -> None:
    """Word Textual's own key descriptions and tooltips of ``node`` in ``lang`` (from the class's English)."""
    original = {(key, b.action): b for key, bindings in type(node)._merged_bindings.key_to_bindings.items() for b in bindings}
    table = node._bindings.key_to_bindings
    changed = False
    for key, bindings in table.items():
        worded = []
        for b in bindings:
            if (english := original.get((key, b.action))) is not None:
                words = {"description": _worded(english.description, lang), "tooltip": _worded(english.tooltip, lang)}
                new = replace(b, **{name: word for name, word in words.items() if word is not None})
                changed, b = changed or new != b, new
            worded.append(b)
        table[key] = worded
    if changed and callable(refresh := getattr(node, "refresh_bindings", None)):
        try:
            refresh()
        except NoScreen:  # the widget left its screen while its focus event was queued (keys faster than steps)
            pass


class WordedPalette(CommandPalette):
    """The command palette with its "No matches found" line in the interface language.

    Textual sets that line in a private countdown with no public way to word it; this repeats the
    countdown's few lines with the catalogue's words (``textual.no_matches``).
    """

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.no_matches = say("textual.no_matches", lang)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(Align.center(Text(self.no_matches, style="not bold")),
                                                              disabled=True, id=self._NO_MATCHES))
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)


class TextualWords:
    """For the apps: Textual's keys, palette commands and palette line in ``self.lang``."""

    lang: str

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not event.widget.is_attached:  # removed before its focus event arrived
            return
        for node in (event.widget, *event.widget.ancestors):
            say_textual_keys(node, self.lang)

    def action_command_palette(self) -> None:
        app: Any = self
        if app.use_command_palette and not CommandPalette.is_open(app):
            app.push_screen(WordedPalette(self.lang, id="--command-palette",
                                          placeholder=say("textual.palette_search", self.lang)))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette commands (theme, quit, keys, maximize, screenshot), worded in ``self.lang``."""
        app: Any = self
        lang = self.lang
        yield SystemCommand(say("textual.cmd_theme", lang), say("textual.cmd_theme_help", lang), app.action_change_theme)
        yield SystemCommand(say("textual.cmd_quit", lang), say("textual.cmd_quit_help", lang), app.action_quit)
        if screen.query("HelpPanel"):
            yield SystemCommand(say("textual.cmd_keys", lang), say("textual.cmd_keys_hide", lang), app.action_hide_help_panel)
        else:
            yield SystemCommand(say("textual.cmd_keys", lang), say("textual.cmd_keys_show", lang), app.action_show_help_panel)
        if screen.maximized is not None:
            yield SystemCommand(say("textual.cmd_minimize", lang), say("textual.cmd_minimize_help", lang), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(say("textual.cmd_maximize", lang), say("textual.cmd_maximize_help", lang), screen.action_maximize)
        yield SystemCommand(say("textual.cmd_screenshot", lang), say("textual.cmd_screenshot_help", lang),
                            lambda: app.set_timer(0.1, app.deliver_screenshot))
