"""A small, safe Markdown subset for the text fields of a case.

Case files come from students and colleagues, so text fields are Markdown
with raw HTML off: a ``<script>`` or a ``<link>`` written in a case shows as
text. Only emphasis, lists, paragraphs, line breaks and links are enabled;
a link must point to http(s), anything else (``file:``, ``javascript:``,
relative paths) stays plain text.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_SAFE_LINK = re.compile(r"^https?://", re.IGNORECASE)


def _valid_link(url: str) -> bool:
    return bool(_SAFE_LINK.match(url.strip()))


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.enable(["emphasis", "list", "link", "newline", "escape", "backticks"])
    md.validateLink = _valid_link  # type: ignore[method-assign]
    return md


def markdown(text: object) -> Markup:
    """Render a text field as safe HTML (paragraphs, emphasis, lists, http(s) links)."""
    if not isinstance(text, str) or not text.strip():
        return Markup("")
    return Markup(_parser().render(text))


def inline(text: object) -> Markup:
    """Render a short text field inline (no paragraph around it)."""
    if not isinstance(text, str) or not text.strip():
        return Markup("")
    return Markup(_parser().renderInline(text))


def plain(text: object) -> str:
    """The text without Markdown marks, for PDF metadata and graph labels."""
    if not isinstance(text, str):
        return ""
    return re.sub(r"(\*\*|__|\*|_|`)", "", text).strip()


__all__ = ["markdown", "inline", "plain", "escape"]
