"""Russian lemmas and grammemes, from pymorphy3 and its Russian dictionary (loaded on first use)."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any


@cache
def analyser() -> Any:
    """The pymorphy3 analyser (loading its dictionary takes about half a second, once per process)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple[Any, ...]:
    """Every analysis of ``word`` (lemma, part of speech, grammemes), most likely first."""
    return tuple(analyser().parse(word))


def lemmas(word: str) -> set[str]:
    """Every lemma ``word`` can be a form of."""
    return {p.normal_form for p in parses(word.lower())}


@lru_cache(maxsize=4096)
def lexeme(word: str) -> frozenset[str]:
    """Every form of a name or noun ``word`` (lower-case), from the analyses whose lemma it is."""
    forms: set[str] = set()
    low = word.lower()
    for p in parses(low):
        tags = set(p.tag.grammemes)
        if p.normal_form == low and (p.tag.POS == "NOUN" or tags & {"Name", "Surn", "Patr"}):
            # a first name in the plural («Ерланов») is somebody's surname, not this name
            forms |= {f.word for f in p.lexeme if "Surn" in tags or f.tag.number != "plur"}
    return frozenset(forms)
