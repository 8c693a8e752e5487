"""Search keys for the site's offline search: one word of a page -> the forms a query can meet it by.

Russian words are read by their lemmas (pymorphy3, as the checker reads
them: «очереди», «очередях» -> «очередь»); Kazakh words by the stems the
project's suffix grammar finds (``keykis.morphology.kazakh``: «әкімдіктің»,
«әкімдігінің» -> «әкімдік»); English words by a short suffix stripper
("twinning" -> "twin"). The browser gets the keys of every word the site
holds, so any form that occurs anywhere on the site is found by its keys;
for a form that occurs nowhere, ``search.js`` strips Kazakh suffixes with
the same tables (``grammar()``) and cuts Russian and English endings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from keykis.morphology import kazakh, russian

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
"""A word: letters, joined by hyphens or apostrophes ("twin-city", "д’Арк")."""
KAZAKH_LETTERS = frozenset("әғқңөұүһі")
MIN_STEM = 3
"""Shorter stems than this are not keys (they would match half the site)."""
RUSSIAN_ENDINGS = (
    "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "иях", "ях", "ах", "ов", "ев", "ей", "ий",
    "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ую", "юю", "ом", "ем", "ам", "ям", "ию", "ия", "ии",
    "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й",
)
"""Endings ``search.js`` cuts from a Russian query word no page holds, longest first."""
ENGLISH_SUFFIXES = ("ational", "ization", "ments", "ment", "ings", "ing", "edly", "ies", "ied", "ed", "es", "s")


def is_cyrillic(word: str) -> bool:
    """Whether ``word`` is written in Cyrillic."""
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def english_stem(word: str) -> str:
    """A light English stem: "twinning" -> "twin", "agreements" -> "agreement", "cities" -> "city"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ENGLISH_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= MIN_STEM:
            stem = w[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return stem + "y"
            if suffix in ("s", "es") and (stem.endswith("s") or w.endswith("ss")):
                return w if w.endswith("ss") else stem
            if suffix in ("ing", "ed", "ings", "edly") and len(stem) > MIN_STEM and stem[-1] == stem[-2] \
                    and stem[-1] not in "lsz":
                return stem[:-1]
            return stem
    return w


@lru_cache(maxsize=65536)
def keys(word: str, lang: str) -> tuple[str, ...]:
    """The search keys of ``word`` found in a text in ``lang`` (lower-case, the word itself first)."""
    w = word.lower().replace("ё", "е")
    out = [w]
    if not is_cyrillic(w):
        out.append(english_stem(w))
    elif lang == "kk" or KAZAKH_LETTERS & set(w):
        out += [stem for stem, _ in kazakh.noun_readings(w) if len(stem) >= MIN_STEM + 1]
    else:
        out += sorted(lemma.replace("ё", "е") for lemma in russian.lemmas(w))
    return tuple(dict.fromkeys(k for k in out if len(k) >= MIN_STEM or k == w))


def grammar() -> dict[str, object]:
    """The suffix tables ``search.js`` strips a query word with (the Kazakh ones are the checker's)."""
    return {
        "plural": list(kazakh.PLURAL), "possessive": list(kazakh.POSSESSIVE),
        "cases": sorted({s for options in kazakh.CASES.values() for s in options}, key=lambda s: (-len(s), s)),
        "relative": list(kazakh.RELATIVE), "voiced": dict(kazakh._VOICED), "vowels": "".join(sorted(kazakh._VOWELS)),
        "russian": list(RUSSIAN_ENDINGS), "english": list(ENGLISH_SUFFIXES), "min_stem": MIN_STEM,
    }
