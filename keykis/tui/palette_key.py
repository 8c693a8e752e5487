"""The footer's word for the command palette key, in the interface language.

Textual adds the palette's binding (Ctrl+P) to every app with the English
word "palette"; the apps rename it when they start and when the language
changes, as the screens do with their own keys.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from keykis.vocabulary import say

PALETTE_ACTIONS = frozenset({"command_palette", "app.command_palette"})


def name_palette_key(app: Any, lang: str) -> None:
    """Give the app's command palette key the footer word of ``lang``."""
    table = app._bindings.key_to_bindings
    word, tip = say("editor.key_palette", lang), say("textual.open_the_command_palette", lang)
    for key, bindings in table.items():
        table[key] = [replace(b, description=word, tooltip=tip) if b.action in PALETTE_ACTIONS else b for b in bindings]
