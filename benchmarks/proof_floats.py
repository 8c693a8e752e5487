"""The print check's measures of figures and tables on the page, read from the tagged PDF.

* **empty space before a figure**: a page left more than a third empty (its
  lowest mark above two thirds of the content height) while the next page
  opens with a figure or a table — what a kept figure that did not fit does
  when the text cannot flow on past it;
* **small table split**: a table under half a page high printed on two pages.

The editions are tagged PDFs: every mark on a page carries a marked-content
id, and the structure tree says which ``Figure`` or ``Table`` it belongs to.
WeasyPrint writes one ``Table`` element per page a table is printed on, the
caption in the first only, so a table continued on the next page is a
``Table`` without a caption that opens the next page, right after one in
print order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

GAP = 1 / 3
"""A page emptier than this (share of the content height) before a figure is counted."""
SMALL = 1 / 2
"""A table lower than this (share of the content height, its parts on both pages added) is small."""
OPENS = 60.0
"""A page opens with a figure or table that starts this close (points) to its first line: a heading and the
sentence calling the table may come first, pulled along by it."""
CONTINUES = 12.0
"""A table's part on the next page continues it when its text starts this close (points) to the page's first mark
(its border and cell padding, about 6 pt): a continued table opens the page itself, while a new table without a
caption (the study pages') comes after its heading (20 pt or more below the page's first mark)."""
KINDS = ("Figure", "Table")


@dataclass
class Floats:
    """What the figures and tables of one PDF measure."""

    gaps: list[int] = field(default_factory=list)
    """Pages left more than :data:`GAP` empty before a page that opens with a figure or a table."""
    split_tables: list[int] = field(default_factory=list)
    """Pages on which a table under :data:`SMALL` of a page starts and from which it runs onto the next."""


def _owners(tree: Any) -> tuple[dict[tuple[int, int], Any], list[Any]]:
    """Each (page, marked-content id)'s outermost figure or table, and the tables in print order."""
    owner: dict[tuple[int, int], Any] = {}
    tables: list[Any] = []

    def walk(element: Any, holder: Any) -> None:
        holder = holder if holder is not None or element.type not in KINDS else element
        for mcid in element.mcids or []:
            if holder is not None and element.page_number is not None:
                owner[(element.page_number, mcid)] = holder
        if element.type == "Table":
            tables.append(element)
        for child in element.children:
            walk(child, holder)

    for element in tree:
        walk(element, None)
    return owner, tables


def _extent(page: Any, mcids: set[int], top: float, bottom: float) -> tuple[float, float] | None:
    marks = [o for kind in ("chars", "rects", "lines", "curves", "images") for o in getattr(page, kind)
             if o.get("mcid") in mcids and o["top"] >= top and o["bottom"] <= bottom]
    return (min(o["top"] for o in marks), max(o["bottom"] for o in marks)) if marks else None


def _first_top(page: Any, top: float, foot: float) -> float:
    """Where the first mark of the page's content area is."""
    bottom = float(page.height) - foot
    return min((o["top"] for kind in ("chars", "rects", "lines", "curves", "images") for o in getattr(page, kind)
                if o["top"] >= top and o["bottom"] <= bottom), default=top)


def _mcids(element: Any) -> set[int]:
    found = set(element.mcids or [])
    for child in element.children:
        found |= _mcids(child)
    return found


def measure_floats(pdf: Any, fills: list[float], top: float, foot: float) -> Floats:
    """The float measures of an open ``pdfplumber`` PDF whose pages are ``fills`` full.

    ``top`` is where the content area starts and ``foot`` how far from the page's foot it ends.
    """
    from pdfplumber.structure import PDFStructTree, StructTreeMissing

    result = Floats()
    try:
        tree = PDFStructTree(pdf)
    except StructTreeMissing:
        return result
    owner, tables = _owners(tree)
    for number, page in enumerate(pdf.pages[1:], 2):
        bottom = float(page.height) - foot
        marks = [o for kind in ("chars", "rects", "lines", "curves", "images") for o in getattr(page, kind)
                 if o["top"] >= top and o["bottom"] <= bottom]
        if not marks or fills[number - 2] >= 1 - GAP:
            continue
        start = min(o["top"] for o in marks)
        held = [o["top"] for o in marks if (number, o.get("mcid")) in owner]
        if held and min(held) - start <= OPENS:
            result.gaps.append(number - 1)
    content = float(pdf.pages[0].height) - foot - top
    for head, rest in zip(tables, tables[1:], strict=False):
        if any(c.type == "Caption" for c in rest.children) or head.page_number is None or \
                rest.page_number != head.page_number + 1:
            continue
        pages = [pdf.pages[t.page_number - 1] for t in (head, rest)]
        parts = [_extent(page, _mcids(t), top, float(page.height) - foot) for page, t in zip(pages, (head, rest), strict=True)]
        if parts[1] and parts[1][0] - _first_top(pages[1], top, foot) <= CONTINUES and \
                sum(b - a for a, b in (p for p in parts if p)) < SMALL * content:
            result.split_tables.append(head.page_number)
    return result


__all__ = ["Floats", "measure_floats"]
