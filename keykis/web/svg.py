"""Graphviz's SVG made fit to sit inside an HTML page.

Graphviz writes a standalone file (an XML prolog, a doctype, comments, a
``<title>`` per node holding ids) with ids like ``node1`` that would clash
when two drawings share a page. Inline, the drawing is one image for a
screen reader: ``role="img"`` with the figure's caption as its accessible
name; the ids get a prefix, the inner titles (tooltips of ids) go. Labels
stay as Graphviz escaped them (``&lt;``, ``&amp;``): the text is never
re-parsed as markup.
"""

from __future__ import annotations

import html
import re

_PROLOG = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.S)
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_SVG_OPEN = re.compile(r"<svg\b(?P<attrs>[^>]*)>", re.S)
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_ID = re.compile(r'\bid="(?P<id>[^"]*)"')
_REF = re.compile(r'(?P<head>url\(#|href="#)(?P<id>[^)"]*)')


def inline_svg(data: bytes, *, label: str, prefix: str) -> str:
    """``data`` (an SVG file) as an ``<svg role="img">`` element named ``label``; its ids start with ``prefix``."""
    text = data.decode("utf-8", errors="replace")
    text = _PROLOG.sub("", text)
    text = _TITLE.sub("", text)
    text = _ID.sub(lambda m: f'id="{prefix}-{m.group("id")}"', text)
    text = _REF.sub(lambda m: f'{m.group("head")}{prefix}-{m.group("id")}', text)
    name = html.escape(label, quote=True)

    def opening(m: re.Match[str]) -> str:
        attrs = _SIZE.sub("", m.group("attrs"))  # the page's CSS sizes it; the viewBox keeps its shape
        return (f'<svg{attrs} class="graph-svg" role="img" aria-labelledby="{prefix}-title">'
                f'<title id="{prefix}-title">{name}</title>')

    text = _SVG_OPEN.sub(opening, text, count=1)
    start = text.find("<svg")
    return text[start:].strip() if start >= 0 else ""
