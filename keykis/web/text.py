"""The words of a rendered page, each with the language it is marked in (``lang`` attributes).

The search index is made from what a reader sees: the page's text, read by
the language of the element it stands in (a Kazakh abstract in a Russian
case is read as Kazakh). Scripts, styles and the drawing's hidden titles are
not text.
"""

from __future__ import annotations

from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
SKIP = frozenset({"script", "style", "title", "template", "noscript"})


class _Words(HTMLParser):
    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("", lang, False)]
        self.chunks: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        _, lang, skip = self.stack[-1]
        given = dict(attrs).get("lang")
        self.stack.append((tag, (given or lang).split("-")[0].lower(), skip or tag in SKIP))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <path/>, <br/>: nothing opens

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        _, lang, skip = self.stack[-1]
        if not skip and data.strip():
            self.chunks.append((lang, data))


def text_by_language(html: str, lang: str) -> list[tuple[str, str]]:
    """(language, text) pieces of ``html`` in order; ``lang`` where no element says otherwise."""
    parser = _Words(lang)
    parser.feed(html)
    parser.close()
    return parser.chunks
