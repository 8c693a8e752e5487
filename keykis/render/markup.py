"""A small, safe Markdown subset for the text fields of a case.

Case files come from students and colleagues, so text fields are Markdown
with raw HTML off: a ``<script>`` or a ``<link>`` written in a case shows as
text. Only emphasis, lists, tables, paragraphs, line breaks and links are
enabled; a link must point to http(s), anything else (``file:``,
``javascript:``, relative paths) stays plain text. A citation written as
``[ref-id]`` becomes the number of that reference in the printed list; the
same brackets round the id of an appendix (``[app-budget]``) become the
exhibit's printed name («приложение 2», "Exhibit 2").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_SAFE_LINK = re.compile(r"^https?://", re.IGNORECASE)


def _valid_link(url: str) -> bool:
    return bool(_SAFE_LINK.match(url.strip()))


QUOTES = {"ru": "«»''", "kk": "«»''", "en": "\u201c\u201d\u2018\u2019"}
"""Quotation marks by language: «ёлочки» for Russian and Kazakh (a single quote stays an apostrophe), curly quotes for English."""


@cache
def _parser(lang: str = "") -> MarkdownIt:
    quotes = QUOTES.get(lang)
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": bool(quotes),
                             "quotes": quotes or QUOTES["en"]})
    md.enable(["emphasis", "list", "link", "newline", "escape", "backticks", "table"])
    if quotes:
        md.enable(["smartquotes"])
    md.validateLink = _valid_link  # type: ignore[method-assign]
    return md


MAX_INLINE_MARKS = 300
"""Code spans, emphasis and links one text may print as such (the bundled cases use at most 26 in a text).

Each is a box of its own in the layout, and thousands of them in one paragraph
(a run of backticks pasted by accident: ```a `a `a …``) take minutes to lay out.
A text with more prints its marks as the characters they are."""


@cache
def _plain_parser(lang: str = "") -> MarkdownIt:
    """:func:`_parser` without code spans, emphasis and links, for a text over :data:`MAX_INLINE_MARKS`."""
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": lang in QUOTES,
                             "quotes": QUOTES.get(lang) or QUOTES["en"]})
    md.enable(["list", "newline", "table"])
    if lang in QUOTES:
        md.enable(["smartquotes"])
    return md


_MARKS = frozenset({"code_inline", "em_open", "strong_open", "link_open"})


def _render(source: str, lang: str, *, block: bool) -> str:
    """``source`` as HTML, its inline marks printed as characters when there are more than the layout can take."""
    md = _parser(lang)
    env: dict[str, object] = {}
    tokens = md.parse(source, env) if block else md.parseInline(source, env)
    marks = sum(1 for t in tokens for c in (t.children or ()) if c.type in _MARKS)
    if marks > MAX_INLINE_MARKS:
        md = _plain_parser(lang)
        tokens = md.parse(source, env) if block else md.parseInline(source, env)
    return str(md.renderer.render(tokens, md.options, env))


_CITATION = re.compile(r"(?<![\\!\]])\[([^\[\]\n]{1,200})\](?![(\[])")
_CITED_SPLIT = re.compile(r"\s*[;,]\s*")


def cite(text: str, numbers: Mapping[str, int] | None, exhibits: Mapping[str, str] | None = None) -> str:
    """Turn ``[ref-id]`` (or ``[id1; id2]``) into ``[3]`` (``[3; 5]``) where every id is a reference,
    and ``[appendix-id]`` into the exhibit's printed name from ``exhibits`` («приложение 2»).

    Brackets naming anything else, links (``[text](url)``) and images are left
    as they are. The result is still Markdown.
    """
    if not (numbers or exhibits) or "[" not in text:
        return text
    numbers = numbers or {}

    def one(m: re.Match[str]) -> str:
        if m.string[m.end():m.end() + 1] == ":" and (m.start() == 0 or m.string[m.start() - 1] == "\n"):
            return m.group(0)  # a link reference definition, not a citation
        key = m.group(1).strip()
        if exhibits and key in exhibits:
            return exhibits[key].replace("[", "\\[")
        ids = _CITED_SPLIT.split(key)
        if not all(i in numbers for i in ids):
            return m.group(0)
        sep = ";" if ";" in m.group(1) else ","
        return "\\[" + f"{sep} ".join(str(numbers[i]) for i in ids) + "\\]"

    return _CITATION.sub(one, text)


_ID_WORD = re.compile(r"(?<![\w/.#@-])([a-z]{1,2}\d{1,3})(?![\w/@-]|\.\w)")


def numbered(text: str, ids: Mapping[str, str] | None) -> str:
    """Replace the ids of a case's items written in its prose (``s1``, ``d2``) with their printed numbers.

    ``ids`` maps an id to what the editions print for it (``Р1``, ``2``);
    words that are not ids of this case stay as they are.
    """
    if not ids:
        return text
    return _ID_WORD.sub(lambda m: ids.get(m.group(1), m.group(1)), text)


LONG_WORD = 60
"""Letters in a row after which a word gets break opportunities (U+200B every ``LONG_WORD // 2`` letters)."""
_LONG_WORD = re.compile(rf"\w{{{LONG_WORD},}}")


def breakable(text: str) -> str:
    """``text`` with a zero-width space every 30 letters inside a word of 60 or more, so the layout breaks it
    where it must instead of trying to hyphenate it whole (minutes for an 8,000-letter word)."""
    if len(text) < LONG_WORD or not _LONG_WORD.search(text):
        return text
    step = LONG_WORD // 2
    return _LONG_WORD.sub(lambda m: "\u200b".join(m.group()[i:i + step] for i in range(0, len(m.group()), step)), text)


def markdown(text: object, citations: Mapping[str, int] | None = None, ids: Mapping[str, str] | None = None,
             lang: str = "", exhibits: Mapping[str, str] | None = None) -> Markup:
    """Render a text field as safe HTML (paragraphs, emphasis, lists, tables, http(s) links).

    ``citations`` maps reference ids to their numbers (see :func:`cite`);
    ``ids`` maps item ids to their printed numbers (see :func:`numbered`);
    ``lang`` chooses the quotation marks straight quotes become (:data:`QUOTES`);
    ``exhibits`` maps appendix ids to their printed names (see :func:`cite`).
    """
    if not isinstance(text, str) or not text.strip():
        return Markup("")
    return Markup(_render(breakable(numbered(cite(text, citations, exhibits), ids)), lang, block=True))


def inline(text: object, citations: Mapping[str, int] | None = None, ids: Mapping[str, str] | None = None,
           lang: str = "", exhibits: Mapping[str, str] | None = None) -> Markup:
    """Render a short text field inline (no paragraph around it)."""
    if not isinstance(text, str) or not text.strip():
        return Markup("")
    return Markup(_render(breakable(numbered(cite(text, citations, exhibits), ids)), lang, block=False))


def plain(text: object) -> str:
    """The text without Markdown marks, for PDF metadata and graph labels."""
    if not isinstance(text, str):
        return ""
    return re.sub(r"(\*\*|__|\*|_|`)", "", text).strip()


__all__ = ["cite", "markdown", "inline", "numbered", "plain", "escape"]
