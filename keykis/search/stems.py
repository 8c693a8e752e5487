"""Stems for the search index: Russian by its lemma (pymorphy3) cut by Snowball (PyStemmer), English by Snowball,
Kazakh by keykis's own suffix grammar.

The index holds stems, not words, and a query word matches a case when one of
its stems is one of the case's: «очередями» and «очереди» both give «очеред»,
«рамок» and «рамками» both give «рамк» (through the lemma «рамка»),
«әкімдігінің» and «әкімдігі» both give «әкімдік» (the grammar undoes the
voicing of к/г, қ/ғ, п/б before a vowel). Stems are compared whole, never as
prefixes, so «акимат» (the office) does not find «акима» (the official).

A document's words are stemmed in its own language (a Kazakh word without a
letter of its own, such as «ауылдарында», is still read as Kazakh in a Kazakh
case); a query word, whose language is unknown, gives the stem of every
language it could be in. A Kazakh word typed on a Russian keyboard without
its own letters («акимдигинин») is matched against the index's ``typed``
column, which holds the Kazakh stems without those letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, lru_cache
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_SHORTEST = 4
"""Words this short are kept whole: Snowball reads «аким» as an adjective and cuts it to «ак»."""
_KAZAKH_SHORTEST = 3
"""A Kazakh stem may be three letters (жол, тіл, жер, сөз): the grammar's strict spelling rules keep it from cutting
a longer word that short by chance."""


@cache
def _snowball(lang: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer({"ru": "russian", "en": "english"}[lang])


@lru_cache(maxsize=131072)
def kazakh_readings(word: str) -> tuple[str, ...]:
    """Every stem (at least three letters) the Kazakh noun grammar finds in ``word`` with each suffix spelled by the
    rules, voicing undone, the likeliest first: the shortest, a reading without a 1st- or 2nd-person possessive
    before one with it («білімге», «білімі» are «білім», not «білі» + «-м», my). «зерттеушіде» is «зерттеуші» +
    locative only: a possessive «-і» is followed by «-нде», never «-де»."""
    from keykis.morphology.kazakh import PERSONAL, UNVOICED, strict_noun_readings

    readings = sorted((poss in PERSONAL, len(stem), stem[-1] not in UNVOICED, stem)
                      for stem, _, poss in strict_noun_readings(word) if len(stem) >= _KAZAKH_SHORTEST)
    return tuple(dict.fromkeys(r[3] for r in readings)) or (word,)


def kazakh_stem(word: str, support: Mapping[str, int] | None = None) -> str:
    """The stem of a Kazakh word; with ``support`` (how many words of the same document may have each stem), the
    reading the document supports most: «ауданы» is «аудан» + «-ы» beside «ауданда», «бала» + «-сы» beside «балаға»."""
    readings = kazakh_readings(word)
    if support is None or len(readings) == 1:
        return readings[0]
    return max(readings, key=lambda r: support.get(r, 0))


def kazakh_support(texts: Iterable[str], lang: str = "kk") -> dict[str, int]:
    """For each stem, how many distinct Kazakh words of ``texts`` (a document in ``lang``) may have it (see
    :func:`kazakh_stem`)."""
    from keykis.morphology.kazakh import LETTERS

    support: dict[str, int] = {}
    for w in {w for t in texts for w in words(t)}:
        if len(w) > _KAZAKH_SHORTEST and _CYRILLIC.search(w) and (lang == "kk" or LETTERS & set(w)):
            for r in kazakh_readings(w):
                support[r] = support.get(r, 0) + 1
    return support


def _cut(word: str, lang: str) -> str:
    """Snowball's stem of ``word``, or the word whole when Snowball would leave fewer than four letters
    («аким» is not «ак», «мэрия» is not «мэр»)."""
    if len(word) <= _SHORTEST:
        return word
    cut = str(_snowball(lang).stemWord(word))
    return cut if len(cut) >= _SHORTEST else word


@lru_cache(maxsize=131072)
def russian_stems(word: str) -> tuple[str, ...]:
    """The stems of every dictionary lemma ``word`` may be a form of, the likeliest first; Snowball's stem of the word
    itself when the dictionary does not know it. The lemma joins forms Snowball cannot («рамок» and «рамка»,
    «днём» and «день», «проблему» and «проблемы»); ё is read as е."""
    from keykis.morphology.russian import parses

    word = word.replace("ё", "е")
    lemmas = [p.normal_form.replace("ё", "е") for p in parses(word) if p.is_known]
    return tuple(dict.fromkeys(_cut(lemma, "ru") for lemma in lemmas)) or (_cut(word, "ru"),)


_APART = {"governance": "governance"}
"""English words Snowball gives a stem they do not share in meaning («governance» and «government» are both «govern»)."""


@lru_cache(maxsize=131072)
def stem(word: str, lang: str) -> str:
    """The stem of one case-folded word in ``lang`` (``ru``, ``kk`` or ``en``), without context."""
    if word.isdigit():
        return word
    from keykis.morphology.kazakh import LETTERS

    cyrillic = bool(_CYRILLIC.search(word))
    if cyrillic and (lang == "kk" or LETTERS & set(word)):
        return word if len(word) <= _KAZAKH_SHORTEST else kazakh_stem(word)
    if cyrillic:
        return russian_stems(word)[0]
    if word.isascii():  # every English word through Snowball, short ones too: «city» and «cities» are «citi»
        return _APART.get(word) or str(_snowball("en").stemWord(word))
    return word


def words(text: str) -> list[str]:
    """The case-folded words of ``text``."""
    return _WORD.findall(text.casefold())


def stems(text: str, lang: str, support: Mapping[str, int] | None = None) -> str:
    """``text`` as the index holds it: the stem of every word, space-separated, in order; a Kazakh word's reading
    chosen by ``support`` when given (:func:`kazakh_support` of the whole document)."""
    if not support:
        return " ".join(stem(w, lang) for w in words(text))
    from keykis.morphology.kazakh import LETTERS

    return " ".join(kazakh_stem(w, support) if len(w) > _KAZAKH_SHORTEST and _CYRILLIC.search(w) and
                    (lang == "kk" or LETTERS & set(w)) else stem(w, lang) for w in words(text))


RUSSIAN_KEYBOARD = str.maketrans("әіңғүұқөһ", "аингуукох")
"""A Kazakh word as typed on a Russian keyboard, without the letters of its own (ә→а, і→и, ұ/ү→у, қ→к, ғ→г, ң→н, ө→о)."""


def typed(stem: str) -> str:
    """``stem`` without the Kazakh letters, as the index's ``typed`` column holds it («әкімдік» → «акимдик»)."""
    return stem.translate(RUSSIAN_KEYBOARD)


@cache
def _typed_suffixes() -> tuple[frozenset[str], ...]:
    from keykis.morphology.kazakh import CASES, PLURAL, POSSESSIVE, RELATIVE

    def fold(options: Iterable[str]) -> frozenset[str]:
        return frozenset(typed(o) for o in options)

    return fold(PLURAL), fold(POSSESSIVE), fold(e for v in CASES.values() for e in v), fold(CASES["loc"]), fold(RELATIVE)


def _typed_chain(rest: str) -> bool:
    plural, possessive, cases, locative, relative = _typed_suffixes()

    def strip(s: str, options: frozenset[str]) -> list[str]:
        return [s[len(o):] for o in options if s.startswith(o)]

    for after_plural in [rest, *strip(rest, plural)]:
        for after_poss in [after_plural, *strip(after_plural, possessive)]:
            if after_poss == "" and after_poss != rest:
                return True
            if "" in strip(after_poss, cases) or any(tail in relative for tail in strip(after_poss, locative)):
                return True
    return False


@lru_cache(maxsize=65536)
def typed_readings(word: str) -> tuple[str, ...]:
    """The stems a Kazakh word typed without its own letters may have («кызметтеринин» → «кызмет», ...), voicing
    undone (г → к, б → п before a vowel). Without the letters, vowel harmony and the variants cannot be told, so
    every split into a stem of three letters or more and a suffix chain is a reading: to be matched against the
    ``typed`` column only."""
    out = [word]
    for i in range(_KAZAKH_SHORTEST, len(word)):
        stem, rest = word[:i], word[i:]
        if _typed_chain(rest):
            out.append(stem)
            if stem[-1] in "гб" and rest[0] in _VOWEL:
                out.append(stem[:-1] + {"г": "к", "б": "п"}[stem[-1]])
    return tuple(dict.fromkeys(out))


_VOWEL = frozenset("аәеёиоөуұүыіэюя")


def query_stems(word: str) -> list[str]:
    """Every stem a query word may have (its language is not known), the word's own first."""
    found = [stem(word, lang) for lang in ("ru", "kk", "en")]
    if _CYRILLIC.search(word):
        found[1:1] = russian_stems(word)[1:]
        found += [r for r in kazakh_readings(word)[1:] if len(r) >= _SHORTEST]
    return list(dict.fromkeys(found))


def typed_query_stems(word: str) -> list[str]:
    """The ``typed`` column's stems a query word may have: a Cyrillic word without Kazakh letters may be a Kazakh
    word typed on a Russian keyboard («акимдигинин» for «әкімдігінің»); any other word has none."""
    from keykis.morphology.kazakh import LETTERS

    if not _CYRILLIC.search(word) or LETTERS & set(word):
        return []
    return list(typed_readings(word)) if len(word) > _KAZAKH_SHORTEST else [word]


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
