"""Tab and Shift+Tab handled by the app itself, at once, before any later key.

Textual hands a key to the focused widget's queue and looks up the bindings
only when the widget lets it through. In a real terminal under load, Tab and
the key typed after it arrive together: the next key was then delivered to
the field being left (a Space meant to tick a list went into the text
before it) or looked up against the wrong field. As priority bindings of the
app, Tab and Shift+Tab move the focus before the next key is delivered.
No field of keykis uses Tab for itself (text areas are made with
``tab_behavior="focus"``).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

FOCUS_KEYS: list[BindingType] = [
    Binding("tab", "focus_next", show=False, priority=True),
    Binding("shift+tab", "focus_previous", show=False, priority=True),
]
