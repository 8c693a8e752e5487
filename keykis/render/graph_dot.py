"""DOT source for the concept graph (step 10) and the fan of Figure 1, drawn by Graphviz.

The graph itself comes from :func:`keykis.graph.concept_graph` (networkx), the
same graph the checks measure. Here it becomes DOT: the internal environment
is a cluster nested in the external one, so the boundary is one clear line;
the main actor has a double outline; nothing is filled or coloured, as step 10
asks. Node ids are generated (``a0``, ``a1``…) and every label is escaped, so
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
from keykis.method import method, name
from keykis.model import Case
from keykis.render.labels import labels
from keykis.render.markup import plain

FONT = "PT Serif"
DOT_TIMEOUT = 60
_cache: dict[tuple[str, str], bytes] = {}


class GraphvizError(KeykisError):
    """Graphviz is missing or failed to draw a graph."""


def quote(text: str, width: int | None = None) -> str:
    """A DOT double-quoted string showing ``text`` literally, wrapped to ``width``."""
    text = " ".join(plain(text).split())
    lines = textwrap.wrap(text, width) if width and text else [text]
    parts = [ln.replace("\\", "\\\\").replace('"', '\\"') for ln in lines]
    return '"' + "\\n".join(parts) + '"'


def _head(kind: str, extra: Iterable[str] = ()) -> list[str]:
    return [
        f"{kind} G {{",
        f'  graph [fontname="{FONT}", fontsize=11, charset="UTF-8", nodesep=0.35, ranksep=0.5, pad=0.1, {", ".join(extra)}];',
        f'  node [fontname="{FONT}", fontsize=10, shape=box, style=rounded, penwidth=0.8, margin="0.10,0.05"];',
        f'  edge [fontname="{FONT}", fontsize=8.5, penwidth=0.7, arrowsize=0.6];',
    ]


def concept_dot(case: Case, lang: str, *, rankdir: str = "TB", ratio: float | None = None) -> str:
    """DOT of the concept graph: actors in nested environment clusters, labelled relations.

    ``rankdir`` is ``TB`` (relations run down the page) or ``LR`` (across);
    ``ratio`` (height / width) stretches the spacing, never the nodes, to that
    shape — see :func:`concept_layout`.
    """
    g = concept_graph(case)
    lab = labels(lang)
    ids = {n: f"a{i}" for i, n in enumerate(g.nodes)}
    extra = ["compound=true", "newrank=true", "rankdir=LR" if rankdir == "LR" else "rankdir=TB"]
    if ratio:
        extra.append(f"ratio={ratio:.3f}")
    out = _head("digraph", extra)

    def node(n: str) -> str:
        d = g.nodes[n]
        extra = ", peripheries=2, penwidth=1.2" if d["main"] else ""
        return f"    {ids[n]} [label={quote(d['label'], 22)}{extra}];"

    out += ["  subgraph cluster_external {", f"    label={quote(lab['external'])}; labeljust=l;",
            "    style=\"rounded,dashed\"; penwidth=0.8; margin=14;"]
    out += ["    subgraph cluster_internal {", f"      label={quote(lab['internal'])}; labeljust=l;",
            "      style=rounded; penwidth=1.6; margin=12;"]
    out += ["  " + node(n) for n in g.nodes if g.nodes[n]["environment"] == "internal"]
    out += ["    }"]
    out += [node(n) for n in g.nodes if g.nodes[n]["environment"] != "internal"]
    out += ["  }"]
    for u, v, d in g.edges(data=True):
        text = d["label"] or relation_name(d["type"], lang)
        out.append(f"  {ids[u]} -> {ids[v]} [label={quote(text, 18)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _strategy_names(item: dict[str, Any], lang: str) -> str:
    strategies = method().strategies
    names = [name(strategies[s], lang) for s in item.get("strategy") or [] if s in strategies]
    return " + ".join(names)


def fan_dot(case: Case, lang: str) -> str:
    """DOT of Figure 1: question → problems → tasks → solutions, the chosen chain in bold."""
    chosen = {f: (case.chosen(f) or {}).get("id") for f in ("questions", "problems", "tasks", "solutions")}
    out = _head("digraph", ["rankdir=LR", "ranksep=0.45", "nodesep=0.18"])
    ids: dict[tuple[str, str], str] = {}
    for f in ("questions", "problems", "tasks", "solutions"):
        out.append("  { rank=same;")
        for i, item in enumerate(case.items(f)):
            key = (f, str(item.get("id")))
            ids[key] = f"{f[0]}{i}"
            label = f"{item.get('id')}. {plain(str(item.get('text', '')))}"
            if f == "solutions" and _strategy_names(item, lang):
                label += f" [{_strategy_names(item, lang)}]"
            bold = ", penwidth=2, fontname=\"PT Serif Bold\"" if chosen[f] == item.get("id") else ""
            out.append(f"    {ids[key]} [label={quote(label, 30)}{bold}];")
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
    _cache[key] = done.stdout
    return done.stdout


_SIZE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt"[^>]*?height="([\d.]+)pt"', re.S)


def svg_size(svg: bytes) -> tuple[float, float]:
    """Width and height of a Graphviz SVG in points ((1, 1) when unreadable)."""
    m = _SIZE.search(svg)
    return (float(m.group(1)), float(m.group(2))) if m else (1.0, 1.0)


def svg_is_wide(svg: bytes) -> bool:
    """Whether a Graphviz SVG is wider than it is tall (by more than a tenth)."""
    width, height = svg_size(svg)
    return width > 1.1 * height


MM = 72 / 25.4
GRAPH_BOXES = {False: (180 * MM, 222 * MM), True: (267 * MM, 138 * MM)}
"""Room for the drawing on the graph page (portrait, landscape) in points: A4 less
15 mm margins, the title and the caption (a typical two-line title; the page
itself shrinks the drawing to whatever room is really left)."""
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
    """The same direction unstretched, for a figure among text (the case edition)."""


def _fit(size: tuple[float, float], box: tuple[float, float]) -> float:
    return min(box[0] / size[0], box[1] / size[1])


def concept_layout(case: Case, lang: str) -> GraphLayout:
    """Draw the concept graph in the direction and page orientation that show it largest.

    Both directions (top-down and left-right) are drawn; for each, the page
    orientation whose drawing area scales it up most wins, and the direction
    with the larger scale is kept (top-down unless left-right is clearly
    better). A drawing much narrower or flatter than its area — a long chain
    of actors — then gets its spacing stretched to the area's shape, so the
    figure fills the page instead of standing as a column in the middle.
    """
    best: tuple[float, str, bool, bytes] | None = None
    for rankdir, bonus in (("TB", 1.1), ("LR", 1.0)):
        svg = draw(concept_dot(case, lang, rankdir=rankdir))
        size = svg_size(svg)
        landscape = _fit(size, GRAPH_BOXES[True]) > _fit(size, GRAPH_BOXES[False])
        score = _fit(size, GRAPH_BOXES[landscape]) * bonus
        if best is None or score > best[0]:
            best = (score, rankdir, landscape, svg)
    assert best is not None
    _, rankdir, landscape, svg = best
    box = GRAPH_BOXES[landscape]
    width, height = svg_size(svg)
    want = box[1] / box[0]
    if not 1 / STRETCH_BEYOND <= (height / width) / want <= STRETCH_BEYOND:
        dot = concept_dot(case, lang, rankdir=rankdir, ratio=want)
        return GraphLayout(draw(dot), landscape, rankdir, dot, svg)
    return GraphLayout(svg, landscape, rankdir, concept_dot(case, lang, rankdir=rankdir), svg)
