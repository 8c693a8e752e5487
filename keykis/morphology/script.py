"""Latin look-alike letters inside Cyrillic words, as real Kazakh and Russian texts often have them."""

from __future__ import annotations

import re
from functools import lru_cache

# Latin letters that print like Cyrillic ones (Kazakh і and ә included: the article's own
# Kazakh abstract writes ә with the Latin schwa).
LOOKALIKES = str.maketrans({
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к", "i": "і", "h": "һ",
    "ə": "ә", "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "I": "І", "K": "К", "M": "М", "O": "О",
    "P": "Р", "T": "Т", "X": "Х", "Y": "У", "Ə": "Ә",
})
_CYR = re.compile(r"[\u0400-\u04FF]")
_LAT = re.compile(r"[A-Za-z\u0259\u018F]")
_WORD = re.compile(r"[\w\u0259\u018F]+")


def is_mixed(word: str) -> bool:
    """Whether ``word`` mixes Cyrillic and Latin letters."""
    return bool(_CYR.search(word)) and bool(_LAT.search(word))


def fold_word(word: str) -> str:
    """``word`` with Latin look-alikes turned Cyrillic when it is a Cyrillic word with some Latin letters."""
    return word.translate(LOOKALIKES) if is_mixed(word) else word


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """``text`` with every mixed-script word folded to Cyrillic (the text is analysed in this form)."""
    if not _LAT.search(text) or not _CYR.search(text):
        return text
    return _WORD.sub(lambda m: fold_word(m.group(0)), text)


def mixed_words(text: str) -> list[tuple[str, str]]:
    """(word as written, word in Cyrillic) for every mixed-script word of ``text`` that folds cleanly."""
    if not _LAT.search(text) or not _CYR.search(text):
        return []
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        if is_mixed(word):
            fixed = word.translate(LOOKALIKES)
            if not _LAT.search(fixed):
                out.append((word, fixed))
    return out
