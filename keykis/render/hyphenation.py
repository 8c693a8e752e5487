"""Kazakh hyphenation for the printed editions (Pyphen has no Kazakh dictionary).

Kazakh words break between syllables, and a Kazakh syllable begins with at
most one consonant (V, VC, CV, CVC, VCC, CVCC): of the consonants between two
vowels, only the last one opens the next syllable — ба-ла, ал-ма, айт-ты,
мем-ле-кет-тік, қыз-мет-ші-лер-дің. In Liang's patterns, as Pyphen and
WeasyPrint read them, that is one rule: a break is allowed before a consonant
that a vowel follows (``1бa``). Loanwords that begin with a cluster (стра-те-
гия, про-грамма) must not lose their first consonants, so a break after one,
two or three consonants at the start of a word is forbidden (``.ст2``); no
break falls before the soft or hard sign. At least two letters stay on each
side of a break.

The patterns are generated here and shipped as ``hyph_kk_KZ.dic`` beside this
module (a test keeps the two identical); :func:`register` tells Pyphen, and
through it WeasyPrint, to use them for ``lang="kk"``.
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

VOWELS = "аәеёиоөуұүыіэюя"
CONSONANTS = "бвгғджзйкқлмнңпрстфхһцчшщ"
SIGNS = "ьъ"
DICTIONARY = Path(__file__).with_name("hyph_kk_KZ.dic")
LANG = "kk"


def patterns() -> str:
    """The text of the Kazakh hyphenation dictionary (Hunspell/Liang format, UTF-8)."""
    lines = ["UTF-8", "LEFTHYPHENMIN 2", "RIGHTHYPHENMIN 2"]
    lines += [f"1{c}{v}" for c, v in product(CONSONANTS, VOWELS)]
    lines += [f"2{s}" for s in SIGNS]
    lines += [f".{c}2" for c in CONSONANTS]
    lines += [f".{a}{b}2" for a, b in product(CONSONANTS, repeat=2)]
    return "\n".join(lines) + "\n"


def register() -> None:
    """Make ``lang="kk"`` (and ``kk-KZ``) hyphenate with the shipped Kazakh patterns."""
    import pyphen

    for name in ("kk", "kk_KZ"):
        pyphen.LANGUAGES[name] = DICTIONARY
        pyphen.LANGUAGES_LOWERCASE[name.lower()] = name


def hyphenate(word: str) -> str:
    """``word`` with its break points marked by ``-`` (for tests and the glossary)."""
    import pyphen

    register()
    return str(pyphen.Pyphen(lang=LANG).inserted(word, hyphen="-"))


__all__ = ["DICTIONARY", "hyphenate", "patterns", "register"]
