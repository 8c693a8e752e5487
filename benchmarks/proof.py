"""The print check: what a production editor measures on a PDF before it goes to print.

A developer's tool (``benchmarks/print_check.py`` and ``tests/render/test_print_check.py``
use it), kept out of the installed package.

For every page of a rendered document it measures what a reader meets on
paper, not what the templates intend:

* the smallest glyph as printed (font size times every scale on the way, so
  a figure shrunk to its box counts at the size it is printed);
* pages under a quarter full (content between the running head and the
  folio, as a share of the page's content height);
* internal codes in the text: keys of the case file (``choice_reason``),
  enum values (``civil-service``), item ids (``s1``, ``o2``), the tool's own
  name and citation keys left in brackets (``[zhambyl]``);
* fonts not embedded (``pdffonts``);
* hyphenated line ends per 100 lines of body text, to compare languages;
* on a concept graph page (read from the ``graph.svg`` written beside it):
  labels of different edges closer than they may stand, so two read as one
  («16 5»), and edges drawn through the name of a region;
* the concept graph printed as a figure in the text of a handout or a case
  (``FigureFacts``): its smallest glyph as printed and the glyphs under 7 pt,
  read from the figure's own marks in the tagged PDF, and the same two label
  measures, read from the drawing of the case the research edition carries
  (drawn again as the edition draws it, and taken only when its words are
  the printed figure's);
* justified lines drawn past the right edge of the text column, and spaces
  before an italic or bold span drawn narrower than the line's other word
  spaces (the space «lost» before a span: «проектами.Динамика»).

``pdfplumber`` (a development dependency) is imported on first use.
"""

from __future__ import annotations

import functools
import re
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.proof_floats import Floats, measure_floats
from keykis.render.proof_words import Words, attached_case, handout_leaks, measure

MM = 72 / 25.4
HEAD_ZONE = 21 * MM
"""The running head sits above this line (the editions' top margin is 24 mm)."""
FOOT_ZONE = 17 * MM
"""The folio sits below this distance from the page's foot (bottom margin 22 mm)."""
QUARTER = 0.25
BODY_SIZES = (9.9, 11.1)
"""Glyph sizes of running body text (10.5 pt) whose line ends are counted for hyphenation."""
RIGHT_MARGIN = 22 * MM
"""The editions' right margin (print.css): the text column ends this far from the page's right edge."""
OVERRUN = 0.5
"""Points past the text column's right edge that make a line overrun: the edge is the most common line end on the
page, or the page width less :data:`RIGHT_MARGIN` when that is further right (a page of short list lines)."""
TIGHT = 1.0
"""Points a space before a span may fall short of the median word space of its (full, justified) line."""

_ID = re.compile(r"(?<![\w./#-])(?:[a-z]{1,2}\d{1,2})(?![\w/.-]|\.\w)")
"""Item ids as written in case files: ``s1``, ``q2``, ``o1``, ``cr3``."""
_CITE_KEY = re.compile(r"\[([a-z][a-z0-9_-]{2,})\]")
_SNAKE = re.compile(r"(?<![\w./-])[a-z]+(?:_[a-z]+)+(?![\w/.-])")
_TOOL = re.compile(r"\bkeykis\b")
_BROKEN = re.compile(r"\w[-\u2010\u00ad]$")
_URL = re.compile(r"\S*(?:https?://|www\.|\.[a-z]{2,4}/)\S*|\S+@\S+")


@dataclass
class PageFacts:
    """What one page measures."""

    number: int
    fill: float
    """Share of the content height used, from the top of the content area to the lowest mark."""
    smallest: float
    """Smallest glyph size on the page in points (0 when the page has no text)."""
    below6: int
    below7: int
    overruns: int = 0
    """Lines of body text drawn more than :data:`OVERRUN` past the right edge of the text column."""
    tight: int = 0
    """Spaces before an italic or bold span more than :data:`TIGHT` narrower than the other word spaces of their line."""


@dataclass
class FigureFacts:
    """The concept graph as printed in the text of a handout or a case."""

    page: int
    smallest: float
    """Smallest glyph of the figure as printed, in points."""
    below7: int
    """Glyphs of the figure printed under 7 pt."""
    beside: list[tuple[str, str]] = field(default_factory=list)
    """Pairs of labels of different edges closer than they may stand."""
    through: list[tuple[str, str]] = field(default_factory=list)
    """(region, edge) for every edge drawn through the name of a region."""


@dataclass
class Proof:
    """The print check of one PDF."""

    path: Path
    pages: list[PageFacts] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    """Internal codes found in the text (each once)."""
    unembedded: list[str] = field(default_factory=list)
    body_lines: int = 0
    hyphenated: int = 0
    words: Words = field(default_factory=Words)
    """Hanging short words, dash line starts, page-break hyphens, stranded notes, internals, leaked answers."""
    beside: list[tuple[str, str]] = field(default_factory=list)
    """A graph page: pairs of labels of different edges closer than they may stand (they read as one label)."""
    through: list[tuple[str, str]] = field(default_factory=list)
    """A graph page: (region, edge) for every edge drawn through the name of a region."""
    floats: Floats = field(default_factory=Floats)
    """Pages left a third empty before a figure or table, small tables split across pages."""
    figure: FigureFacts | None = None
    """A handout or a case: its concept graph figure (None when it has none, or it was not found)."""

    @property
    def smallest(self) -> float:
        sizes = [p.smallest for p in self.pages if p.smallest]
        return min(sizes) if sizes else 0.0

    @property
    def below6(self) -> int:
        return sum(p.below6 for p in self.pages)

    @property
    def below7(self) -> int:
        return sum(p.below7 for p in self.pages)

    @property
    def overruns(self) -> int:
        return sum(p.overruns for p in self.pages)

    @property
    def tight(self) -> int:
        return sum(p.tight for p in self.pages)

    @property
    def sparse(self) -> list[int]:
        """Numbers of the pages under a quarter full, the last page excepted."""
        return [p.number for p in self.pages[:-1] if p.fill < QUARTER]

    @property
    def hyphen_rate(self) -> float:
        """Hyphenated line ends per 100 lines of body text."""
        return 100.0 * self.hyphenated / self.body_lines if self.body_lines else 0.0


@functools.cache
def _enum_words() -> frozenset[str]:
    """Enum values of the case schema that only a machine writes (``civil-service``, ``in_progress``)."""
    from keykis.method import case_schema

    schema = case_schema()
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for value in node.get("enum") or []:
                if isinstance(value, str) and re.fullmatch(r"[a-z]+(?:[-_][a-z]+)+", value):
                    found.add(value)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(schema)
    return frozenset(found)


def internal_codes(text: str) -> list[str]:
    """Internal codes printed in ``text``: ids, keys, enum values, the tool's name, bare citation keys."""
    text = _URL.sub(" ", text)
    found: list[str] = []
    found += [m.group(0) for m in _ID.finditer(text)]
    found += [m.group(0) for m in _SNAKE.finditer(text)]
    found += [m.group(0) for m in _CITE_KEY.finditer(text)]
    found += [m.group(0) for m in _TOOL.finditer(text)]
    words = set(re.findall(r"(?<![\w/.-])[a-z]+(?:[-_][a-z]+)+(?![\w/-])", text))
    found += sorted(words & _enum_words())
    return list(dict.fromkeys(found))


_PDFFONTS_FLAGS = re.compile(r"\s(yes|no)\s+(?:yes|no)\s+(?:yes|no)\s+(?:\d+\s+\d+|\[none\])\s*$")


def unembedded_fonts(pdf: Path) -> list[str]:
    """Fonts ``pdffonts`` lists as not embedded."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    bad = []
    for line in out.splitlines()[2:]:
        # name type [encoding...] emb sub uni, then the object ID ("obj gen", or "[none]" for a direct object)
        match = _PDFFONTS_FLAGS.search(line)
        if match and match.group(1) == "no":
            bad.append(line.split()[0])
    return bad


def _page(number: int, page: Any) -> tuple[PageFacts, list[tuple[float, str]]]:
    height = float(page.height)
    top, bottom = HEAD_ZONE, height - FOOT_ZONE
    chars = page.chars
    marks = [(c["top"], c["bottom"]) for c in chars]
    for kind in ("rects", "lines", "curves", "images"):
        marks += [(o["top"], o["bottom"]) for o in getattr(page, kind)]
    inside = [b for t, b in marks if t >= top and b <= bottom]
    fill = (max(inside) - top) / (bottom - top) if inside else 0.0
    sizes = [round(float(c["size"]), 2) for c in chars if c["text"].strip()]
    facts = PageFacts(number, max(0.0, fill), min(sizes) if sizes else 0.0,
                      sum(s < 6 for s in sizes), sum(s < 7 for s in sizes))
    rows: dict[int, list[Any]] = {}
    for c in chars:
        rows.setdefault(round(float(c["bottom"])), []).append(c)
    lines: list[tuple[float, str]] = []
    body_rows = []
    for row in rows.values():
        row.sort(key=lambda c: float(c["x0"]))
        body = [c for c in row if BODY_SIZES[0] <= float(c["size"]) <= BODY_SIZES[1]]
        text = "".join(c["text"] for c in row).rstrip()
        if len(body) >= 0.8 * len(row) and len(text) >= 25:
            lines.append((float(row[-1]["x1"]), text))
            body_rows.append(row)
    _spacing(facts, body_rows, float(page.width) - RIGHT_MARGIN)
    return facts, lines


def _spacing(facts: PageFacts, rows: list[list[Any]], margin: float) -> None:
    """Count the page's body lines drawn past the column's right edge and the tight spaces before spans."""
    ends = [round(max(float(c["x1"]) for c in row if c["text"].strip()) * 2) / 2 for row in rows]
    if len(ends) < 3:
        return
    edge = max(max(set(ends), key=ends.count), round(margin * 2) / 2)
    facts.overruns = sum(e > edge + OVERRUN for e in ends)
    for row, end in zip(rows, ends, strict=True):
        if abs(end - edge) > OVERRUN:
            continue  # a last line, a list item that ends short: not stretched to the edge
        ink = [c for c in row if c["text"].strip()]
        gaps = [(float(b["x0"]) - float(a["x1"]), a, b) for a, b in zip(ink, ink[1:], strict=False)
                if float(b["x0"]) - float(a["x1"]) > 1.2]
        if len(gaps) < 4:
            continue
        usual = statistics.median(g for g, _, _ in gaps)
        # the first gap may follow a list's number or bullet, set apart by the marker's own spacing
        facts.tight += sum(1 for g, a, b in gaps[1:] if a["fontname"] != b["fontname"]
                           and re.search("Bold|Italic", str(b["fontname"]))
                           and g < usual - TIGHT)


def proof(pdf: Path | str) -> Proof:
    """Measure one PDF."""
    import pdfplumber

    pdf = Path(pdf)
    result = Proof(pdf)
    with pdfplumber.open(pdf) as doc:
        for i, page in enumerate(doc.pages, 1):
            facts, lines = _page(i, page)
            result.pages.append(facts)
            result.body_lines += len(lines)
            result.hyphenated += sum(1 for _, t in lines if _BROKEN.search(t))
        result.floats = measure_floats(doc, [p.fill for p in result.pages], HEAD_ZONE, FOOT_ZONE)
        if pdf.name in ("handout.pdf", "case.pdf"):
            case = attached_case(pdf.with_name("case.pdf"))
            if case is not None:
                result.figure = figure_facts(doc, _figure_svg(case.text, case.language))
    joined = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                            check=True).stdout
    result.words = measure(joined)
    if pdf.name == "handout.pdf":
        result.words.leaked = handout_leaks(pdf, joined)
    # a word broken at a line end is one word again before codes are looked for
    joined = re.sub(r"(\w)[-\u2010\u00ad]\n(\w)", r"\1\2", joined)
    result.codes = internal_codes(joined.replace("\n", " "))
    result.unembedded = unembedded_fonts(pdf)
    if pdf.name == "graph.pdf" and (pdf.parent / "graph.svg").exists():
        result.beside, result.through = graph_labels((pdf.parent / "graph.svg").read_bytes())
    return result


_PATCH = re.compile(rb'<rect class="patch" data-of="([^"]+)" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" '
                    rb'height="([\d.]+)"')
_EDGE_PATH = re.compile(rb'<g id="(edge\d+)" class="edge">.*?<path [^>]*?\bd="([^"]+)"', re.S)


def graph_labels(svg: bytes) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What the concept graph as drawn (``graph.svg``, written beside ``graph.pdf``) gets wrong with its labels:
    (pairs of labels of different edges side by side, (region, edge) for each edge through a region's name).

    Read from the SVG as printed: every label sits on a white patch naming what it
    labels (``keykis.render.graph_geometry.finish``), every edge is a Bézier path.
    """
    from keykis.render.graph_geometry import APART, HALO, Box, bezier, runs_through

    labels: dict[str, Box] = {}
    for m in _PATCH.finditer(svg):
        x, y, w, h = (float(v) for v in m.groups()[1:])
        labels[m.group(1).decode()] = Box(x + HALO, y + HALO, x + w - HALO, y + h - HALO)
    lines = {m.group(1).decode(): bezier([[float(v) for v in pt.split(b",")]
                                          for pt in re.findall(rb"-?[\d.]+,-?[\d.]+", m.group(2))])
             for m in _EDGE_PATH.finditer(svg)}
    edges = [(of, box) for of, box in labels.items() if of.startswith("edge")]
    near = APART - 0.05  # the SVG's coordinates are rounded to 0.01 pt: exactly APART apart is apart
    beside = [(a, b) for i, (a, box) in enumerate(edges) for b, other in edges[i + 1:] if box.grown(near).overlaps(other)]
    through = [(of.removeprefix("cluster_"), edge) for of, box in labels.items() if of.startswith("cluster")
               for edge, line in lines.items() if runs_through(line, box)]
    return beside, through


@functools.lru_cache(maxsize=8)
def _figure_svg(source: str, lang: str) -> bytes:
    """The concept graph as the editions draw it for the text column, for the case file ``source``."""
    from keykis.model import Case
    from keykis.render.graph_dot import concept_layout
    from keykis.yamlsafe import loads

    data = loads(source, "case.yaml")
    return concept_layout(Case(data if isinstance(data, dict) else {}, text=source), lang).figure_svg


_SVG_TEXT = re.compile(rb"<text\b[^>]*>(.*?)</text>", re.S)
MATCH = 0.8
"""Share of the drawing's words the printed figure must show to be taken as that drawing."""


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def figure_facts(doc: Any, svg: bytes) -> FigureFacts | None:
    """The figure of an open ``pdfplumber`` document that prints the drawing ``svg``, measured; None when no figure
    shows at least :data:`MATCH` of the drawing's words.

    The figure's marks are those the tagged PDF's structure tree gives to a ``Figure``; its glyph sizes are read from
    them as printed (every scale on the way applied), its labels from the drawing (:func:`graph_labels`).
    """
    import html

    from pdfplumber.structure import PDFStructTree, StructTreeMissing

    try:
        tree = PDFStructTree(doc)
    except StructTreeMissing:
        return None
    wanted = _words(" ".join(html.unescape(t.decode()) for t in _SVG_TEXT.findall(svg)))
    if not wanted:
        return None
    figures: list[Any] = []

    def walk(element: Any) -> None:
        if element.type == "Figure" and element.page_number is not None and element.mcids:
            figures.append(element)
        for child in element.children:
            walk(child)

    for element in tree:
        walk(element)
    best: tuple[float, FigureFacts] | None = None
    for figure in figures:
        ids = set(figure.mcids)
        chars = [c for c in doc.pages[figure.page_number - 1].chars if c.get("mcid") in ids and c["text"].strip()]
        shown = "".join(c["text"] for c in chars).lower()  # the drawing's words are set without space glyphs
        share = sum(word in shown for word in wanted) / len(wanted)
        if chars and share >= MATCH and (best is None or share > best[0]):
            sizes = [round(float(c["size"]), 2) for c in chars]
            best = (share, FigureFacts(figure.page_number, min(sizes), sum(size < 7 for size in sizes)))
    if best is None:
        return None
    facts = best[1]
    facts.beside, facts.through = graph_labels(svg)
    return facts


def _word_counts(p: Proof) -> list[int]:
    w = p.words
    return [len(w.hanging), len(w.dash_starts), len(w.break_hyphens), len(w.stranded), len(w.internals), len(w.leaked),
            len(p.beside), len(p.through), len(p.floats.gaps), len(p.floats.split_tables),
            p.figure.below7 if p.figure else 0, len(p.figure.beside) if p.figure else 0,
            len(p.figure.through) if p.figure else 0]


def documents(root: Path | str) -> list[Path]:
    """Every PDF under ``root`` a reader gets (cached catalogue parts left out), sorted."""
    root = Path(root)
    return sorted(p for p in root.rglob("*.pdf") if not any(part.startswith(".") for part in p.relative_to(root).parts))


def report(paths: list[Path], root: Path | None = None) -> str:
    """A table of the figures of several PDFs, one line each, and the totals."""
    rows = ["document | pages | smallest pt | <6 pt | <7 pt | sparse pages | codes | not embedded | hyph/100 lines"
            " | past margin | tight spans | hanging | dash starts | break hyphens | stranded | internals | answers"
            " | labels side by side | edges through region names | empty before figure | small tables split"
            " | graph figure <7 pt | graph figure labels side by side | graph figure edges through region names"]
    total6 = total7 = sparse = codes = unemb = over = tight = 0
    extra = [0] * 13
    for path in paths:
        p = proof(path)
        name = str(path.relative_to(root)) if root else str(path)
        rows.append(f"{name} | {len(p.pages)} | {p.smallest:.1f} | {p.below6} | {p.below7} | "
                    f"{','.join(map(str, p.sparse)) or '-'} | {' '.join(p.codes[:8]) or '-'} | "
                    f"{' '.join(p.unembedded) or '-'} | {p.hyphen_rate:.1f} ({p.hyphenated}/{p.body_lines}) | "
                    f"{p.overruns} | {p.tight} | " + " | ".join(str(n) for n in _word_counts(p)))
        extra = [a + b for a, b in zip(extra, _word_counts(p), strict=True)]
        over += p.overruns
        tight += p.tight
        total6 += p.below6
        total7 += p.below7
        sparse += len(p.sparse)
        codes += len(p.codes)
        unemb += len(p.unembedded)
    rows.append(f"TOTAL | | | {total6} | {total7} | {sparse} | {codes} | {unemb} | | {over} | {tight} | "
                + " | ".join(map(str, extra)))
    return "\n".join(rows)


__all__ = ["FigureFacts", "PageFacts", "Proof", "documents", "figure_facts", "graph_labels", "internal_codes", "proof", "report",
           "unembedded_fonts"]
