"""Every form of a real name: Russian inflection, Kazakh suffix chains, Latin transliteration.

A word is a form of a name only as a whole word: «Сапарову», «Сапаровтың», "Saparov's" are
forms of Сапаров; «Сапарбаев» and «сапар» are not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from keykis.morphology import kazakh, russian
from keykis.morphology.script import fold

_TRANSLIT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n",
    "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f",
    "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
# Russian surname endings (-ов/-ев/-ин): the paradigm of the grammar, for surnames the
# dictionary does not know (most Kazakh ones).
_SURNAME = re.compile(r"^(.+(?:ов|ев|ёв|ин|ын))(а)?$")
_SURNAME_ENDINGS = ("", "а", "у", "ым", "е", "ой", "ою", "ы", "ых", "ыми")


def skeleton(word: str) -> str:
    """A Latin spelling skeleton of ``word`` (Cyrillic or Latin), so that Сапаров and Saparov meet."""
    w = word.lower()
    w = "".join(_TRANSLIT.get(ch, ch) for ch in w)
    for a, b in (("zh", "j"), ("kh", "h"), ("yu", "iu"), ("ya", "ia"), ("y", "i"), ("q", "k"), ("w", "u"),
                 ("dzh", "j"), ("ck", "k")):
        w = w.replace(a, b)
    if w.startswith("ie"):
        w = w[1:]
    return re.sub(r"(.)\1", r"\1", w)


@lru_cache(maxsize=4096)
def russian_forms(token: str) -> frozenset[str]:
    """Every Russian form of one word of a name (lower-case)."""
    low = token.lower()
    forms = set(russian.lexeme(token)) | {low}
    m = _SURNAME.match(low)
    if m:
        base = m.group(1)
        forms |= {base + e for e in _SURNAME_ENDINGS}
    return frozenset(forms)


@lru_cache(maxsize=256)
def name_index(names: tuple[tuple[str, ...], ...]) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(Russian form -> name, Kazakh stem -> name, Latin skeleton -> name) for the personal names ``names``."""
    forms: dict[str, int] = {}
    stems: dict[str, int] = {}
    latin: dict[str, int] = {}
    for k, words in enumerate(names):
        for w in words:
            if len(w) < 3:
                continue
            for f in russian_forms(w):
                forms.setdefault(f, k)
            stems.setdefault(w.lower(), k)
            latin.setdefault(skeleton(w), k)
            if _SURNAME.match(w.lower()):
                latin.setdefault(skeleton(w.lower() + "a"), k)
    return forms, stems, latin


def find_name(word: str, names: tuple[tuple[str, ...], ...]) -> int | None:
    """Index in ``names`` of the personal name ``word`` (as written in a text) is a form of, if any."""
    w = fold(word)
    if not w[:1].isupper():
        return None
    forms, stems, latin = name_index(names)
    low = w.lower()
    if low in forms:
        return forms[low]
    for stem, _ in kazakh.noun_readings(low):
        if stem in stems:
            return stems[stem]
    if re.fullmatch(r"[a-z'’]+", low):
        return latin.get(skeleton(re.sub(r"['’]s?$", "", low)))
    return None
