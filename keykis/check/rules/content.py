"""What counts as content: placeholders are not, and step 21's metrics must measure.

A step whose text is only «—», «См. выше.», «см. шаг 8», "TBD", «жоқ» is not written
(``placeholders`` in schemas/rules.yaml). A qualitative metric is a statement about what
can be observed, not a lone rating («высокая», "good") or a bare figure («85 %»); a
quantitative indicator names a measurable quantity or a number with its unit
(``metric_words`` in schemas/rules.yaml).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from keykis.method import method

_ENDS = re.compile(r"^[\s\"'«»„“”()\[\]:;,]+|[\s\"'«»„“”()\[\]:;,.!]+$")
_WORD = re.compile(r"[^\W\d_]{2,}")
_POINTER = re.compile(r"(?:section|step|page|chapter|item|point|p|раздел|шаг|этап|глав|пункт|п|стр|қадам|бөлім|бет|тарау)"
                      r"\w*\.?\s*\d[\d\s,.–-]*(?:(?:и|and|және|or|или)\s*\d[\d\s,.–-]*)*"
                      r"|\d+[-\s]?(?:қадам|бөлім|бет|тарау)\w*")
_NUMBER_UNIT = re.compile(r"\d[\d\s.,]*\s*(?:%\s*)?[^\W\d_]{2,}")


@cache
def _placeholder_pattern() -> re.Pattern[str]:
    entries = [e for entries in method().placeholders.values() for e in entries]
    return re.compile("|".join(f"(?:{e})" for e in entries) or r"(?!)")


def _normal(text: str) -> str:
    return _ENDS.sub("", " ".join(text.lower().replace("ё", "е").split()))


@cache
def _marker_pattern() -> re.Pattern[str]:
    spec = method().placeholder_markers
    words = [str(w).lower() for lang, ws in spec.items() if isinstance(ws, list) for w in ws]
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    return re.compile(r"(?<!\w)(?:" + ("|".join(parts) or "(?!)") + r")(?!\w)")


def is_placeholder(text: str) -> bool:
    """Whether ``text`` is blank or only stands in for content.

    «—», «см. выше», "TBD", «жоқ» (``placeholders``), or a short text that defers or points
    elsewhere: «Благодарности будут позже.», «См. раздел «Методы» выше.» (``placeholder_markers``).
    """
    normal = _normal(text)
    if not normal or _placeholder_pattern().fullmatch(normal):
        return True
    words = _WORD.findall(normal)
    limit = int(str(method().placeholder_markers.get("max_words", 0)))
    numbers = re.sub(_POINTER, "", normal)   # «see section 2», «см. шаг 8»: a number that only points elsewhere
    return len(words) <= limit and not re.search(r"\d", numbers) and bool(_marker_pattern().search(normal))


def has_content(value: Any) -> bool:
    """Whether ``value`` carries content: a text that is not a placeholder, or a number, somewhere in it.

    Ids are not content (a list item with an id and a placeholder text is empty).
    """
    if isinstance(value, str):
        return not is_placeholder(value)
    if isinstance(value, dict):
        if isinstance(value.get("text"), str) and is_placeholder(value["text"]):
            return False   # an item whose wording is a placeholder is empty, whatever notes it has
        return any(has_content(v) for k, v in value.items() if k not in ("id", "chosen"))
    if isinstance(value, list):
        return any(has_content(v) for v in value)
    return value is not None and value is not False


def placeholders_in(value: Any) -> list[str]:
    """The placeholder texts in ``value`` (for the message that says why a step is missing)."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() and is_placeholder(value) else []
    if isinstance(value, dict):
        return [p for k, v in value.items() if k not in ("id", "chosen") for p in placeholders_in(v)]
    if isinstance(value, list):
        return [p for v in value for p in placeholders_in(v)]
    return []


def _words(lang: str) -> dict[str, Any]:
    return dict(method().metric_words.get(lang) or {})


def _all(key: str) -> list[str]:
    return [str(w).lower() for lang in ("ru", "kk", "en") for w in _words(lang).get(key) or []]


def is_statement(text: str) -> bool:
    """Whether a qualitative metric says something observable, not a lone rating or a bare figure."""
    if is_placeholder(text):
        return False
    ratings = set(_all("ratings"))
    words = [w for w in _WORD.findall(text.lower()) if w not in ratings]
    return len(words) >= int(str(method().metric_words.get("statement_min_words", 3)))


def is_measurable(indicator: str) -> bool:
    """Whether a quantitative indicator names a measurable quantity, or a number with its unit."""
    if is_placeholder(indicator):
        return False
    low = indicator.lower().replace("ё", "е")
    words = _WORD.findall(low)
    ratings = set(_all("ratings"))
    if words and all(w in ratings for w in words):
        return False
    if _NUMBER_UNIT.search(low):
        return True
    return any(w.startswith(q) for w in words for q in _all("quantities") if " " not in q) or any(
        q in low for q in _all("quantities") if " " in q)


def is_empty_indicator(indicator: str) -> bool:
    """Whether an indicator says nothing measurable at all: a placeholder, a lone rating or a bare figure."""
    if is_placeholder(indicator):
        return True
    ratings = set(_all("ratings"))
    words = [w for w in _WORD.findall(indicator.lower()) if w not in ratings]
    return not words or (len(words) <= 2 and not re.search(r"\d", indicator) and all(_russian_rating(w) for w in words))


def _russian_rating(word: str) -> bool:
    """Whether a Russian word is only a rating: an adjective or adverb («нормально», «приемлемый»)."""
    if not re.fullmatch(r"[а-яё-]+", word):
        return False
    from keykis.morphology.russian import parses

    found = parses(word)
    return bool(found) and found[0].tag.POS in ("ADJF", "ADJS", "ADVB", "COMP", "PRCL") and found[0].score > 0.5
