"""DOT source for the concept graph (step 10) and the fan of Figure 1, drawn by Graphviz.

The graph itself comes from :func:`keykis.graph.concept_graph` (networkx), the
same graph the checks measure. Here it becomes DOT: the internal environment
is a cluster nested in the external one, so the boundary is one clear line;
the main actor has a double outline; nothing is filled, as step 10 asks, and
each relation type has its own line (style, width and a colour that stays a
distinct grey in print) from ``schemas/relation_types.yaml``, named in the
legend beside the drawing. A relation carries its short form (its own label,
or its type's name) on its arrow where the drawing still prints at 7 pt or
more, otherwise a number in the key under the drawing. Node ids are generated (``a0``, ``a1``…) and every label is escaped, so
no DOT syntax written in a case can reach Graphviz. Drawings are cached by the
hash of their DOT source for the life of the process, and, during a build, in a folder
the build's workers share (``KEYKIS_GRAPH_CACHE``).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from keykis.errors import KeykisError
from keykis.graph import concept_graph, relation_name
from keykis.method import method
from keykis.model import Case
from keykis.render.graph_geometry import (
    NAME_CROSSED,
    arrange,
    defects,
    finish,
    move_numbers,
    move_region_names,
    read_drawing,
)
from keykis.render.markup import plain
from keykis.vocabulary import section

FONT = "PT Serif"
PAD_PT = 7.2
"""Graphviz's margin round the drawing, in points (``pad``)."""
DOT_TIMEOUT = 60
_cache: dict[tuple[str, str], bytes] = {}
_geometry: dict[str, tuple[tuple[float, float], list[str]]] = {}
"""What :func:`concept_geometry` read, by the hash of the DOT source (the page and the figure try the same ones)."""
SHARED_ENV = "KEYKIS_GRAPH_CACHE"
"""A folder where drawings are also kept by the hash of their source, for the other processes of one build
(the handout pass and the pass after it draw the same graphs, often in different workers)."""


class GraphvizError(KeykisError):
    """Graphviz is missing or failed to draw a graph."""


_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
"""Code points XML (the SVG) cannot hold or that are not characters: shown as U+FFFD."""


def quote(text: str, width: int | None = None) -> str:
    """A DOT double-quoted string showing ``text`` literally, wrapped to ``width``.

    Graphviz decodes character references (``&#x1b;``, ``&amp;``) in every label, so ``&`` is written as
    ``&amp;``: a name shows as typed and no reference reaches the SVG as a control or a non-character.
    """
    text = _NOT_TEXT.sub("\ufffd", " ".join(plain(text).split()))
    lines = textwrap.wrap(text, width) if width and text else [text]
    parts = [ln.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"') for ln in lines]
    return '"' + "\\n".join(parts) + '"'


def _head(kind: str, extra: Iterable[str] = (), sep: bool = True) -> list[str]:
    extra = list(extra) if not sep or any(e.startswith("nodesep") for e in extra) else [*extra, "nodesep=0.35", "ranksep=0.5"]
    return [
        f"{kind} G {{",
        f'  graph [fontname="{FONT}", fontsize=11, charset="UTF-8", pad={PAD_PT / 72}, {", ".join(extra)}];',
        f'  node [fontname="{FONT}", fontsize=11, shape=box, style=rounded, penwidth=0.8, margin="0.10,0.05"];',
        f'  edge [fontname="{FONT}", fontsize=11, penwidth=0.7, arrowsize=0.6];',
    ]


ARROW_CHARS = 14
"""Letters on one line of a label written on its arrow (a short label takes one or two lines)."""
NAME_PLACES = ("top", "wide", "wide-bottom")
"""Where :func:`concept_dot` can put the regions' names, in the order they are tried."""
NAME_EM = 0.55
"""Average width of a letter of the drawing's type, in ems (to reserve room for a region's name)."""
ARROW_FONT = "PT Serif Italic"
"""Labels on arrows are italic, so they never read as an actor's name."""


def short_forms(case: Case, lang: str) -> list[str]:
    """The short form of each relation, in the graph's edge order: the case's own label, or its type's name."""
    return [plain(d["label"] or "") or relation_name(d["type"], lang) for *_, d in concept_graph(case).edges(data=True)]


def arrow_labels(case: Case, lang: str, limit: int = 0) -> list[tuple[str, int]]:
    """What each edge carries on its arrow: (its short form, 0) when that is at most ``limit`` letters long,
    otherwise (its number, the number) in the relations key (numbers run 1, 2… over the numbered edges only)."""
    out: list[tuple[str, int]] = []
    n = 0
    for text in short_forms(case, lang):
        if 0 < len(text) <= limit:
            out.append((text, 0))
        else:
            n += 1
            out.append((str(n), n))
    return out


def concept_dot(case: Case, lang: str, *, rankdir: str = "TB", ratio: float | None = None, limit: int = 0,
                names: str = "top") -> str:
    """DOT of the concept graph: actors in nested environment clusters, labelled relations.

    ``rankdir`` is ``TB`` (relations run down the page) or ``LR`` (across);
    ``ratio`` (height / width) stretches the spacing, never the nodes, to that
    shape — see :func:`concept_layout`. A relation whose short form is at most
    ``limit`` letters carries it on its arrow (:func:`arrow_labels`); the others
    carry their number in the key. ``names`` places the regions' names: ``top``
    (Graphviz's own place), ``wide`` (a band at the top of each region twice as
    wide as its name, so the name can step aside from an edge entering there:
    :func:`~keykis.render.graph_geometry.place_region_names`) or
    ``wide-bottom`` (the same band at the bottom).
    """
    g = concept_graph(case)
    lab = section("edition", lang)
    ids = {n: f"a{i}" for i, n in enumerate(g.nodes)}
    extra = ["compound=true", "newrank=true", "rankdir=LR" if rankdir == "LR" else "rankdir=TB",
             "nodesep=0.2", "ranksep=0.35"]
    if ratio:
        extra.append(f"ratio={ratio:.3f}")
    out = _head("digraph", extra)

    def node(n: str) -> str:
        d = g.nodes[n]
        extra = ", peripheries=2, penwidth=1.2" if d["main"] else ""
        return f"    {ids[n]} [label={quote(d['label'], 16)}{extra}];"

    def name(text: str) -> str:
        if names not in NAME_PLACES[1:]:
            return quote(text)
        width = round(len(text) * NAME_EM * FONT_PT * 2 + 24)
        return (f'<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD WIDTH="{width}" ALIGN="LEFT">'
                f'{html.escape(_NOT_TEXT.sub(chr(0xFFFD), text))}</TD></TR></TABLE>>')

    loc = "labelloc=b; " if names == "wide-bottom" else ""
    out += ["  subgraph cluster_external {", f"    label={name(lab['external'])}; {loc}",
            "    style=\"rounded,dashed\"; penwidth=0.8; margin=12;"]
    out += ["    subgraph cluster_internal {", f"      label={name(lab['internal'])}; {loc}",
            "      style=rounded; penwidth=1.6; margin=12;"]
    out += ["  " + node(n) for n in g.nodes if g.nodes[n]["environment"] == "internal"]
    out += ["    }"]
    out += [node(n) for n in g.nodes if g.nodes[n]["environment"] != "internal"]
    out += ["  }"]
    # each edge names its SVG group itself: Graphviz numbers groups in an order of its own, not the edges'
    for i, ((text, number), (u, v, d)) in enumerate(zip(arrow_labels(case, lang, limit), g.edges(data=True),
                                                          strict=True), 1):
        label = f'label="{number}"' if number else f'label={quote(text, ARROW_CHARS)}, fontname="{ARROW_FONT}"'
        out.append(f"  {ids[u]} -> {ids[v]} [id=\"edge{i}\", {label}, {line_attrs(d['type'])}];")
    out.append("}")
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Line:
    """How the concept graph draws one relation type (``schemas/relation_types.yaml``: ``line``)."""

    style: str
    """``solid``, ``dashed``, ``dotted`` or ``bold``."""
    width: float
    colour: str

    @property
    def dasharray(self) -> str:
        """The SVG dash pattern Graphviz draws for the style ("" for a full line)."""
        return {"dashed": "5,2", "dotted": "1,5"}.get(self.style, "")


_STYLES = ("solid", "dashed", "dotted", "bold")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def relation_line(type_id: str) -> Line:
    """The line of relation type ``type_id`` as the schema gives it; a thin black line when it gives none."""
    entry = (method().relation_types.get(type_id) or {}).get("line") or {}
    style = str(entry.get("style", "solid"))
    colour = str(entry.get("colour", "#000000"))
    try:
        width = float(entry.get("width", 0.7))
    except (TypeError, ValueError):
        width = 0.7
    return Line(style if style in _STYLES else "solid", min(max(width, 0.3), 3.0),
                colour if _COLOUR.fullmatch(colour) else "#000000")


def line_attrs(type_id: str) -> str:
    """DOT attributes drawing an edge of ``type_id``: its style, width and colour (the number in the colour too)."""
    line = relation_line(type_id)
    return f'style={line.style}, penwidth={line.width}, color="{line.colour}", fontcolor="{line.colour}"'


def relation_types_used(case: Case, lang: str) -> list[tuple[str, Line]]:
    """The legend of the concept graph: each relation type it draws, in order of first use, named in ``lang``."""
    seen: dict[str, Line] = {}
    for *_, d in concept_graph(case).edges(data=True):
        seen.setdefault(d["type"], relation_line(d["type"]))
    return [(relation_name(t, lang), line) for t, line in seen.items()]


def relation_legend(case: Case, lang: str, limit: int = 0) -> list[tuple[int, str, str, str, str]]:
    """The numbered edges of the concept graph (those whose short form is longer than ``limit`` letters, see
    :func:`arrow_labels`): (number, from, to, relation name, the case's own label)."""
    g = concept_graph(case)
    return [(number, g.nodes[u]["label"], g.nodes[v]["label"], relation_name(d["type"], lang), plain(d["label"] or ""))
            for (_, number), (u, v, d) in zip(arrow_labels(case, lang, limit), g.edges(data=True), strict=True) if number]


def item_code(field_id: str, index: int, lang: str) -> str:
    """The printed name of the ``index``-th item (from 0) of a matrix field: «Проблема 3», «3-мәселе», "Problem 3".

    Words, not codes (``schemas/matrix.yaml``: ``label``); a field without a label prints its code («П3»).
    """
    entry: dict[str, Any] = next((f for f in method().matrix["fields"] if f["id"] == field_id), {})
    label = (entry.get("label") or {}).get(lang) or (entry.get("label") or {}).get("en")
    if label:
        return str(label).format(n=index + 1)
    prefix = (entry.get("code") or {}).get(lang) or (entry.get("code") or {}).get("en") or field_id[:1].upper()
    return f"{prefix}{index + 1}"


def fan_dot(case: Case, lang: str) -> str:
    """DOT of Figure 1: question → problems → tasks → solutions by their numbers, the chosen chain in bold.

    The formulations themselves are in Table 1 beside the figure, under the same
    numbers, so the drawing stays small enough to print at full size.
    """
    chosen = {f: (case.chosen(f) or {}).get("id") for f in ("questions", "problems", "tasks", "solutions")}
    out = _head("digraph", ["rankdir=LR", "ranksep=0.6", "nodesep=0.12"], sep=False)
    out.append('  node [width=0.45, height=0.26, margin="0.05,0.02"];')
    ids: dict[tuple[str, str], str] = {}
    for f in ("questions", "problems", "tasks", "solutions"):
        out.append("  { rank=same;")
        for i, item in enumerate(case.items(f)):
            key = (f, str(item.get("id")))
            ids[key] = f"{f[0]}{i}"
            label = item_code(f, i, lang)
            bold = ", penwidth=2, fontname=\"PT Serif Bold\"" if chosen[f] == item.get("id") else ""
            out.append(f"    {ids[key]} [label={quote(label)}{bold}];")
        out.append("  }")

    def edge(src: tuple[str, str], dst: tuple[str, str], on_chain: bool) -> None:
        if src in ids and dst in ids:
            style = " [penwidth=2]" if on_chain else " [style=dashed]"
            out.append(f"  {ids[src]} -> {ids[dst]}{style};")

    for p in case.items("problems"):
        edge(("questions", str(chosen["questions"])), ("problems", str(p.get("id"))), p.get("id") == chosen["problems"])
    for t in case.items("tasks"):
        parent = str(t.get("problem") or chosen["problems"])
        edge(("problems", parent), ("tasks", str(t.get("id"))), t.get("id") == chosen["tasks"] and parent == chosen["problems"])
    for s in case.items("solutions"):
        parent = str(s.get("task") or chosen["tasks"])
        edge(("tasks", parent), ("solutions", str(s.get("id"))), s.get("id") == chosen["solutions"] and parent == chosen["tasks"])
    out.append("}")
    return "\n".join(out) + "\n"


def draw(dot_source: str, fmt: str = "svg") -> bytes:
    """Run Graphviz ``dot`` on ``dot_source``; results are cached by the hash of the source."""
    key = (hashlib.sha256(dot_source.encode()).hexdigest(), fmt)
    if key in _cache:
        return _cache[key]
    shared = os.environ.get(SHARED_ENV)
    kept = os.path.join(shared, f"{key[0]}.{fmt}") if shared else None
    if kept is not None:
        try:
            with open(kept, "rb") as f:
                _cache[key] = f.read()
            return _cache[key]
        except OSError:
            pass
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizError("Graphviz is not installed (the 'dot' program was not found)")
    # SERVER_NAME puts Graphviz in its restricted mode: no image or shape files read.
    env = {**os.environ, "SERVER_NAME": "keykis", "GV_FILE_PATH": "/nonexistent"}
    try:
        done = subprocess.run([dot, f"-T{fmt}"], input=dot_source.encode(), capture_output=True,
                              timeout=DOT_TIMEOUT, check=False, env=env)
    except subprocess.TimeoutExpired as exc:
        raise GraphvizError(f"Graphviz took longer than {DOT_TIMEOUT} s to draw the graph") from exc
    if done.returncode != 0:
        raise GraphvizError("Graphviz failed: " + done.stderr.decode(errors="replace").strip()[:300])
    if fmt == "svg":
        _readable(done.stdout)
    _cache[key] = done.stdout
    if kept is not None:
        keep_shared(kept, done.stdout)
    return done.stdout


def keep_shared(path: str, data: bytes) -> None:
    """Write a drawing (or a document) for the build's other processes; a whole file or none (no failure if it cannot)."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _readable(svg: bytes) -> None:
    """Refuse a drawing that would print as a blank page (SVG that is not well-formed XML)."""
    from xml.etree import ElementTree

    try:
        ElementTree.fromstring(svg)
    except ElementTree.ParseError as exc:
        raise GraphvizError(f"Graphviz drew a graph that cannot be shown ({exc}); the page would be blank") from None


def concept_geometry(dot_source: str) -> tuple[tuple[float, float], list[str]]:
    """Size in points the SVG of ``dot_source`` will have, and what is still wrong with its drawing once labels
    and names are placed (:func:`draw_concept`), read from Graphviz's JSON layout alone."""
    key = hashlib.sha256(dot_source.encode()).hexdigest()
    if key not in _geometry:
        drawing = read_drawing(draw(dot_source, "json"))
        arrange(drawing)
        size = (drawing.bounds.x1 - drawing.bounds.x0 + 2 * PAD_PT, drawing.bounds.y1 - drawing.bounds.y0 + 2 * PAD_PT)
        _geometry[key] = (size, defects(drawing))
    size, faults = _geometry[key]
    return size, list(faults)


def draw_concept(dot_source: str) -> tuple[bytes, list[str]]:
    """The concept graph as SVG with Euler-like regions and every relation number in a free spot, and what is
    still wrong with it.

    Graphviz lays the graph out once (as JSON, to read the geometry, and as
    SVG); numbers sitting on a boundary line, an actor or another number are
    moved along their own edge and the regions get their rounded corners
    (:mod:`keykis.render.graph_geometry`).
    """
    drawing = read_drawing(draw(dot_source, "json"))
    names, moves = arrange(drawing)
    return finish(move_region_names(move_numbers(draw(dot_source), moves), names), drawing), defects(drawing)


_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)


def svg_size(svg: bytes) -> tuple[float, float]:
    """Width and height of a Graphviz SVG in points ((1, 1) when unreadable)."""
    m = _SIZE.search(svg)
    return (float(m.group(1)), float(m.group(2))) if m else (1.0, 1.0)


MM = 72 / 25.4
GRAPH_BOXES = {False: (180 * MM, 222 * MM), True: (267 * MM, 138 * MM)}
"""Room for the drawing on the graph page (portrait, landscape) in points: A4 less
15 mm margins, the title and the caption (a typical two-line title; the page
itself shrinks the drawing to whatever room is really left)."""
FIGURE_BOX = (164 * MM, 190 * MM)
"""Room for the concept graph as a figure among the case's text (text width, the figure's maximum height)."""
STRETCH_BEYOND = 1.2
"""A layout more than this much narrower (or flatter) than its box gets its
spacing stretched to the box's shape."""
STRETCH_COST = 0.98
"""Share of its print size a drawing may lose to the stretch (Graphviz overshoots the shape a little)."""


@dataclass
class GraphLayout:
    """The concept graph drawn for its own A4 page."""

    svg: bytes
    landscape: bool
    """Whether the page is turned (the drawing is wide)."""
    rankdir: str
    dot: str
    figure_svg: bytes
    """The direction that prints largest in the text column, unstretched, for the figure in the case edition."""
    box_mm: float = 0.0
    """Height in mm the page gives the drawing (what is left after the title and the relations key)."""
    limit: int = 0
    """Relations whose short form has at most this many letters carry it on their arrow (:func:`arrow_labels`);
    the others are numbered in the key (:func:`relation_legend` with the same limit)."""
    scale: float = 1.0
    """How much the page shrinks the drawing (estimated): type prints at ``FONT_PT × scale``."""
    figure_limit: int = 0
    """:attr:`limit` of the figure in the text (its column is narrower than the page)."""


def _fit(size: tuple[float, float], box: tuple[float, float]) -> float:
    return min(box[0] / size[0], box[1] / size[1])


KEY_LINE_MM = 3.4
"""One line of the relations key under the drawing (7.5 pt, line height 1.25, a little space between items)."""
KEY_CHARS = 48
"""Letters of the key (7.5 pt PT Serif) on one line of a column (two columns portrait, three landscape)."""
TITLE_CHARS = {False: 70, True: 104}
"""Letters of the graph page's title (14 pt bold) on one line, portrait and landscape."""
TITLE_LINE_MM = 5.9
FONT_PT = 11.0
"""Type size of the drawing as Graphviz lays it out (``_head``)."""
MIN_PT = 7.0
"""Smallest type the drawing may print at, on its page and as a figure."""
SAFETY = 1.02
"""Margin on the estimated print size (the page's real room differs a little from the estimate)."""
FIGURE_KEYED_BOX = (164 * MM, 155 * MM)
"""Room for the concept graph as a figure with its key under it (print.css: ``.figure-block.with-key``)."""


def key_columns(relations: list[tuple[int, str, str, str, str]], columns: int) -> list[list[tuple[int, str, str, str, str]]]:
    """The numbered relations of the key cut into ``columns`` runs of about the same height, in order.

    The key is printed as that many lists side by side, not as one list in CSS columns: WeasyPrint balances
    columns by laying their content out again and again, several times the cost of laying it out once. Each
    relation's height is the lines it takes in a column (:data:`KEY_CHARS` letters a line, as
    :func:`graph_boxes` estimates the key); the runs keep the order and the tallest is as low as it can be.
    """
    heights = [-(-max(1, len(" ".join(map(str, row)))) // KEY_CHARS) for row in relations]
    if columns <= 1 or len(relations) <= 1:
        return [list(relations)] if relations else []
    for cap in range(max(heights), sum(heights) + 1):
        runs: list[list[tuple[int, str, str, str, str]]] = [[]]
        filled = 0
        for row, height in zip(relations, heights, strict=True):
            if runs[-1] and filled + height > cap:
                runs.append([])
                filled = 0
            runs[-1].append(row)
            filled += height
        if len(runs) <= columns:
            return runs
    return [list(relations)]


def graph_boxes(key: list[str], title: str = "") -> dict[bool, tuple[float, float]]:
    """Room for the drawing on the graph page once the title and the relations key below it have theirs.

    ``key`` holds the text of each numbered relation; the key's height is
    estimated from the lines each item takes in its column, the title's from
    its length (:data:`GRAPH_BOXES` already counts two lines of title).
    """
    boxes = {}
    for land, (w, h) in GRAPH_BOXES.items():
        columns = 3 if land else 2
        lines = sum(-(-max(1, len(text)) // KEY_CHARS) for text in key)
        key_mm = (-(-lines // columns) + 1.5) * KEY_LINE_MM if key else 0.0
        title_lines = -(-len(title) // TITLE_CHARS[land]) if title else 2
        boxes[land] = (w, h - (key_mm + max(0, title_lines - 2) * TITLE_LINE_MM) * MM)
    return boxes


@dataclass
class _Page:
    faults: int
    scale: float
    rankdir: str
    landscape: bool
    size: tuple[float, float]
    box: tuple[float, float]
    dot: str


def concept_drawing(case: Case, lang: str, *, rankdir: str, limit: int,
                    ratio: float | None = None) -> tuple[bytes, list[str], str]:
    """(SVG, defects, DOT) of the concept graph; while an edge runs through a region's name, laid out again with
    the names placed the next way (:data:`NAME_PLACES`); the layout with the fewest defects is kept."""
    _, faults, dot = _settled(case, lang, rankdir=rankdir, limit=limit, ratio=ratio)
    return draw_concept(dot)[0], faults, dot


def _settled(case: Case, lang: str, *, rankdir: str, limit: int,
             ratio: float | None = None) -> tuple[tuple[float, float], list[str], str]:
    """(size, defects, DOT) as :func:`concept_drawing` chooses them, from the JSON layout alone (no SVG drawn)."""
    best: tuple[tuple[float, float], list[str], str] | None = None
    for names in NAME_PLACES:
        dot = concept_dot(case, lang, rankdir=rankdir, limit=limit, ratio=ratio, names=names)
        size, faults = concept_geometry(dot)
        if best is None or len(faults) < len(best[1]):
            best = (size, faults, dot)
        if not any(NAME_CROSSED in f for f in faults):
            break
    assert best is not None
    return best


def _page(case: Case, lang: str, limit: int) -> _Page:
    """The direction and orientation that print the drawing largest on its page, relations labelled to ``limit``."""
    key = [" ".join(map(str, row)) for row in relation_legend(case, lang, limit)]
    legend = " ".join(f"{name} ----" for name, _ in relation_types_used(case, lang))
    key += [legend[i:i + KEY_CHARS] for i in range(0, len(legend) * 7 // 4, KEY_CHARS)]  # lines across the columns
    boxes = graph_boxes(key, plain(case.title))
    best: tuple[int, float, _Page] | None = None
    for rankdir, bonus in (("TB", 1.1), ("LR", 1.0)):
        size, faults, dot = _settled(case, lang, rankdir=rankdir, limit=limit)
        landscape = _fit(size, boxes[True]) > _fit(size, boxes[False])
        scale = _fit(size, boxes[landscape])
        if best is None or (-len(faults), scale * bonus) > best[:2]:
            best = (-len(faults), scale * bonus, _Page(len(faults), scale, rankdir, landscape, size, boxes[landscape], dot))
    assert best is not None
    return best[2]


def _figure(case: Case, lang: str, limit: int) -> tuple[int, float, str]:
    """(defects, scale, DOT) of the direction that prints largest as a figure in the text column."""
    figures = [_settled(case, lang, rankdir=r, limit=limit) for r in ("TB", "LR")]
    size, faults, dot = max(figures, key=lambda f: (-len(f[1]), _fit(f[0], FIGURE_BOX)))
    return len(faults), min(1.0, _fit(size, FIGURE_KEYED_BOX)), dot


def _prints(scale: float) -> bool:
    return FONT_PT * scale >= MIN_PT * SAFETY


def concept_layout(case: Case, lang: str) -> GraphLayout:
    """Draw the concept graph with as many relations named on their arrows as fit, in the direction and page
    orientation that show it largest.

    Each relation's short form (:func:`short_forms`) goes on its arrow when the
    drawing still prints at :data:`MIN_PT` or more on its page and as a figure
    in the text, with no defect (:func:`draw_concept`); the longest ones give
    way to numbers in the key first. For each choice both directions
    (top-down and left-right) are drawn; for each, the page orientation whose
    drawing area scales it up most wins, and the direction with the larger
    scale is kept (top-down unless left-right is clearly better). A drawing
    much narrower or flatter than its area — a long chain of actors — then gets
    its spacing stretched to the area's shape, so the figure fills the page
    instead of standing as a column in the middle.
    """
    candidates = [0] + sorted({len(t) for t in short_forms(case, lang)})  # 0: every relation numbered
    pages: dict[int, _Page] = {}
    figures: dict[int, tuple[int, float, str]] = {}

    def page_prints(limit: int) -> bool:
        page = pages[limit] = pages.get(limit) or _page(case, lang, limit)
        return not page.faults and _prints(page.scale)

    def figure_prints(limit: int) -> bool:
        figures[limit] = figures.get(limit) or _figure(case, lang, limit)
        return not figures[limit][0] and _prints(figures[limit][1])

    limit, figure_limit = _largest(candidates, page_prints), _largest(candidates, figure_prints)
    page = pages.get(limit) or _page(case, lang, limit)
    figure = draw_concept((figures.get(figure_limit) or _figure(case, lang, figure_limit))[2])[0]
    width, height = page.size
    box = page.box
    want = box[1] / box[0]
    if not 1 / STRETCH_BEYOND <= (height / width) / want <= STRETCH_BEYOND:
        # aimed a little short of the box's shape: Graphviz overshoots it by a few per cent
        aim = want * STRETCH_COST if height / width < want else want / STRETCH_COST
        size, faults, dot = _settled(case, lang, rankdir=page.rankdir, limit=limit, ratio=aim)
        # Graphviz reaches the shape by widening (or heightening) the drawing, never by shrinking it: a stretch
        # that overshoots the box would print the type smaller, so it is kept only when it prints about as large.
        scale = _fit(size, box)
        if not faults and scale >= page.scale * STRETCH_COST and _prints(scale):
            return GraphLayout(draw_concept(dot)[0], page.landscape, page.rankdir, dot, figure, box[1] / MM, limit,
                               scale, figure_limit)
    return GraphLayout(draw_concept(page.dot)[0], page.landscape, page.rankdir, page.dot, figure, box[1] / MM, limit,
                       page.scale, figure_limit)


def _largest(candidates: list[int], prints: Callable[[int], bool]) -> int:
    """The largest of the (ascending) ``candidates`` that ``prints``; the first when none does.

    Fewer words on arrows never print smaller, so the range is halved rather than walked.
    """
    lo, hi = 0, len(candidates) - 1
    if prints(candidates[hi]):
        return candidates[hi]
    while lo < hi - 1:
        mid = (lo + hi) // 2
        if prints(candidates[mid]):
            lo = mid
        else:
            hi = mid
    return candidates[lo]
