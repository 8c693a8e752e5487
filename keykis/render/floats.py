"""Figures and tables that float: text flows on while a figure waits for the next page.

WeasyPrint has no page floats (``float: top/bottom`` of CSS GCPM): a figure or
a table that is kept whole (``break-inside: avoid``) and does not fit moves
to the next page and takes the text after it along, leaving the page before
it a third or half empty. A publisher's typesetter lets the text run on and
sets the figure at the top of the next page. This module does the same with
a measured layout: the document is laid out, every page that a figure or a
table leaves more than :data:`GAP` empty is found in the laid-out boxes, and
the tree is changed before the next layout —

* a figure (``.figure-block``), a kept block (``.keep``) or a table under half
  a page moves down the text, past the paragraphs (and headings) that fill
  the empty space, with the notes that belong to it (source line, key);
  it never passes another figure or table (their numbers stay in print
  order), is never set between a chosen item and the facts under it, nor after
  the sentence that calls a table, and never enters the closing, the back
  matter or the title block;
  it may pass the closing whole (:data:`WHOLE`), to wait after the decision
  ahead, which is read in one piece, at the top of the next page;
* a table of half a page or more, or a table whose big row was pushed, may
  break between (and inside) its rows where it stands, as a long table does;
  a decision matrix from a little over half a page (:data:`SPLIT_AT`), between
  its rows, its head row repeated.

A table that is a piece of the flow by itself and whose text is surely long
enough (:data:`LINE`) is offered the break before the first layout: a big
table's break then needs no layout of its own, and the moves found in the first
layout already see it. Only the laid-out height decides whether it keeps the
break: one found under its split height is kept whole again (another layout only
if the first one broke it).

At most :data:`PASSES` layouts are added, and only for a document with such a
page. ``settle`` is given the parsed document and a function that lays it out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

GAP = 1 / 3
"""Share of a page's content height that may be left empty above the figure that starts the next page."""
SPLIT = 0.6
"""A table this high (share of the content height, margins included) or higher may break across pages rather than
move; a little over half a page, so that no table the print check measures under half a page (by its marks) breaks."""
SPLIT_AT = {"decision": 0.55}
"""Tables of these classes may break from this height instead (share of the content height, margins included):
a decision matrix repeats its head row on the next page and keeps each row whole, so one a little over half a page
breaks between its rows rather than wait whole for the next page and empty the one before by as much."""
SLACK = 0.05
"""A page is mended when it is emptier than :data:`GAP` less this: its boxes' margins reach lower than its ink."""
PASSES = 3
"""Layouts added at most (each mends every emptied page it finds)."""
LINE = 0.013
"""The least height of one line of a table (share of the content height; 0.0123–0.035 on the bundled cases' tables),
by which a table is offered the break before the first layout: its lines estimated from its cells' text, each cell
:data:`LINE_CHARS` divided by the row's cells wide. The estimate only saves layouts; the laid-out height decides."""
LINE_CHARS = 95
"""Characters of a table's text on a line as wide as the page's content (about 9 pt on A4)."""
FLOATS = ("figure-block", "keep")
"""Classes of the blocks that move as one (a table moves as it is)."""
NOTES = ("table-note", "criteria-key", "exhibit-source", "relations-key")
"""Classes of the notes that follow a float and move with it."""
UNIT_CLASSES = ("note", *FLOATS)
"""Classes of the blocks laid out as one piece of the flow besides :data:`UNITS`."""
UNITS = ("p", "ul", "ol", "dl", "blockquote", "pre", "table", "figure", "nav", "header", "h1", "h2", "h3", "h4",
         "h5", "h6")
"""Elements laid out as one piece of the flow (their height counts as a whole)."""
AFTER = ("p", "ul", "ol", "dl", "blockquote", "div")
"""Elements a float may be set after."""
BARRIERS = ("closing", "back", "title-block", "contents", "opening")
"""Classes of the parts a float never moves into."""
WHOLE = ("closing",)
"""Classes of the barriers a float may pass as a whole: it is set right after the part, never inside it."""
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass
class Unit:
    """One piece of the flow as laid out on one page."""

    element: Any
    """The element (``xml.etree.ElementTree.Element``)."""
    top: float
    bottom: float
    head: float = 0.0
    """The height of a table's head rows on this page (printed again on every page the table breaks over)."""


def _classes(element: Any) -> list[str]:
    return str(element.get("class") or "").split()


def _is_unit(element: Any) -> bool:
    return element.tag in UNITS or any(c in UNIT_CLASSES for c in _classes(element))


def _is_float(element: Any) -> bool:
    return element.tag == "table" or any(c in FLOATS for c in _classes(element))


def _units(box: Any) -> Iterator[Unit]:
    """The pieces of the flow in ``box``, in order: floats, paragraphs, lists, headings, tables."""
    element = getattr(box, "element", None)
    if element is not None and box.element_tag and (_is_unit(element) or _is_float(element)) and \
            not type(box).__name__.startswith(("Inline", "Line", "Text")):
        yield Unit(element, box.position_y, box.position_y + box.margin_height(), _head(box))
        return
    for child in getattr(box, "children", ()):
        if type(child).__name__ in ("LineBox", "TextBox") or type(child).__name__.startswith("Inline"):
            continue
        yield from _units(child)


def _head(box: Any) -> float:
    """The height of the head row groups of a laid-out table (its wrapper box), 0 for anything else."""
    tables = [c for c in getattr(box, "children", ()) if type(c).__name__ == "TableBox"]
    return float(sum(g.margin_height() for t in tables for g in t.children if getattr(g, "is_header", False)))


@dataclass
class Page:
    """What one laid-out page holds."""

    top: float
    height: float
    units: list[Unit]

    @property
    def bottom(self) -> float:
        """Where the page's content ends."""
        return max((u.bottom for u in self.units), default=self.top)


def _pages(document: Any) -> list[Page]:
    pages = []
    for page in document.pages:
        box = page._page_box  # noqa: SLF001 - the layout is what is measured
        roots = [c for c in box.children if type(c).__name__ != "MarginBox"]
        units = [u for root in roots for u in _units(root)]
        pages.append(Page(box.content_box_y(), box.height, units))
    return pages


@dataclass
class Move:
    """A change to the tree that fills an emptied page."""

    float: Any
    """The float (or the table to let break)."""
    after: Any = None
    """The element the float is set after; None when the table breaks where it stands (or is kept whole)."""
    whole: bool = False
    """The table, offered the break before the first layout, is too small for it and is kept whole again."""
    seen: bool = True
    """The layout changes with the move: False for a table kept whole again that the layout did not break."""


class Tree:
    """The parsed document's element tree, with parents."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.parent = {child: parent for parent in root.iter() for child in parent}
        self.offered: set[Any] = set()
        """Tables offered the break before the first layout, until the first layout's moves are found."""

    def ancestors(self, element: Any) -> Iterator[Any]:
        while element in self.parent:
            element = self.parent[element]
            yield element

    def inside_barrier(self, element: Any) -> bool:
        return any(c in BARRIERS for e in [element, *self.ancestors(element)] for c in _classes(e))

    def whole(self, element: Any) -> Any:
        """The part a float may pass only as a whole (:data:`WHOLE`) that holds ``element``, or None."""
        return next((e for e in [element, *self.ancestors(element)] if any(c in WHOLE for c in _classes(e))), None)

    def parts(self, flow: list[tuple[Any, float]]) -> list[tuple[Any, float]]:
        """``flow`` with the pieces of a part passed only whole (:data:`WHOLE`) joined into the part."""
        out: list[tuple[Any, float]] = []
        for element, height in flow:
            part = self.whole(element)
            if part is not None and out and out[-1][0] is part:
                out[-1] = (part, out[-1][1] + height)
            else:
                out.append((element if part is None else part, height))
        return out

    def followers(self, element: Any) -> list[Any]:
        """What moves with ``element``: the notes that follow it, and the floats right after it in the same part
        (with the sentence that calls each), which keep their order."""
        parent = self.parent.get(element)
        if parent is None:
            return []
        siblings = list(parent)
        rest = siblings[siblings.index(element) + 1:]
        out = []
        for i, sibling in enumerate(rest):
            calls_next = "table-ref" in _classes(sibling) and i + 1 < len(rest) and _is_float(rest[i + 1])
            if not (calls_next or _is_float(sibling) or any(c in NOTES for c in _classes(sibling))):
                break
            out.append(sibling)
        return out

    def move(self, float_: Any, after: Any) -> None:
        """Set ``float_`` and what follows it (``followers``) right after ``after``."""
        block = [float_, *self.followers(float_)]
        for e in block:
            self.parent[e].remove(e)
        target = self.parent[after]
        at = list(target).index(after) + 1
        for offset, e in enumerate(block):
            target.insert(at + offset, e)
            self.parent[e] = target

    def let_break(self, element: Any) -> None:
        """Let a table (or the tables of a kept block) break across pages, between and inside rows."""
        for e in dict.fromkeys([element, *element.iter("table")]):
            e.set("style", (str(e.get("style") or "") + "; break-inside: auto").lstrip("; "))
            e.set("class", " ".join([*_classes(e), "may-split"]))

    def keep_whole(self, element: Any) -> None:
        """Undo :meth:`let_break` on a table that is not in a kept block."""
        style = str(element.get("style") or "")
        style = style[:-len("break-inside: auto")].rstrip("; ") if style.endswith("break-inside: auto") else style
        if style:
            element.set("style", style)
        else:
            element.attrib.pop("style", None)
        element.set("class", " ".join(c for c in _classes(element) if c != "may-split"))
        if not element.get("class"):
            element.attrib.pop("class", None)

    def offer_breaks(self) -> None:
        """Let every table that is a piece of the flow by itself (in no other piece, no kept block or note) and
        surely big enough (:data:`LINE`) break before the first layout; the first layout's moves keep whole again
        those under their split height."""
        pieces = {e for e in self.root.iter() if _is_unit(e) or _is_float(e)}
        for table in self.root.iter("table"):
            if "may-split" in _classes(table) or any(a in pieces for a in self.ancestors(table)) or \
                    _lines(table) * LINE < _split_at(table):
                continue
            self.let_break(table)
            self.offered.add(table)


def _lines(table: Any) -> int:
    """The lines a table's rows take at least, estimated from their cells' text (:data:`LINE_CHARS`)."""
    lines = 0
    for row in table.iter("tr"):
        cells = [c for c in row if c.tag in ("td", "th")]
        width = LINE_CHARS / max(len(cells), 1)
        lines += max([1, *(math.ceil(len(" ".join("".join(c.itertext()).split())) / width) for c in cells)])
    return lines


def _opening_float(page: Page) -> Unit | None:
    """The float a page opens with (after at most a heading and the sentence that calls it), if any."""
    for unit in page.units[:3]:
        if _is_float(unit.element):
            return unit
        if unit.element.tag not in _HEADINGS and "table-ref" not in _classes(unit.element):
            return None
    return None


def _flow_after(unit: Unit, pages: list[Page]) -> list[tuple[Any, float]]:
    """The elements after ``unit`` (which opens the first of ``pages``), each with its height (a split piece's parts
    added)."""
    units = pages[0].units[pages[0].units.index(unit) + 1:] + [u for page in pages[1:] for u in page.units]
    flow: list[tuple[Any, float]] = []
    for u in units:
        if u.element is unit.element:
            continue  # the rest of a float taller than a page
        if flow and flow[-1][0] is u.element:
            flow[-1] = (u.element, flow[-1][1] + u.bottom - u.top)
        else:
            flow.append((u.element, u.bottom - u.top))
    return flow


def _move_for(tree: Tree, pages: list[Page], unit: Unit, moved: dict[Any, int]) -> Move | None:
    """How to fill the first of ``pages``, left empty by ``unit`` that opens the second."""
    before, page = pages[:2]
    gap = before.top + before.height - before.bottom
    continued = any(u.element is unit.element for u in before.units)
    if _tableish(unit.element) and (continued or unit.bottom - unit.top >= _split_at(unit.element) * page.height):
        return None if "may-split" in _classes(unit.element) else Move(unit.element)
    if moved.get(unit.element, 0) >= 2:
        return None
    notes = tree.followers(unit.element)
    filled = 0.0
    fits: Any = None
    straddles: Any = None
    for element, height in tree.parts(_flow_after(unit, pages[1:])):
        if element in notes:
            continue
        whole = tree.whole(element) is element
        if _is_float(element) or (tree.inside_barrier(element) and not whole):
            break
        filled += height
        if (whole or element.tag in AFTER) and not {"table-ref", "chosen-item"} & set(_classes(element)):
            if filled <= gap:
                fits = (element, filled)
            else:
                straddles = element
        if filled > gap:
            break
    if fits is not None and (gap - fits[1] <= GAP * before.height or straddles is None):
        return Move(unit.element, fits[0])
    return Move(unit.element, straddles) if straddles is not None else None


def _split_at(element: Any) -> float:
    """The height (share of the content height) from which ``element``, a table or a block of tables, may break."""
    tables = [element] if element.tag == "table" else list(element.iter("table"))
    return min((SPLIT_AT.get(c, SPLIT) for t in tables for c in _classes(t)), default=SPLIT)


def _tableish(element: Any) -> bool:
    return bool(element.tag == "table" or next(element.iter("table"), None) is not None)


def _heights(pages: list[Page]) -> dict[Any, tuple[float, int]]:
    """Every table and kept block of tables laid out: its height whole (share of the content height; the head rows
    printed again on the pages it breaks over not counted) and the number of pages it is laid out on."""
    heights: dict[Any, tuple[float, int]] = {}
    for page in pages:
        for u in page.units:
            if _tableish(u.element):
                height, count = heights.get(u.element, (0.0, 0))
                heights[u.element] = (height + (u.bottom - u.top - (u.head if count else 0.0)) / page.height, count + 1)
    return heights


def _big_tables(pages: list[Page], heights: dict[Any, tuple[float, int]]) -> list[Any]:
    """Tables (and kept blocks of tables) half a page high or higher that may not break yet: they may.

    Let break at once, they do not wait for a page they empty: each would show up only after the one
    before it was mended, a layout each.
    """
    return [e for e, (h, _) in heights.items() if h >= _split_at(e) and "may-split" not in _classes(e)]


def _kept_whole(tree: Tree, heights: dict[Any, tuple[float, int]]) -> list[Move]:
    """The tables offered the break before the first layout (``tree.offered``) that are too small to keep it; a move
    is seen in the layout when the table broke there."""
    small = [(e, heights[e][1]) for e in tree.offered if e in heights and heights[e][0] < _split_at(e)]
    return [Move(e, whole=True, seen=pages > 1) for e, pages in small]


def find_moves(tree: Tree, document: Any, moved: dict[Any, int]) -> list[Move]:
    """The changes that fill the pages floats left more than :data:`GAP` empty, one per page, none touching
    an element another one moves or sets a float after; first the tables offered the break before the first layout
    (``tree.offered``) that are to be kept whole."""
    pages = _pages(document)
    heights = _heights(pages)
    moves = _kept_whole(tree, heights) + [Move(table) for table in _big_tables(pages, heights)]
    tree.offered.clear()
    touched = {m.float for m in moves}
    for n, (before, page) in enumerate(zip(pages, pages[1:], strict=False)):
        if before.bottom - before.top >= (1 - GAP + SLACK) * before.height:
            continue
        unit = _opening_float(page)
        if unit is None:
            continue
        move = _move_for(tree, pages[n:], unit, moved)
        block = {move.float, move.after, *tree.followers(move.float)} if move else set()
        if move is not None and not block & touched:
            moves.append(move)
            touched |= block
    return moves


def settle(html: Any, layout: Callable[[], Any]) -> Any:
    """Lay out ``html`` (a WeasyPrint ``HTML``) with ``layout``, moving floats until no page is emptied by one.

    Every page found emptied is mended before the next layout: a figure moved down fills its page and moves the
    pages after it, so a later move may come out a little early or late, and the next pass looks again. The tables
    are offered the break before the first layout (``Tree.offer_breaks``).
    """
    import cssselect2

    def rewrap() -> None:
        html.wrapper_element = cssselect2.ElementWrapper.from_html_root(html.etree_element, content_language=None)

    tree = Tree(html.etree_element)
    tree.offer_breaks()
    if tree.offered:
        rewrap()
    document = layout()
    moved: dict[Any, int] = {}
    for _ in range(PASSES):
        moves = find_moves(tree, document, moved)
        for move in moves:
            if move.whole:
                tree.keep_whole(move.float)
            elif move.after is None:
                tree.let_break(move.float)
            else:
                tree.move(move.float, move.after)
                moved[move.float] = moved.get(move.float, 0) + 1
        if moves:
            rewrap()
        if not any(m.seen for m in moves):
            break
        document = layout()
    return document


__all__ = ["GAP", "LINE", "PASSES", "SPLIT", "SPLIT_AT", "WHOLE", "Move", "find_moves", "settle"]
