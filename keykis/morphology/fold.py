"""Names in every spelling: the text disguise matching reads, not the text a person sees.

A real name can hide from a plain comparison in many ways, on purpose or
pasted so from Word or the web: a zero-width space, joiner or non-joiner, a
word joiner, a soft hyphen, a BOM, a variation selector or a tag character
inside it; a bidi mark, or the name written backwards inside a right-to-left
override so that it shows the right way round; a combining accent; a Latin
``a`` or ``o`` among Cyrillic letters; full-width or mathematical letters; a
Kazakh letter where the stored name has its Russian-keyboard look-alike
(«Жақсыбеков» for «Жаксыбеков»).

``fold`` undoes all of these, on both sides of a comparison: override runs are
read in display order, invisible code points (Unicode's default-ignorable set,
which holds every bidi control) are removed, NFKD compatibility forms are
taken and combining marks dropped, Kazakh letters fold to their look-alikes
(қ→к, ғ→г, ң→н, ә→а, ө→о, ұ/ү→у, і→и, һ→х), and within a word the letters
of another script fold to their confusable in the word's main script, from
Unicode's confusables table (``confusable_homoglyphs``). ``fold_map`` also
says where each folded character came from, so a match found in the folded
text can be replaced in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["INVISIBLE", "fold", "fold_map", "invisible_in", "needs_fold", "strip_invisible"]

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), which contains every bidi control.
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
INVISIBLE = re.compile(f"[{_IGNORABLE}]")
"""Code points that show nothing (or only change direction): none belongs in a name, an id or an alias."""
_OVERRIDE = re.compile("\u202e([^\u202c\u202a\u202d]*)")
_KAZAKH = dict(zip("қғңәөұүіһҚҒҢӘӨҰҮІҺ", "кгнаоууихКГНАОУУИХ", strict=True))


def _kazakh(text: str) -> str:
    for letter, look_alike in _KAZAKH.items():
        if letter in text:
            text = text.replace(letter, look_alike)
    return text
_PLAIN = re.compile(r"[\x20-\x7e\u0400-\u045f\n\t]*")
_MIXED = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")
_WORD = re.compile(r"\w+")


def needs_fold(text: str) -> bool:
    """Whether ``fold`` could change ``text`` beyond case (anything but ASCII and basic Russian)."""
    return _PLAIN.fullmatch(text) is None or _MIXED.search(text) is not None


def invisible_in(text: str) -> list[str]:
    """The invisible code points in ``text``, as ``U+200B`` names, in order, without repeats."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in INVISIBLE.findall(text)))


def strip_invisible(text: str) -> str:
    """``text`` as it shows: override runs in display order, invisible code points removed."""
    if not INVISIBLE.search(text):
        return text
    return INVISIBLE.sub("", _OVERRIDE.sub(lambda m: m.group(1)[::-1], text))


@lru_cache(maxsize=1)
def _homoglyphs() -> dict[str, dict[str, str]]:
    """Per script (``CYRILLIC``, ``LATIN``, ``GREEK``): a character of another script -> its look-alike in it."""
    try:
        from confusable_homoglyphs.confusables import confusables_data
    except ImportError:  # pragma: no cover - the package is a dependency
        return {}
    out: dict[str, dict[str, str]] = {"CYRILLIC": {}, "LATIN": {}, "GREEK": {}}
    for char, glyphs in confusables_data.items():
        if len(char) != 1:
            continue
        for g in glyphs:
            script = str(g.get("n", "")).split(" ")[0]
            if script in out and len(g.get("c", "")) == 1 and _script(char) != script:
                out[script].setdefault(char, g["c"])
    for script, table in out.items():  # one step through Latin: Greek ο -> Latin o -> Cyrillic о
        for char, latin in out["LATIN"].items():
            if char not in table and _script(char) != script and latin in table:
                table[char] = table[latin]
    return out


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ")[0]
    except ValueError:
        return ""


def _main_script(word: str) -> str:
    counts: dict[str, int] = {}
    for c in word:
        if c.isalpha():
            s = _script(c)
            counts[s] = counts.get(s, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else ""


_BASIC_RUN = re.compile(r"[\x00-\x7f\u0400-\u04ff]+")
_SUSPECT = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]|[^\W\x00-\x7f\u0400-\u04ff]")


def _fold_char(c: str) -> str:
    if INVISIBLE.match(c):
        return ""
    return "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d) and not INVISIBLE.match(d))


def fold_map(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the index in ``text`` it came from."""
    order = list(range(len(text)))
    if "\u202e" in text:
        for m in _OVERRIDE.finditer(text):  # shown reversed: read in the order a reader sees
            order[m.start(1):m.end(1)] = order[m.start(1):m.end(1)][::-1]
        shown = "".join(text[i] for i in order)
    else:
        shown = text
    parts: list[str] = []
    origin: list[int] = []
    at = 0
    for m in _BASIC_RUN.finditer(shown):
        for i in range(at, m.start()):  # the characters between runs: one by one
            folded = _fold_char(shown[i])
            parts.append(folded)
            origin += [order[i]] * len(folded)
        parts.append(_kazakh(m.group()))
        origin += order[m.start():m.end()]
        at = m.end()
    for i in range(at, len(shown)):
        folded = _fold_char(shown[i])
        parts.append(folded)
        origin += [order[i]] * len(folded)
    out = "".join(parts)
    suspect = _MIXED if _BASIC_RUN.fullmatch(out) else _SUSPECT
    if suspect.search(out):  # a word of mixed scripts, or with letters of a third script
        table = _homoglyphs()
        chars = list(out)
        done = -1
        for hit in suspect.finditer(out):
            if hit.start() < done:
                continue
            start, end = hit.start(), hit.end()
            while start > 0 and out[start - 1].isalnum():
                start -= 1
            while end < len(out) and out[end].isalnum():
                end += 1
            done = end
            word = out[start:end]
            main = _main_script(word)
            swap = table.get(main)
            if swap:
                for k, c in enumerate(word, start):
                    if c.isalpha() and c in swap and _script(c) != main:
                        chars[k] = swap[c]
        out = "".join(chars)
    return out, origin


def fold(text: str) -> str:
    """``text`` as disguise matching reads it (see the module docstring); case is kept."""
    if not needs_fold(text):
        return text
    return fold_map(text)[0]
