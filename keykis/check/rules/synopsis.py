"""The synopsis: what the handout and the public catalogue say about a case before the class has discussed it.

The synopsis (``synopsis.<lang>``) replaces the abstract wherever students or
the public read about a case: the abstract of a research case names its
contradiction and often its solutions, which are the answers the class is
asked to find. A synopsis that names the chosen problem, task or solution
gives the same answers away, so the rule reads it for each of the three:
a run of the chosen item's content words, compared by stem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from keykis.check.findings import Hit
from keykis.method import Method
from keykis.model import Case
from keykis.vocabulary import in_every_language

RUN = 4
"""This many content words of a chosen item in a row, in the synopsis, name it."""
STEM = 5
"""Words are compared by their first letters (one stem covers the grammatical forms)."""
_WORD = re.compile(r"[^\W\d_]{4,}")
FIELDS = ("solutions", "tasks", "problems")
"""The chosen items the synopsis may not name, the most telling first."""


def _named(text: str, item: str) -> str:
    """The words of ``text`` that name ``item`` (``RUN`` of its content words in a row), or ``""``."""
    stems = {w.lower()[:STEM] for w in _WORD.findall(item)}
    words = _WORD.findall(text)
    for i in range(len(words) - RUN + 1):
        if all(w.lower()[:STEM] in stems for w in words[i:i + RUN]):
            return " ".join(words[i:i + RUN])
    return ""


def synopsis_spoiler(case: Case, m: Method) -> Iterator[Hit]:
    """A synopsis that names the chosen problem, task or solution, or says how the choice came out."""
    synopsis = case.data.get("synopsis")
    if not isinstance(synopsis, dict):
        return
    chosen = [(f, str((case.chosen(f) or {}).get("text") or "")) for f in FIELDS]
    phrases = m.wordlists.get("spoiler", {})
    for lang, text in synopsis.items():
        if not isinstance(text, str):
            continue
        lowered = " ".join(text.lower().split())
        said = next((p for words in phrases.values() for p in words or [] if p in lowered), "")
        named = next(((f, phrase) for f, item in chosen if item for phrase in [_named(text, item)] if phrase),
                     ("solutions", said) if said else None)
        if named:
            field, phrase = named
            yield Hit("synopsis-spoiler", ("synopsis", lang),
                      {"phrase": phrase, "field": in_every_language(f"check.synopsis_{field[:-1]}")})


RULES = [synopsis_spoiler]
