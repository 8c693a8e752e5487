"""The command palette: its key's word in the footer and the editor's commands, in the interface language.

Textual adds the palette's binding (Ctrl+P) to every app with the English
word "palette"; the apps rename it when they start and when the language
changes, as the screens do with their own keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from textual.app import SystemCommand

from keykis.vocabulary import say

PALETTE_ACTIONS = frozenset({"command_palette", "app.command_palette"})
EDITOR_COMMANDS = (("save", "save"), ("check", "check"), ("render", "render"), ("views", "views"), ("preview", "preview"),
                   ("language", "language"), ("theme", "theme"), ("editor", "external_editor"), ("help", "method_help"),
                   ("next", "step(1)"), ("prev", "step(-1)"))
"""The editor's commands in the palette: the word of their name and help in the vocabulary, the screen's action."""


def name_palette_key(app: Any, lang: str) -> None:
    """Give the app's command palette key the footer word of ``lang``."""
    table = app._bindings.key_to_bindings
    word, tip = say("editor.key_palette", lang), say("textual.open_the_command_palette", lang)
    for key, bindings in table.items():
        table[key] = [replace(b, description=word, tooltip=tip) if b.action in PALETTE_ACTIONS else b for b in bindings]


def editor_commands(screen: Any) -> Iterator[SystemCommand]:
    """The editor's commands for the palette of ``screen``, named in its language."""
    for word, action in EDITOR_COMMANDS:
        title, help_text = say(f"editor.key_{word}", screen.lang), say(f"editor.help_{word}", screen.lang)
        yield SystemCommand(title, help_text, lambda action=action: screen.run_action(action))
