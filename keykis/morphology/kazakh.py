"""A small Kazakh suffix grammar: noun and verb endings with their variants and consonant changes.

Kazakh adds suffixes in a fixed order (noun: plural, possessive, case, the relative -ғы;
verb: voice, negation, tense or participle, person). Each suffix has variants chosen by
vowel harmony (back а, о, ұ, ы / front ә, ө, ү, і, е) and by the sound the stem ends in; a
stem ending in к, қ or п voices it before a vowel (әкімдік → әкімдігі, орталық → орталығы,
кітап → кітабы). The grammar below accepts every variant (it reads, it does not generate), and
undoes the voicing when it finds a stem. docs/language.md says why this is ours rather than an
analyser from the package index.
"""

from __future__ import annotations

import re
from functools import lru_cache

PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")
POSSESSIVE = ("ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "ым", "ім", "м", "ың", "ің", "ң",
              "сы", "сі", "ы", "і")
CASES = {
    "gen": ("ның", "нің", "дың", "дің", "тың", "тің"),
    "dat": ("ға", "ге", "қа", "ке", "на", "не", "а", "е"),
    "acc": ("ны", "ні", "ды", "ді", "ты", "ті", "н"),
    "loc": ("нда", "нде", "да", "де", "та", "те"),
    "abl": ("нан", "нен", "дан", "ден", "тан", "тен"),
    "ins": ("ымен", "імен", "мен", "бен", "пен"),
}
RELATIVE = ("ғы", "гі", "қы", "кі")
LETTERS = frozenset("әғқңөұүһі")
"""Letters of the Kazakh alphabet that Russian does not have: a word with one of them is Kazakh."""
_VOICED = {"г": "к", "ғ": "қ", "б": "п"}
UNVOICED = frozenset(_VOICED.values())
"""к, қ and п: the consonants a stem ends in when the grammar undoes their voicing."""
_VOWELS = set("аәеёиоөуұүыіэюя")


@lru_cache(maxsize=65536)
def noun_readings(word: str) -> tuple[tuple[str, str], ...]:
    """(stem, case) for every way ``word`` splits into a stem and a noun suffix chain.

    ``case`` is ``nom`` (no case suffix: the subject form, possessive allowed), or ``gen``, ``dat``,
    ``acc``, ``loc``, ``abl``, ``ins``. The word itself is always a reading (``nom``).
    """
    w = word.lower()
    out: list[tuple[str, str]] = [(w, "nom")]
    for i in range(1, len(w)):
        stem, rest = w[:i], w[i:]
        case = _chain(rest)
        if case is None:
            continue
        out.append((stem, case))
        if stem[-1] in _VOICED and rest[0] in _VOWELS:
            out.append((stem[:-1] + _VOICED[stem[-1]], case))
    return tuple(out)


@lru_cache(maxsize=4096)
def _chain(rest: str) -> str | None:
    """The case a noun suffix chain ends in, or None if ``rest`` is not a chain."""
    def strip(s: str, options: tuple[str, ...]) -> list[str]:
        return [s[len(o):] for o in options if s.startswith(o)]

    for after_plural in [rest, *strip(rest, PLURAL)]:
        for after_poss in [after_plural, *strip(after_plural, POSSESSIVE)]:
            if after_poss == "":
                return "nom" if after_poss != rest else None
            for case, options in CASES.items():
                for tail in strip(after_poss, options):
                    if tail == "" or (case == "loc" and tail in RELATIVE):
                        return "loc" if tail else case
    return None


_NEG = "(?:ма|ме|ба|бе|па|пе)?"
_TENSE = ("(?:"
          "(?:ды|ді|ты|ті)(?:м|ң|ңыз|ңіз|қ|к|ңдар|ңдер)?"
          "|(?:а|е|й)(?:ды|ді|мын|мін|сың|сің|мыз|міз|сыз|сіз)"
          "|(?:ып|іп|п)(?:ты|ті)?"
          "|(?:ған|ген|қан|кен)(?:дар|дер|ы|і)?(?:дай|дей)?"
          "|(?:мақ|мек|бақ|бек|пақ|пек)(?:шы|ші)?"
          "|(?:атын|етін|йтын|йтін)"
          "|(?:са|се)(?:м|ң|қ|к)?"
          ")")


@lru_cache(maxsize=256)
def verb_pattern(stem: str, passive: bool = False) -> re.Pattern[str]:
    """Finite forms and participles of a verb stem (negative ones too); of its passive when ``passive``."""
    voice = "(?:ыл|іл|л|ын|ін|н)" if passive and not stem.endswith(("л", "н")) else ""
    if passive:
        return re.compile(rf"^{re.escape(stem)}{_NEG}{_TENSE}$") if voice == "" else re.compile(
            rf"^{re.escape(stem)}{voice}{_NEG}{_TENSE}$")
    return re.compile(rf"^{re.escape(stem)}{_NEG}{_TENSE}$")


def is_verb_form(word: str, stem: str) -> bool:
    """Whether ``word`` is a finite form or participle of the verb ``stem``."""
    return bool(verb_pattern(stem).match(word.lower()))


def noun_stem_case(word: str, stems: frozenset[str]) -> tuple[str, str] | None:
    """(stem, case) when ``word`` is a form of one of the noun ``stems``."""
    for stem, case in noun_readings(word):
        if stem in stems:
            return stem, case
    return None


_FINITE = ("(?:"
           "(?:ды|ді|ты|ті)(?:м|ң|ңыз|ңіз|қ|к|ңдар|ңдер)?"
           "|(?:а|е|й)(?:ды|ді)"
           "|(?:ып|іп|п)(?:ты|ті)"
           ")")


@lru_cache(maxsize=256)
def _finite_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(stem)}{_NEG}{_FINITE}$")


def is_finite_form(word: str, stem: str) -> bool:
    """Whether ``word`` is a finite form (past, present, evidential) of the verb ``stem``: a statement, not an attribute."""
    return bool(_finite_pattern(stem).match(word.lower()))


_BACK = frozenset("аоұыуяюё")
_VOICELESS_END = frozenset("кқпстфхцчшщбвгд")
"""Sounds after which a suffix takes its т/қ/к/п variant (б, в, г, д are voiceless at a word's end)."""
_AFTER_VOWEL = frozenset({"сы", "сі", "м", "ң", "мыз", "міз", "ңыз", "ңіз"})
_P3 = frozenset({"ы", "і", "сы", "сі"})
_P12 = frozenset({"ым", "ім", "м", "ың", "ің", "ң"})
PERSONAL = _P12 | {"ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз"}
"""The 1st- and 2nd-person possessives (менің ауылым, біздің ауылымыз): rare in a text about others."""
_N_CASES = frozenset({"ның", "нің", "на", "не", "н", "нда", "нде", "нан", "нен", "мен"})
"""The case endings after a 3rd-person possessive (әкімдігінің, ауылына, ауданында)."""


def _front(stem: str) -> bool | None:
    for ch in reversed(stem):
        if ch in _VOWELS:
            return ch not in _BACK
    return None


def _fits(before: str, suffix: str) -> bool:
    """Whether ``suffix`` may follow ``before``: its variant chosen by the sound before it, and vowel harmony."""
    last, first = before[-1], suffix[0]
    vowel_end = last in _VOWELS and last != "у"
    if first in _VOWELS:
        ok = not vowel_end
    elif suffix in _AFTER_VOWEL:
        ok = vowel_end
    elif suffix in ("ны", "ні"):
        ok = vowel_end
    elif suffix in ("ды", "ді"):
        ok = not vowel_end and last not in _VOICELESS_END
    elif suffix in ("ның", "нің", "нан", "нен"):
        ok = vowel_end if suffix in ("ның", "нің") and last not in "мнң" else last in "мнң" or suffix in ("ның", "нің")
    elif suffix in ("лар", "лер"):
        ok = vowel_end or last in "рйу"
    elif suffix in ("дар", "дер"):
        ok = last in "лмнңжз"
    elif suffix in ("дың", "дің"):
        ok = last in "лрйужз"
    elif suffix in ("мен",):
        ok = vowel_end or last in "лрйумнң"
    elif first in "тқкп":
        ok = last in _VOICELESS_END
    elif first in "дғгб":
        ok = last not in _VOICELESS_END
    else:
        ok = True
    front = _front(before)
    if ok and front is not None and suffix not in ("мен", "бен", "пен"):
        ok = all((c not in _BACK) == front for c in suffix if c in _VOWELS)
    return ok


@lru_cache(maxsize=65536)
def strict_noun_readings(word: str) -> tuple[tuple[str, str, str], ...]:
    """The readings of :func:`noun_readings` whose suffixes follow the spelling rules in turn.

    Each suffix's variant must be the one the sound before it calls for (ауылдың, ауданның, халықтың;
    ауылға, халыққа), its vowels in harmony with the stem's last vowel (бюджетке, ауылға), and a
    3rd-person possessive is followed only by an н-case (ауылына, ауданында, not «ауылыда»). A reading is
    (stem, case, possessive suffix or ""); the word itself is always one.
    """
    w = word.lower()
    out: list[tuple[str, str, str]] = [(w, "nom", "")]
    for i in range(1, len(w)):
        stem, rest = w[:i], w[i:]
        found = _strict_chain(stem, rest)
        if found is None:
            continue
        out.append((stem, *found))
        if stem[-1] in _VOICED and rest[0] in _VOWELS:
            out.append((stem[:-1] + _VOICED[stem[-1]], *found))
    return tuple(out)


def _case_fits(before: str, poss: str, ending: str) -> bool:
    if poss in _P3:
        return ending in _N_CASES
    if ending in ("а", "е") or poss in _P12 and ending in CASES["dat"]:
        return poss in _P12 and ending in ("а", "е")
    if ending in ("н", "на", "не", "нда", "нде"):
        return False
    return _fits(before, ending)


@lru_cache(maxsize=1)
def _chains() -> dict[str, tuple[tuple[str, str, str, str], ...]]:
    """Every noun suffix chain spelled out: {chain: ((plural, possessive, case ending, case), ...)}, plain first."""
    out: dict[str, list[tuple[str, str, str, str]]] = {}
    for plural in ("", *PLURAL):
        for poss in ("", *POSSESSIVE):
            if plural or poss:
                out.setdefault(plural + poss, []).append((plural, poss, "", "nom"))
            for case, options in CASES.items():
                for ending in options:
                    for tail in ("", *(RELATIVE if case == "loc" else ())):
                        out.setdefault(plural + poss + ending + tail, []).append((plural, poss, ending, case))
    return {k: tuple(v) for k, v in out.items()}


def _strict_chain(stem: str, rest: str) -> tuple[str, str] | None:
    """(case, possessive) of a strictly spelled noun suffix chain after ``stem``, or None."""
    for plural, poss, ending, case in _chains().get(rest, ()):
        if plural and not _fits(stem, plural):
            continue
        if poss and not _fits(stem + plural, poss):
            continue
        if ending and not _case_fits(stem + plural + poss, poss, ending):
            continue
        return case, poss
    return None
