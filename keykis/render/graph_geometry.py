"""The finish of the concept graph: Euler-like regions, labels and region names in free spots, and what a drawing
gets wrong.

The article draws the environments as Euler regions, one inside the other;
Graphviz draws a cluster as a rectangle with small rounded corners. Each
region is redrawn here with corners rounded to :func:`corner_radius` (the
clusters' margin leaves the room), so the internal environment reads as a
region inside the external one.

Graphviz puts an edge's label beside the middle of the edge. With the
environments drawn as nested regions, that spot can fall on a region's
boundary line, on an actor, or on another number; an edge between two
actors of the internal environment can also be routed round the outside of
its region. This module reads the layout Graphviz made (``dot -Tjson``),
names those defects, and moves a misplaced label (a number or a short
form) along its own edge to the nearest free spot beside the line, rewriting
only the label's position in the SVG. Edges entering a region cross the
band Graphviz keeps for the region's name; a crossed name slides along its
band to a spot no line runs through. Nothing here runs Graphviz itself; every check below
uses the regions' rounded shape, not their bounding boxes.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

PAD = 1.5
"""Clearance in points a label keeps from a boundary line, an actor or another label."""
APART = 14.0
"""Room in points between two edges' labels: closer, «16 5» reads as one label or a pair of one edge."""
BESIDE = "sits beside another number"
STEP = 4.0
"""Distance in points between the spots tried along an edge."""
NAME_CROSSED = "runs through the name of"
INSET = 8.0
"""Least distance in points from a region's name to the side of its region (keeps a rounded corner beside it)."""
INTERNAL = "cluster_internal"
EXTERNAL = "cluster_external"
RADIUS = 26.0
"""Largest corner radius of a region in points (Graphviz's own is 12); clusters keep a 12 pt margin, which
lets a radius up to about 3.4 × 12 pt clear the nodes in a corner."""


def corner_radius(region: Box, label: Box | None = None) -> float:
    """The corner radius of a region: :data:`RADIUS`, less when a quarter of its shorter side is smaller or when
    its name (``label``, at the top or the bottom) would reach past the curve of a corner."""
    r = min(RADIUS, 0.25 * min(region.x1 - region.x0, region.y1 - region.y0))
    if label is not None:
        dx = max(0.0, min(label.x0 - region.x0, region.x1 - label.x1))
        dy = max(0.0, min(region.y1 - label.y1, label.y0 - region.y0))  # the name at the top or at the bottom
        r = min(r, dx + dy + math.sqrt(2 * dx * dy))
    return r


def in_region(region: Box, x: float, y: float, tol: float = 0.0, r: float | None = None) -> bool:
    """Whether point (x, y) lies inside the rounded shape of ``region`` (corner radius ``r``)."""
    if not region.holds(x, y, tol):
        return False
    r = corner_radius(region) if r is None else r
    cx = min(max(x, region.x0 + r), region.x1 - r)
    cy = min(max(y, region.y0 + r), region.y1 - r)
    return math.hypot(x - cx, y - cy) <= r + tol


def box_in_region(box: Box, region: Box, r: float | None = None) -> bool:
    """Whether all of ``box`` lies inside the rounded shape of ``region``."""
    return all(in_region(region, x, y, r=r) for x in (box.x0, box.x1) for y in (box.y0, box.y1))


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in Graphviz coordinates (points, y upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def grown(self, d: float) -> Box:
        return Box(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def holds(self, x: float, y: float, tol: float = 0.0) -> bool:
        return self.x0 - tol <= x <= self.x1 + tol and self.y0 - tol <= y <= self.y1 + tol

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


@dataclass
class Edge:
    """One drawn relation: its end actors, its line (sampled) and its number."""

    index: int
    tail: str
    head: str
    line: list[tuple[float, float]]
    text: str = ""
    label: Box | None = None


@dataclass
class Drawing:
    """The geometry of a laid-out concept graph."""

    regions: dict[str, Box] = field(default_factory=dict)
    """Cluster name → its box (``cluster_external``, ``cluster_internal``)."""
    region_labels: dict[str, Box] = field(default_factory=dict)
    """Cluster name → the box of the region's name."""
    radii: dict[str, float] = field(default_factory=dict)
    """Cluster name → the corner radius it is drawn with (:func:`corner_radius`)."""
    nodes: dict[str, Box] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    internal: set[str] = field(default_factory=set)
    """Names of the nodes in the internal environment."""
    bounds: Box = Box(0.0, 0.0, 1.0, 1.0)
    """The whole drawing's bounding box (Graphviz's ``bb``), without its pad."""


def _bb(text: str) -> Box:
    x0, y0, x1, y1 = (float(v) for v in text.split(","))
    return Box(x0, y0, x1, y1)


def _text_box(ops: list[dict[str, Any]]) -> tuple[str, Box] | None:
    """The text of a label and the box round all its lines (a label on an arrow may take two)."""
    size = 10.0
    lines: list[str] = []
    box: Box | None = None
    for op in ops:
        if op.get("op") == "F":
            size = float(op.get("size", size))
        elif op.get("op") == "T":
            x, y = op["pt"]
            w = float(op.get("width", 0))
            left = x - w / 2 if op.get("align") == "c" else (x - w if op.get("align") == "r" else x)
            line = Box(left, y - 0.22 * size, left + w, y + 0.72 * size)
            box = line if box is None else Box(min(box.x0, line.x0), min(box.y0, line.y0),
                                               max(box.x1, line.x1), max(box.y1, line.y1))
            lines.append(str(op.get("text", "")))
    return (" ".join(lines), box) if box is not None else None


def bezier(points: list[list[float]]) -> list[tuple[float, float]]:
    """Sample a Graphviz B-spline (a chain of cubic Béziers) into a polyline."""
    out: list[tuple[float, float]] = [(points[0][0], points[0][1])]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for k in range(1, 13):
            t = k / 12
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def read_drawing(layout_json: bytes) -> Drawing:
    """The geometry in the output of ``dot -Tjson``."""
    data = json.loads(layout_json)
    drawing = Drawing()
    names: dict[int, str] = {}
    objects = data.get("objects", [])
    if "bb" in data:
        drawing.bounds = _bb(str(data["bb"]))
    for obj in objects:
        names[int(obj.get("_gvid", -1))] = str(obj.get("name", ""))
    for obj in objects:
        name = str(obj.get("name", ""))
        if name == INTERNAL:
            drawing.internal = {names.get(n, "") for n in obj.get("nodes", [])}
        if name.startswith("cluster"):
            label = _text_box(obj.get("_ldraw_", []))
            if label:
                drawing.region_labels[name] = label[1]
            if "bb" in obj:
                drawing.regions[name] = _bb(obj["bb"])
                drawing.radii[name] = corner_radius(drawing.regions[name], label[1] if label else None)
        elif "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            w, h = float(obj["width"]) * 36, float(obj["height"]) * 36
            drawing.nodes[name] = Box(x - w, y - h, x + w, y + h)
    for edge in data.get("edges", []):
        line: list[tuple[float, float]] = []
        for op in edge.get("_draw_", []):
            if op.get("op") in ("b", "B") and len(op.get("points", [])) >= 4:
                line += bezier(op["points"])
        index = int(edge.get("_gvid", len(drawing.edges)))
        if re.fullmatch(r"edge\d+", str(edge.get("id", ""))):  # the SVG group's own id (``edgeN``), when the DOT set it
            index = int(str(edge["id"])[4:]) - 1
        e = Edge(index, names.get(edge["tail"], ""), names.get(edge["head"], ""), line)
        label = _text_box(edge.get("_ldraw_", []))
        if label:
            e.text, e.label = label
        drawing.edges.append(e)
    return drawing


def _label_faults(d: Drawing, e: Edge, box: Box, others: list[Box]) -> list[str]:
    """What is wrong with number ``box`` of edge ``e`` (empty when it is well placed)."""
    faults = []
    padded = box.grown(PAD)
    for name, region in d.regions.items():
        if padded.overlaps(region) and not box_in_region(padded, region, d.radii.get(name)):
            faults.append(f"crosses the boundary of {name.removeprefix('cluster_')}")
    outer = d.regions.get(EXTERNAL)
    if outer and not box_in_region(padded, outer, d.radii.get(EXTERNAL)):
        faults.append("lies outside the drawing")
    inner = d.regions.get(INTERNAL)
    if inner:
        inside = {e.tail in d.internal, e.head in d.internal}
        if inside == {True} and not box_in_region(padded, inner, d.radii.get(INTERNAL)):
            faults.append("lies outside the internal environment of its actors")
        if inside == {False} and padded.overlaps(inner):
            faults.append("lies inside the internal environment, away from its actors")
    if any(padded.overlaps(n) for n in d.nodes.values()):
        faults.append("covers an actor")
    if any(padded.overlaps(r) for r in d.region_labels.values()):
        faults.append("covers the name of a region")
    if any(box.overlaps(o) for o in others):
        faults.append("overlaps another number")
    elif any(box.grown(APART).overlaps(o) for o in others):
        faults.append(BESIDE)
    return faults


def _extent(line: list[tuple[float, float]]) -> Box:
    """The bounding box of a drawn line (an empty line: a box nothing overlaps)."""
    if not line:
        return Box(math.inf, math.inf, -math.inf, -math.inf)
    xs, ys = [x for x, _ in line], [y for _, y in line]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _crossings(lines: list[tuple[Box, list[tuple[float, float]]]], box: Box) -> int:
    """How many points of the (other edges') ``lines`` pass under ``box`` (a soft fault: a label on a foreign line).

    Each line comes with its :func:`_extent`, so lines far from the box are passed over at once."""
    near = box.grown(0.5)
    return sum(1 for extent, line in lines if extent.overlaps(near) for x, y in line if near.holds(x, y))


def _segment_hits(box: Box, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether the segment from ``a`` to ``b`` passes through ``box`` (Liang–Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - box.x0), (dx, box.x1 - a[0]), (-dy, a[1] - box.y0), (dy, box.y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def runs_through(line: list[tuple[float, float]], box: Box) -> bool:
    """Whether a drawn line passes through ``box``."""
    if not _extent(line).grown(0.01).overlaps(box):
        return False
    return any(_segment_hits(box, a, b) for a, b in zip(line, line[1:], strict=False))


def names_crossed(d: Drawing) -> list[tuple[str, str]]:
    """(region, edge) for every edge whose line runs through the name of a region."""
    return [(name.removeprefix("cluster_"), e.text or str(e.index + 1)) for name, box in d.region_labels.items()
            for e in d.edges if runs_through(e.line, box.grown(PAD))]


def labels_beside(d: Drawing) -> list[tuple[str, str]]:
    """Pairs of labels of different edges that overlap or stand closer than :data:`APART`, so they read as one."""
    labelled = [e for e in d.edges if e.label is not None]
    return [(a.text, b.text) for i, a in enumerate(labelled) for b in labelled[i + 1:]
            if a.label is not None and b.label is not None and a.label.grown(APART).overlaps(b.label)]


def defects(d: Drawing) -> list[str]:
    """Everything a reader would trip on, one line each: misplaced numbers and internal edges routed outside."""
    out = []
    inner = d.regions.get(INTERNAL)
    for name, region in d.regions.items():
        r = d.radii.get(name)
        if any(label.overlaps(region) and not box_in_region(label, region, r) for label in d.region_labels.values()):
            out.append(f"a region's name crosses the boundary of {name.removeprefix('cluster_')}")
        members = d.nodes.values() if name == EXTERNAL else [d.nodes[n] for n in d.internal if n in d.nodes]
        if any(not box_in_region(node, region, r) for node in members):
            out.append(f"an actor reaches past the boundary of {name.removeprefix('cluster_')}")
    out += [f"edge {edge} {NAME_CROSSED} {region}" for region, edge in names_crossed(d)]
    for i, e in enumerate(d.edges):
        both_inside = e.tail in d.internal and e.head in d.internal
        if inner and both_inside and any(not in_region(inner, x, y, 0.5, d.radii.get(INTERNAL)) for x, y in e.line):
            out.append(f"edge {e.text or i + 1} leaves the internal environment")
        if e.label is not None:
            others = [o.label for o in d.edges[:i] if o.label is not None]
            out += [f"number {e.text} {fault}" for fault in _label_faults(d, e, e.label, others)]
    return out


def _spots(e: Edge, box: Box) -> list[tuple[float, float]]:
    """Centres beside the line of ``e``, every :data:`STEP` points along it, on both sides."""
    w, h = box.x1 - box.x0, box.y1 - box.y0
    spots: list[tuple[float, float]] = []
    walked = 0.0
    for (x0, y0), (x1, y1) in zip(e.line, e.line[1:], strict=False):
        seg = math.hypot(x1 - x0, y1 - y0)
        if seg == 0:
            continue
        walked += seg
        if walked < STEP:
            continue
        walked = 0.0
        nx, ny = -(y1 - y0) / seg, (x1 - x0) / seg
        off = abs(nx) * w / 2 + abs(ny) * h / 2 + PAD + 1
        spots += [(x1 + nx * off, y1 + ny * off), (x1 - nx * off, y1 - ny * off)]
    return spots


def _weigh(faults: list[str]) -> tuple[int, int]:
    """(hard faults, numbers only close beside): a number may stay near another when no free spot is left."""
    soft = sum(1 for f in faults if f == BESIDE)
    return len(faults) - soft, soft


def place_numbers(d: Drawing) -> dict[int, tuple[float, float]]:
    """Moves (dx, dy) for the numbers that are misplaced, keyed by edge index; well-placed ones stay.

    ``d`` is updated to the new positions, so :func:`defects` then reports what is left.
    """
    moves: dict[int, tuple[float, float]] = {}
    extents = [(_extent(o.line), o.line) for o in d.edges]
    for i, e in enumerate(d.edges):
        if e.label is None:
            continue
        others = [o.label for o in d.edges if o is not e and o.label is not None]
        now = _weigh(_label_faults(d, e, e.label, others))
        if now == (0, 0):
            continue
        lines = extents[:i] + extents[i + 1:]
        cx, cy = e.label.centre
        best: tuple[int, int, int, float, Box] | None = None
        for sx, sy in _spots(e, e.label):
            box = e.label.moved(sx - cx, sy - cy)
            weight = _weigh(_label_faults(d, e, box, others))
            if best is not None and weight > best[:2]:
                continue  # worse whatever lines it covers: they are not counted
            score = (*weight, _crossings(lines, box), math.hypot(sx - cx, sy - cy), box)
            if best is None or score[:4] < best[:4]:
                best = score
        if best is not None and best[0] == 0 and best[:2] < now:
            moves[e.index] = (best[4].x0 - e.label.x0, best[4].y0 - e.label.y0)
            e.label = best[4]
    return moves


def place_region_names(d: Drawing) -> dict[str, float]:
    """Sideways moves for the names of regions that an edge runs through, keyed by cluster name.

    Graphviz keeps a band free of actors at the top of each region for its
    name, but edges entering the region cross that band. A crossed name slides
    along its band to the free spot nearest its place (clear of every line,
    actor, label and other region); the region's corner radius follows it.
    ``d`` is updated, so :func:`defects` then reports what is left.
    """
    moves: dict[str, float] = {}
    for name, box in list(d.region_labels.items()):
        region = d.regions.get(name)
        if region is None or not any(runs_through(e.line, box.grown(PAD)) for e in d.edges):
            continue
        others = [b for n, b in d.region_labels.items() if n != name]
        labels = [e.label for e in d.edges if e.label is not None]
        inner = [r for n, r in d.regions.items() if n != name and region.holds(r.x0, r.y0) and region.holds(r.x1, r.y1)]
        best: tuple[float, Box] | None = None
        x = region.x0 + INSET
        while x + (box.x1 - box.x0) <= region.x1 - INSET:
            spot = box.moved(x - box.x0, 0)
            padded = spot.grown(PAD)
            free = (not any(runs_through(e.line, padded) for e in d.edges)
                    and not any(padded.overlaps(b) for b in [*d.nodes.values(), *labels, *others, *inner])
                    and box_in_region(spot, region, corner_radius(region, spot)))
            if free and (best is None or abs(spot.x0 - box.x0) < best[0]):
                best = (abs(spot.x0 - box.x0), spot)
            x += STEP / 2
        if best is not None:
            moves[name] = best[1].x0 - box.x0
            d.region_labels[name] = best[1]
            d.radii[name] = corner_radius(region, best[1])
    return moves


def arrange(d: Drawing) -> tuple[dict[str, float], dict[int, tuple[float, float]]]:
    """Move the regions' names off the edges, then the edges' labels into free spots: (name moves, label moves)."""
    return place_region_names(d), place_numbers(d)


_REGION_GROUP = re.compile(rb'<g id="clust\d+" class="cluster">\s*<title>([^<]*)</title>.*?</g>', re.S)


def move_region_names(svg: bytes, moves: dict[str, float]) -> bytes:
    """``svg`` with the names of the regions in ``moves`` shifted sideways."""
    if not moves:
        return svg

    def group(m: re.Match[bytes]) -> bytes:
        dx = moves.get(m.group(1).decode(errors="replace"))
        if dx is None:
            return m.group(0)

        def text(t: re.Match[bytes]) -> bytes:
            return t.group(1) + f"{float(t.group(2)) + dx:.2f}".encode() + t.group(3) + t.group(4) + t.group(5)

        return _TEXT_XY.sub(text, m.group(0))

    return _REGION_GROUP.sub(group, svg)


_EDGE = re.compile(rb'<g id="edge(\d+)" class="edge">(.*?)</g>', re.S)
_TEXT_XY = re.compile(rb'(<text\b[^>]*?\bx=")([-\d.]+)(" y=")([-\d.]+)(")')


def move_numbers(svg: bytes, moves: dict[int, tuple[float, float]]) -> bytes:
    """``svg`` with the numbers of the edges in ``moves`` shifted (SVG y runs downwards)."""
    if not moves:
        return svg

    def edge(m: re.Match[bytes]) -> bytes:
        move = moves.get(int(m.group(1)) - 1)
        if move is None:
            return m.group(0)
        dx, dy = move

        def text(t: re.Match[bytes]) -> bytes:
            x, y = float(t.group(2)) + dx, float(t.group(4)) - dy
            return t.group(1) + f"{x:.2f}".encode() + t.group(3) + f"{y:.2f}".encode() + t.group(5)

        return _TEXT_XY.sub(text, m.group(0))

    return _EDGE.sub(edge, svg)


_CLUSTER = re.compile(rb'(<g id="clust\d+" class="cluster">\s*<title>([^<]*)</title>\s*)<path ([^>]*?)d="[^"]*"([^>]*)/>')
_GROUP = re.compile(rb'<g id="(?:clust|edge)\d+" class="(?:cluster|edge)">.*?</g>', re.S)
_TEXT = re.compile(rb'<text\b[^>]*>[^<]*</text>\n?')
HALO = 1.2
"""White margin in points kept round a number or a region's name, so no line runs through its letters."""


def finish(svg: bytes, d: Drawing) -> bytes:
    """``svg`` with every region drawn with :func:`corner_radius` corners (Euler-like, same line and dash),
    and the names of regions and the relation numbers drawn last, each on a white patch of its own size."""

    def region(m: re.Match[bytes]) -> bytes:
        name = m.group(2).decode(errors="replace")
        box = d.regions.get(name)
        if box is None:
            return m.group(0)
        r = d.radii.get(name, corner_radius(box))
        rect = (f'<rect x="{box.x0:.2f}" y="{-box.y1:.2f}" width="{box.x1 - box.x0:.2f}" '
                f'height="{box.y1 - box.y0:.2f}" rx="{r:.2f}" ry="{r:.2f}" ').encode()
        return m.group(1) + rect + m.group(3) + m.group(4).strip() + b"/>"

    svg = _CLUSTER.sub(region, svg).replace(b'font-family="PT Serif Italic"', b'font-family="PT Serif" font-style="italic"')
    texts: list[bytes] = []

    def lift(m: re.Match[bytes]) -> bytes:
        texts.extend(t.group(0).rstrip() for t in _TEXT.finditer(m.group(0)))
        return _TEXT.sub(b"", m.group(0))

    svg = _GROUP.sub(lift, svg)
    boxes = [*d.region_labels.items(), *((f"edge{e.index + 1}", e.label) for e in d.edges if e.label is not None)]
    # each patch names what it carries (a region or an edge's SVG group), so the print check can read the labels back
    patches = [f'<rect class="patch" data-of="{of}" x="{b.x0 - HALO:.2f}" y="{-b.y1 - HALO:.2f}" '
               f'width="{b.x1 - b.x0 + 2 * HALO:.2f}" height="{b.y1 - b.y0 + 2 * HALO:.2f}" fill="white" '
               f'stroke="none"/>'.encode() for of, b in boxes]
    top = b'<g class="names">\n' + b"\n".join(patches + texts) + b"\n</g>\n"
    end = svg.rfind(b"</g>")
    return svg[:end] + top + svg[end:] if end >= 0 else svg
