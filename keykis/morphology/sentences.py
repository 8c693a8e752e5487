"""Sentences as sentences: wrapped lines joined, then split by razdel's rule-based segmenter.

A case file often hard-wraps its texts («Сотрудники⏎ведомства считают»): a line break inside a
paragraph is a space. A blank line, or a line that starts a list item or a table row, still ends
what came before. Offsets are those of the original text (joining replaces one character by one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# a line break that does not end a paragraph: not before a blank line, a list item or a table row
_WRAP = re.compile(r"(?<!\n)[ \t]*\n(?![ \t]*(?:\n|[-*•|>#]|\d+[.)]\s))")


def join_wrapped(text: str) -> str:
    """``text`` with the line breaks inside its paragraphs turned into spaces (same length)."""
    if "\n" not in text:
        return text
    return _WRAP.sub(lambda m: " " * len(m.group(0)), text)


@lru_cache(maxsize=8192)
def spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, stop) of every sentence of ``text``."""
    from razdel import sentenize

    joined = join_wrapped(text)
    out: list[tuple[int, int]] = []
    pos = 0
    for block in joined.split("\n"):
        if block.strip():
            out.extend((pos + s.start, pos + s.stop) for s in sentenize(block))
        pos += len(block) + 1
    return tuple(out)


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``; the sentence with its line breaks as spaces."""
    joined = join_wrapped(text)
    for start, stop in spans(text):
        yield start, joined[start:stop]
