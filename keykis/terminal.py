"""Text from a case on its way to a terminal: no control characters.

A case file may hold any character, and a terminal obeys some of them: ESC
starts a sequence that can move the cursor, clear the screen, retitle the
window or write the clipboard (OSC 52); BEL rings; CR returns to the start
of the line and lets later text overwrite a finding. Every text taken from a
case (or a worksheet) passes through ``clean`` before ``check``, ``search``,
``build`` or the editor print it: C0 controls other than tab and newline,
DEL and the C1 range (U+0080–U+009F, where a single CSI or OSC character
lives) are shown as their Unicode control pictures (␛, ␇, ␍) or ``?``, and
bidi marks, overrides and isolates (which reorder what follows them on the
line) as ``<U+202E>``, and a byte of a file name that is not UTF-8 as
``\xff`` (it could not be printed at all), so the author still sees that something odd is there.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_LINE_CONTROLS = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, ␍ for CR ...
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (os.fsdecode's surrogate escape)
        return f"\\x{code - 0xDC00:02x}"
    if code > 0xFF:  # a bidi mark, override or isolate: it would reorder the rest of the line
        return f"<U+{code:04X}>"
    return "?"


def clean(text: str) -> str:
    """``text`` with every terminal control character shown as a harmless picture; tabs and newlines kept."""
    if text.isprintable():
        return text
    return _CONTROLS.sub(_picture, text)


def clean_line(text: str) -> str:
    """``clean`` for one line of output: newlines and tabs are pictured too."""
    if text.isprintable():
        return text
    return _LINE_CONTROLS.sub(_picture, text)
