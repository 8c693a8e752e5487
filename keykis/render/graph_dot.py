"""DOT source for the concept graph (step 10) and the fan of Figure 1, drawn by Graphviz.

The graph itself comes from :func:`keykis.graph.concept_graph` (networkx), the
same graph the checks measure. Here it becomes DOT: the internal environment
is a cluster nested in the external one, so the boundary is one clear line;
the main actor has a double outline; nothing is filled, as step 10 asks, and
each relation type has its own line (style, width and a colour that stays a
distinct grey in print) from ``schemas/relation_types.yaml``, named in the
legend beside the drawing. Node ids are generated (``a0``, ``a1``…) and every label is escaped, so
no DOT syntax written in a case can reach Graphviz. Drawings are cached by the
hash of their DOT source for the life of the process.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from keykis.errors import KeykisError
from keykis.graph import concept_graph, relation_name
from keykis.method import method
from keykis.model import Case
from keykis.render.graph_geometry import defects, finish, move_numbers, place_numbers, read_drawing
from keykis.render.markup import plain
from keykis.vocabulary import section

FONT = "PT Serif"
DOT_TIMEOUT = 60
_cache: dict[tuple[str, str], bytes] = {}


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
        f'  graph [fontname="{FONT}", fontsize=11, charset="UTF-8", pad=0.1, {", ".join(extra)}];',
        f'  node [fontname="{FONT}", fontsize=11, shape=box, style=rounded, penwidth=0.8, margin="0.10,0.05"];',
        f'  edge [fontname="{FONT}", fontsize=11, penwidth=0.7, arrowsize=0.6];',
    ]


def concept_dot(case: Case, lang: str, *, rankdir: str = "TB", ratio: float | None = None) -> str:
    """DOT of the concept graph: actors in nested environment clusters, labelled relations.

    ``rankdir`` is ``TB`` (relations run down the page) or ``LR`` (across);
    ``ratio`` (height / width) stretches the spacing, never the nodes, to that
    shape — see :func:`concept_layout`.
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

    out += ["  subgraph cluster_external {", f"    label={quote(lab['external'])};",
            "    style=\"rounded,dashed\"; penwidth=0.8; margin=12;"]
    out += ["    subgraph cluster_internal {", f"      label={quote(lab['internal'])};",
            "      style=rounded; penwidth=1.6; margin=12;"]
    out += ["  " + node(n) for n in g.nodes if g.nodes[n]["environment"] == "internal"]
    out += ["    }"]
    out += [node(n) for n in g.nodes if g.nodes[n]["environment"] != "internal"]
    out += ["  }"]
    for n, (u, v, d) in enumerate(g.edges(data=True), 1):
        out.append(f'  {ids[u]} -> {ids[v]} [label="{n}", {line_attrs(d["type"])}];')
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


def relation_legend(case: Case, lang: str) -> list[tuple[int, str, str, str, str]]:
    """The numbered edges of the concept graph: (number, from, to, relation name, the case's own label)."""
    g = concept_graph(case)
    return [(n, g.nodes[u]["label"], g.nodes[v]["label"], relation_name(d["type"], lang), plain(d["label"] or ""))
            for n, (u, v, d) in enumerate(g.edges(data=True), 1)]


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
    return done.stdout


def _readable(svg: bytes) -> None:
    """Refuse a drawing that would print as a blank page (SVG that is not well-formed XML)."""
    from xml.etree import ElementTree

    try:
        ElementTree.fromstring(svg)
    except ElementTree.ParseError as exc:
        raise GraphvizError(f"Graphviz drew a graph that cannot be shown ({exc}); the page would be blank") from None


def draw_concept(dot_source: str) -> tuple[bytes, list[str]]:
    """The concept graph as SVG with Euler-like regions and every relation number in a free spot, and what is
    still wrong with it.

    Graphviz lays the graph out once (as JSON, to read the geometry, and as
    SVG); numbers sitting on a boundary line, an actor or another number are
    moved along their own edge and the regions get their rounded corners
    (:mod:`keykis.render.graph_geometry`).
    """
    drawing = read_drawing(draw(dot_source, "json"))
    moves = place_numbers(drawing)
    return finish(move_numbers(draw(dot_source), moves), drawing), defects(drawing)


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


def _fit(size: tuple[float, float], box: tuple[float, float]) -> float:
    return min(box[0] / size[0], box[1] / size[1])


KEY_LINE_MM = 3.4
"""One line of the relations key under the drawing (7.5 pt, line height 1.25, a little space between items)."""
KEY_CHARS = 48
"""Letters of the key (7.5 pt PT Serif) on one line of a column (two columns portrait, three landscape)."""
TITLE_CHARS = {False: 70, True: 104}
"""Letters of the graph page's title (14 pt bold) on one line, portrait and landscape."""
TITLE_LINE_MM = 5.9


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


def concept_layout(case: Case, lang: str) -> GraphLayout:
    """Draw the concept graph in the direction and page orientation that show it largest.

    Both directions (top-down and left-right) are drawn; for each, the page
    orientation whose drawing area scales it up most wins, and the direction
    with the larger scale is kept (top-down unless left-right is clearly
    better). A drawing much narrower or flatter than its area — a long chain
    of actors — then gets its spacing stretched to the area's shape, so the
    figure fills the page instead of standing as a column in the middle.
    A drawing with a defect left (:func:`draw_concept`) loses to one without.
    """
    key = [" ".join(map(str, row)) for row in relation_legend(case, lang)]
    legend = " ".join(f"{name} ----" for name, _ in relation_types_used(case, lang))
    key += [legend[i:i + KEY_CHARS] for i in range(0, len(legend) * 7 // 4, KEY_CHARS)]  # lines across the columns
    boxes = graph_boxes(key, plain(case.title))
    best: tuple[int, float, str, bool, bytes] | None = None
    for rankdir, bonus in (("TB", 1.1), ("LR", 1.0)):
        svg, faults = draw_concept(concept_dot(case, lang, rankdir=rankdir))
        size = svg_size(svg)
        landscape = _fit(size, boxes[True]) > _fit(size, boxes[False])
        score = (-len(faults), _fit(size, boxes[landscape]) * bonus, rankdir, landscape, svg)
        if best is None or score[:2] > best[:2]:
            best = score
    assert best is not None
    figures = [draw_concept(concept_dot(case, lang, rankdir=r)) for r in ("TB", "LR")]
    figure = max(figures, key=lambda f: (-len(f[1]), _fit(svg_size(f[0]), FIGURE_BOX)))[0]
    _, _, rankdir, landscape, svg = best
    box = boxes[landscape]
    width, height = svg_size(svg)
    want = box[1] / box[0]
    if not 1 / STRETCH_BEYOND <= (height / width) / want <= STRETCH_BEYOND:
        dot = concept_dot(case, lang, rankdir=rankdir, ratio=want)
        stretched, faults = draw_concept(dot)
        if not faults:
            return GraphLayout(stretched, landscape, rankdir, dot, figure, box[1] / MM)
    return GraphLayout(svg, landscape, rankdir, concept_dot(case, lang, rankdir=rankdir), figure, box[1] / MM)
