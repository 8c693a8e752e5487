"""Alphabetical order per language, as a reader of that language expects it in an index.

Python sorts by code point, which puts «ё» before «а» and the Kazakh letters
(«ә», «ғ», «қ», «ң», «ө», «ұ», «ү», «һ», «і») after «я». Here each language
has its alphabet; letters of other scripts follow in code-point order, and
spaces, hyphens and other signs count for less than any letter.
"""

from __future__ import annotations

ALPHABETS = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "en": "abcdefghijklmnopqrstuvwxyz",
}
"""Lower-case alphabets in their order (Kazakh: the 42-letter Cyrillic alphabet)."""


def sort_key(text: str, lang: str) -> tuple[tuple[tuple[int, int], ...], str]:
    """A key that sorts ``text`` in ``lang``'s alphabetical order, case-insensitively (ties by the text itself)."""
    order = {c: i for i, c in enumerate(ALPHABETS.get(lang, ALPHABETS["en"]))}
    key = []
    for c in text.casefold():
        if c in order:
            key.append((2, order[c]))
        elif c.isalpha():
            key.append((3, ord(c)))
        elif c.isdigit():
            key.append((1, ord(c)))
        elif not c.isspace() and c not in "-‐–—'’«»\"().,":
            key.append((0, ord(c)))
        elif c.isspace():
            key.append((0, 0))
    return tuple(key), text


def initial(text: str, lang: str) -> str:
    """The letter an index groups ``text`` under (upper case), or ``#`` for a digit or sign.

    A Russian index files «ё» under «Е», as Russian dictionaries do; in Kazakh «Ё» is a letter of its own.
    """
    for c in text:
        if c.isalpha():
            return "Е" if lang == "ru" and c in "ёЁ" else c.upper()
        if c.isdigit():
            return "#"
    return "#"
