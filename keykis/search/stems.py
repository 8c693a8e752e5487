"""Stems for the search index: Russian and English by Snowball (PyStemmer), Kazakh by keykis's own suffix grammar.

The index holds stems, not words, and a query word matches a case when one of
its stems is one of the case's: «очередями» and «очереди» both give «очеред»,
«әкімдігінің» and «әкімдігі» both give «әкімдік» (the grammar undoes the
voicing of к/г, қ/ғ, п/б before a vowel). Stems are compared whole, never as
prefixes, so «акимат» (the office) does not find «акима» (the official).

A document's words are stemmed in its own language (a Kazakh word without a
letter of its own, such as «ауылдарында», is still read as Kazakh in a Kazakh
case); a query word, whose language is unknown, gives the stem of every
language it could be in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_SHORTEST = 4
"""Words this short are kept whole: Snowball reads «аким» as an adjective and cuts it to «ак»."""


@cache
def _snowball(lang: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer({"ru": "russian", "en": "english"}[lang])


@lru_cache(maxsize=131072)
def kazakh_stem(word: str) -> str:
    """The shortest stem the Kazakh noun grammar finds (at least four letters), voicing undone."""
    from keykis.morphology.kazakh import UNVOICED, noun_readings

    best = word
    for stem, _ in noun_readings(word):
        if len(stem) >= _SHORTEST and (len(stem) < len(best) or (len(stem) == len(best) and stem[-1] in UNVOICED)):
            best = stem
    return best


@lru_cache(maxsize=131072)
def stem(word: str, lang: str) -> str:
    """The stem of one case-folded word in ``lang`` (``ru``, ``kk`` or ``en``)."""
    if len(word) <= _SHORTEST or word.isdigit():
        return word
    from keykis.morphology.kazakh import LETTERS

    cyrillic = bool(_CYRILLIC.search(word))
    if cyrillic and (lang == "kk" or LETTERS & set(word)):
        return kazakh_stem(word)
    if cyrillic:
        return str(_snowball("ru").stemWord(word))
    if word.isascii():
        return str(_snowball("en").stemWord(word))
    return word


def words(text: str) -> list[str]:
    """The case-folded words of ``text``."""
    return _WORD.findall(text.casefold())


def stems(text: str, lang: str) -> str:
    """``text`` as the index holds it: the stem of every word, space-separated, in order."""
    return " ".join(stem(w, lang) for w in words(text))


def query_stems(word: str) -> list[str]:
    """Every stem a query word may have (its language is not known), the word's own first."""
    found = [stem(word, lang) for lang in ("ru", "kk", "en")]
    return list(dict.fromkeys(found))


def texts_by_language(value: Any, lang: str) -> Iterator[tuple[str, str]]:
    """(text, language) for every string inside ``value``; a mapping keyed ru/kk/en gives each its language."""
    if isinstance(value, str):
        yield value, lang
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from texts_by_language(v, k if k in ("ru", "kk", "en") else lang)
    elif isinstance(value, list):
        for v in value:
            yield from texts_by_language(v, lang)


def stemmed(value: Any, lang: str) -> str:
    """Every text inside ``value`` stemmed in its language, space-separated."""
    return " ".join(stems(text, tl) for text, tl in texts_by_language(value, lang))


def case_terms(texts: Iterable[str], lang: str) -> str:
    """The stems of a case's texts (what a student may read of it), one string for the index."""
    return "\n".join(stems(t, lang) for t in texts)
