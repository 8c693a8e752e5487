"""The footer's words in the interface language.

A screen's or a widget's ``BINDINGS`` give each key's description as a
vocabulary key (``Binding("ctrl+s", "save", "editor.key_save")``); ``say_keys``
words them in the screen's language when it mounts and again when the
language changes. Textual's own keys (the command palette) are renamed by
``keykis.tui.palette_key``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding

from keykis.vocabulary import known, say


def _keys(node: Any) -> dict[tuple[str, str], str]:
    """(key, action) -> vocabulary key, from the ``BINDINGS`` of the node's class and its bases."""
    found: dict[tuple[str, str], str] = {}
    for cls in reversed(type(node).__mro__):
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and known(binding.description):
                for key in binding.key.split(","):
                    found[(key.strip(), binding.action)] = binding.description
                found[("", binding.action)] = binding.description  # a key Textual renamed: the action decides
    return found


def say_keys(node: Any, lang: str) -> None:
    """Word the key descriptions of ``node`` (a screen or a widget) in ``lang``."""
    words = _keys(node)
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [replace(b, description=say(word, lang)) if (word := words.get((key, b.action))
                                                                   or words.get(("", b.action))) else b
                      for b in bindings]
    refresh = getattr(node, "refresh_bindings", None)
    if callable(refresh):
        refresh()
