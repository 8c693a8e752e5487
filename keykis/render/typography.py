"""Typographic spacing of every printed document, applied once to the HTML each PDF is laid out from.

Russian and Kazakh typesetting binds a short word (a one-letter preposition or
conjunction: «в», «с», «и») to the word after it, a dash to the word before it
(no line starts with a dash), initials to the surname («Н. Исмагулов»,
«Исмагулов Н.»), and a number to its unit, month or «года» / «жыл». The
words are data, per language, in ``templates/typography.yaml``. Only text
between tags changes, never a tag, an attribute, a style or a script.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from keykis import yamlsafe
from keykis.paths import templates_dir

NBSP = "\u00a0"
_TAG = re.compile(r"(<[^>]*>)")
_NEWLINE = re.compile(r"[ \t]*\n[ \t\n]*")
_RAW = ("<style", "<script", "<title", "<pre")
_LANG = re.compile(r"<html[^>]*\blang=\"([a-z]{2})\"")
_DASH = re.compile(r"(\S|^) ([\u2014\u2013])(?=\s|$)")
_INITIAL = re.compile(r"(?<![\w.])([^\W\d_]\.) (?=([^\W\d_]))")
"""An initial and the word after it («Н. Исмагулов», «Н. А.»): bound when both are capitals."""
_SURNAME_INITIAL = re.compile(r"(?<![\w.])([^\W\d_][^\W\d_]+) (?=([^\W\d_])\.)")
"""A surname and the initial after it («Исмагулов Н.»): bound when the word is capitalised and the initial a capital."""


def _initials(m: re.Match[str]) -> str:
    return m.group(1) + (NBSP if m.group(1)[0].isupper() and m.group(2).isupper() else " ")


def _surname(m: re.Match[str]) -> str:
    word = m.group(1)
    return word + (NBSP if word[0].isupper() and word[1:].islower() and m.group(2).isupper() else " ")


@cache
def rules(lang: str) -> dict[str, Any]:
    """The spacing words of ``lang`` (``templates/typography.yaml``; Russian for a language not listed)."""
    data, _ = yamlsafe.load_mapping(templates_dir() / "typography.yaml")
    entry = data.get(lang) or data.get("ru") or {}
    return entry if isinstance(entry, dict) else {}


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    r = rules(lang)
    short = "|".join(sorted((re.escape(w) for w in r.get("short_words") or []), key=len, reverse=True))
    words = [str(w) for w in r.get("after_number") or []]
    stems = [re.escape(w) for w in words if len(w) >= 4 and w[-1].isalpha()]  # «декабр» binds «декабря»
    whole = [re.escape(w) + (r"(?!\w)" if w[-1].isalnum() else "") for w in words if len(w) < 4 or not w[-1].isalpha()]
    units = "|".join(sorted(stems + whole, key=len, reverse=True))
    signs = "|".join(sorted((re.escape(str(w)) for w in r.get("before_number") or []), key=len, reverse=True))
    short_re = re.compile(rf"(?<![\w\-.])({short}) (?=\S|$)", re.IGNORECASE) if short else re.compile(r"(?!x)x")
    unit_re = re.compile(rf"(\d) (?=(?:{units}))", re.IGNORECASE) if units else re.compile(r"(?!x)x")
    sign_re = re.compile(rf"(?<!\w)({signs}) (?=\d)") if signs else re.compile(r"(?!x)x")
    return short_re, unit_re, sign_re


def typeset(text: str, lang: str) -> str:
    """``text`` (no tags) with the no-break spaces of ``lang``."""
    text = _NEWLINE.sub(" ", text)  # a line break of the source is a space on the page: binds as one
    if " " not in text:
        return text
    short_re, unit_re, sign_re = _patterns(lang)
    text = _DASH.sub(rf"\1{NBSP}\2", text)
    text = _INITIAL.sub(_initials, text)
    text = _SURNAME_INITIAL.sub(_surname, text)
    text = unit_re.sub(rf"\1{NBSP}", text)
    text = sign_re.sub(rf"\1{NBSP}", text)
    for phrase in rules(lang).get("bound") or []:
        if phrase in text:
            text = text.replace(phrase, str(phrase).replace(" ", NBSP))
    # twice: «и в Алматы» binds both «и» and «в»
    return short_re.sub(rf"\1{NBSP}", short_re.sub(rf"\1{NBSP}", text))


_ATTR_LANG = re.compile(r"""\slang=["']?([a-z]{2})""")
_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def typeset_html(html: str, lang: str | None = None) -> str:
    """``html`` with the no-break spaces of its language in every text.

    The language is the nearest ``lang`` attribute around the text (a student's
    Russian answer quoted in an English review keeps the Russian rules), else
    ``lang`` when given, else the document's ``<html lang>``.
    """
    if lang is None:
        found = _LANG.search(html)
        lang = found.group(1) if found else "ru"
    out: list[str] = []
    raw = ""
    stack: list[tuple[str, str]] = []  # open elements: (name, language inside)
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            low = piece.lower()
            if raw and low.startswith("</" + raw[1:]):
                raw = ""
            elif not raw and low.startswith(_RAW) and not low.endswith("/>"):
                raw = next(r for r in _RAW if low.startswith(r))
            elif not raw:
                _track(stack, piece, low)
            out.append(piece)
        else:
            out.append(piece if raw else typeset(piece, stack[-1][1] if stack else lang))
    return "".join(out)


def _track(stack: list[tuple[str, str]], tag: str, low: str) -> None:
    """Open or close an element on ``stack`` (the language of the text inside each open element)."""
    name = _NAME.match(low)
    if name is None:
        return  # a comment, a doctype
    element = name.group(1)
    if low.startswith("</"):
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == element:
                del stack[i:]
                break
        return
    if element in _VOID or low.endswith("/>") or element == "html":
        return
    given = _ATTR_LANG.search(tag)
    if given:
        stack.append((element, given.group(1)))
    elif stack:
        stack.append((element, stack[-1][1]))



PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})
"""pymorphy3 grammemes of a word that keeps its capital letter after a colon."""
COMMON = frozenset({"NOUN", "ADVB", "PREP", "CONJ", "PRCL", "NPRO", "NUMR", "VERB", "INFN"})
"""Parts of speech whose capital after a colon is lowered (nouns, adverbs, prepositions…), names aside."""
_FIRST_WORD = re.compile(r"^([^\W\d_])([^\W\d_]*)")


def after_colon(text: str, lang: str, common: frozenset[str] = frozenset()) -> str:
    """``text`` as it continues a generated ``Label:`` — its first letter lower-case unless it starts a name.

    Russian words are looked up (pymorphy3): a name, a place, an organisation or
    an abbreviation keeps its capital. Kazakh and English have no dictionary
    here; their first word is lowered when it is ``common``: written in lower
    case somewhere else (the case's own texts, the interface's words, see
    :func:`common_words`). A name («Алматы», "February", "AIFC") is never
    written so, and keeps its capital.
    """
    m = _FIRST_WORD.match(text)
    if not m or not m.group(2) or not m.group(1).isupper() or not m.group(2).islower():
        return text
    word = m.group(0)
    if lang != "ru":
        return word[0].lower() + text[1:] if word.lower() in common else text
    from keykis.morphology.russian import parses

    found = parses(word.lower())
    if not found or any(PROPER & set(p.tag.grammemes) for p in found[:2]) or not found[0].is_known:
        return text
    if found[0].tag.POS not in COMMON:  # «Озёрный район»: an adjective may start a place name
        return text
    return word[0].lower() + text[1:]


_LETTERS = re.compile(r"[^\W\d_]+")


def common_words(texts: list[str], lang: str) -> frozenset[str]:
    """Words written in lower case in ``texts`` or in the interface's words of ``lang``: not names."""
    from keykis.vocabulary import catalogue

    found: set[str] = {str(w) for w in rules(lang).get("common") or []}
    for section in catalogue(lang).values():
        texts = [*texts, *(str(v) for v in section.values() if isinstance(v, str))]
    for text in texts:
        found.update(w for w in _LETTERS.findall(text) if w.islower())
    return frozenset(found)


__all__ = ["NBSP", "after_colon", "common_words", "rules", "typeset", "typeset_html"]
