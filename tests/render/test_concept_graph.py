"""The concept graph as drawn: Euler-like regions, numbers in free spots, and the legend telling the truth.

Graphviz runs for real; the geometry is read back from its JSON layout and
from the PDF the page prints.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from keykis.gate import require_case
from keykis.graph import concept_graph, relation_name
from keykis.method import method
from keykis.model import find_cases, load_case
from keykis.render import render_case
from keykis.render.disguise import public_case
from keykis.render.graph_dot import (
    arrow_labels,
    concept_dot,
    concept_drawing,
    concept_layout,
    draw,
    draw_concept,
    relation_line,
    relation_types_used,
)
from keykis.render.graph_geometry import (
    INTERNAL,
    Box,
    Drawing,
    Edge,
    arrange,
    box_in_region,
    defects,
    in_region,
    labels_beside,
    names_crossed,
    place_numbers,
    read_drawing,
)
from keykis.vocabulary import say
from tests.helpers import CASES

BUNDLED = find_cases([CASES])


@pytest.mark.parametrize("case_file", BUNDLED, ids=lambda p: p.parent.name)
def test_every_drawing_of_every_bundled_graph_is_free_of_defects(case_file: Path) -> None:
    case = public_case(require_case(load_case(case_file)))
    for rankdir in ("TB", "LR"):
        _, faults = draw_concept(concept_dot(case, case.language, rankdir=rankdir))
        assert not [f for f in faults if "leaves" in f or "actor reaches" in f or "region's name" in f], faults
    layout = concept_layout(case, case.language)
    for svg in (layout.svg, layout.figure_svg):
        assert svg.count(b"<rect") >= 2 and b"<path fill=\"none\" stroke=\"black\" stroke-width=\"1.6\"" not in svg
    drawing = read_drawing(draw(layout.dot, "json"))
    arrange(drawing)
    assert defects(drawing) == []


def test_misplaced_numbers_are_found_and_moved() -> None:
    """Graphviz's own placement puts numbers on boundary lines in some bundled graphs; none is left after."""
    found = 0
    for case_file in BUNDLED:
        case = public_case(require_case(load_case(case_file)))
        for rankdir in ("TB", "LR"):
            drawing = read_drawing(draw(concept_dot(case, case.language, rankdir=rankdir), "json"))
            before = [f for f in defects(drawing) if f.startswith("number")]
            found += len(before)
            moves = place_numbers(drawing)
            assert len(moves) <= len(before)
    assert found >= 5


def test_an_internal_edge_routed_outside_its_region_is_a_defect() -> None:
    inner = Box(100, 100, 300, 200)
    drawing = Drawing(regions={INTERNAL: inner, "cluster_external": Box(0, 0, 400, 300)},
                      radii={INTERNAL: 20.0, "cluster_external": 26.0},
                      nodes={"a0": Box(120, 150, 160, 170), "a1": Box(240, 150, 280, 170)}, internal={"a0", "a1"})
    drawing.edges.append(Edge(0, "a0", "a1", [(140, 150), (200, 60), (260, 150)], "1", Box(195, 120, 205, 130)))
    assert defects(drawing) == ["edge 1 leaves the internal environment"]
    drawing.edges[0].line = [(160, 160), (240, 160)]
    assert defects(drawing) == []
    # the rounded corner counts, not the bounding box
    assert inner.holds(101, 101) and not in_region(inner, 101, 101, r=20.0)
    assert not box_in_region(Box(101, 190, 110, 199), inner, 20.0)


def test_a_number_on_a_boundary_line_is_moved_along_its_edge() -> None:
    outer = Box(0, 0, 400, 300)
    drawing = Drawing(regions={INTERNAL: Box(100, 100, 300, 200), "cluster_external": outer},
                      radii={INTERNAL: 20.0, "cluster_external": 26.0},
                      nodes={"a0": Box(180, 150, 220, 170), "a1": Box(180, 20, 220, 40)}, internal={"a0"})
    drawing.edges.append(Edge(0, "a0", "a1", [(200, 150 - k) for k in range(0, 111, 2)], "1", Box(202, 95, 209, 105)))
    assert defects(drawing) == ["number 1 crosses the boundary of internal"]
    moves = place_numbers(drawing)
    assert list(moves) == [0] and defects(drawing) == []


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["aktobe-akimat-communication", "zhambyl-public-consent"])
def test_printed_graph_page_names_every_relation_on_its_arrow_or_by_its_number(slug: str, tmp_path: Path) -> None:
    case = public_case(require_case(load_case(CASES / slug)))
    render_case(CASES / slug, tmp_path, editions=())
    labels = arrow_labels(case, case.language, concept_layout(case, case.language).limit)
    on_arrows = [text for text, number in labels if not number]
    assert len(on_arrows) >= len(labels) * 0.8, labels  # most relations are read on the drawing itself
    with pdfplumber.open(tmp_path / "graph.pdf") as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        caption = next(w for w in words if w["text"] == say("edition.figure", case.language))
        drawn = [w for w in words if w["bottom"] < caption["top"]]
        numbers = [w for w in drawn if re.fullmatch(r"\d+", w["text"])]
        assert sorted(int(w["text"]) for w in numbers) == [n for _, n in labels if n]
        text = " ".join(w["text"] for w in drawn)
        assert all(word in text for label in on_arrows for word in label.split()), on_arrows
        boxes = [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in numbers]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
        body = page.extract_text()
        key = body[body.index(say("edition.relation_types_key", case.language)[:12]):]
    assert say("edition.relation_types_key", case.language) in " ".join(body.split())
    assert (say("edition.relations_key", case.language) in " ".join(key.split())) == any(n for _, n in labels)
    legend = next(ln for ln in body.splitlines() if ln.startswith(say("edition.relation_types_key", case.language)[:12]))
    for type_id in {d["type"] for *_, d in concept_graph(case).edges(data=True)}:
        assert relation_name(type_id, case.language) in body
    assert relation_name(next(iter(concept_graph(case).edges(data=True)))[2]["type"], case.language) in legend


def test_the_drawing_is_what_the_legend_says() -> None:
    """Each relation drawn in its type's line from the schema, one arrowhead each; the internal region solid,
    the external dashed."""
    case = public_case(require_case(load_case(CASES / "astana-world-city")))
    svg = concept_layout(case, case.language).svg.decode()
    edges = re.findall(r'<g id="edge\d+" class="edge">(.*?)</g>', svg, re.S)
    graph = concept_graph(case)
    assert len(edges) == graph.number_of_edges()
    for e, (*_, d) in zip(edges, graph.edges(data=True), strict=True):
        line = relation_line(d["type"])
        assert len(re.findall(r"<path ", e)) == 1 and len(re.findall(r"<polygon ", e)) == 1
        path = re.search(r"<path [^>]*>", e).group(0)
        assert f'stroke="{line.colour}"' in path
        assert (f'stroke-dasharray="{line.dasharray}"' in path) if line.dasharray else "dasharray" not in path
    regions = dict(re.findall(r"<title>(cluster_\w+)</title>\s*(<rect [^>]*>)", svg))
    assert "stroke-dasharray" in regions["cluster_external"] and "stroke-dasharray" not in regions[INTERNAL]
    assert 'rx="' in regions[INTERNAL] and float(re.search(r'rx="([\d.]+)"', regions[INTERNAL]).group(1)) > 12
    main = re.search(r"<title>a0</title>(.*?)</g>", svg, re.S)
    assert main and len(re.findall(r"<path ", main.group(1))) == 2
    assert "сплошная" in say("edition.graph_caption", "ru") and "пунктир" in say("edition.graph_caption", "ru")


def test_every_relation_type_has_its_own_line_in_the_schema() -> None:
    """The styles are data: four line styles, colours that stay distinct greys, no two types drawn alike."""
    lines = {t: relation_line(t) for t in method().relation_types}
    assert all("line" in entry for entry in method().relation_types.values())
    assert len(set(lines.values())) == len(lines)
    assert {line.style for line in lines.values()} == {"solid", "dashed", "dotted", "bold"}
    greys = sorted({round(_grey(line.colour), 2) for line in lines.values()})
    assert len(greys) >= 3 and min(b - a for a, b in zip(greys, greys[1:], strict=False)) > 0.15


def _grey(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


@pytest.mark.parametrize("slug", ["astana-world-city", "aktobe-akimat-communication"])
def test_the_dot_draws_each_type_in_its_style_and_the_page_names_the_types_used(slug: str) -> None:
    case = public_case(require_case(load_case(CASES / slug)))
    dot = concept_dot(case, case.language)
    used = {d["type"] for *_, d in concept_graph(case).edges(data=True)}
    assert len(used) >= 4
    styles = set(re.findall(r"-> a\d+ \[id=\"edge\d+\", label=\"\d+\", style=(\w+)", dot))
    assert styles == {relation_line(t).style for t in used} and len(styles) >= 3
    legend = relation_types_used(case, case.language)
    assert sorted(name for name, _ in legend) == sorted(relation_name(t, case.language) for t in used)


@pytest.mark.slow
def test_no_two_labels_of_different_edges_sit_side_by_side_and_no_edge_runs_through_a_region_name() -> None:
    for case_file in BUNDLED:
        case = public_case(require_case(load_case(case_file)))
        drawing = read_drawing(draw(concept_layout(case, case.language).dot, "json"))
        arrange(drawing)
        assert labels_beside(drawing) == [] and names_crossed(drawing) == [], case_file.parent.name


def test_an_edge_through_a_region_name_is_found_and_the_name_steps_aside() -> None:
    inner = Box(100, 100, 300, 200)
    drawing = Drawing(regions={INTERNAL: inner, "cluster_external": Box(0, 0, 400, 300)},
                      radii={INTERNAL: 20.0, "cluster_external": 26.0},
                      region_labels={INTERNAL: Box(160, 186, 240, 196)},
                      nodes={"a0": Box(180, 140, 220, 160), "a1": Box(180, 240, 220, 260)}, internal={"a0"})
    drawing.edges.append(Edge(0, "a1", "a0", [(200, 240), (200, 160)], "x", Box(205, 215, 230, 225)))
    assert names_crossed(drawing) == [("internal", "x")]
    assert defects(drawing) == ["edge x runs through the name of internal"]
    moves, _ = arrange(drawing)
    assert moves[INTERNAL] != 0 and names_crossed(drawing) == [] and defects(drawing) == []
    # two labels of different edges close together read as one label
    drawing.edges.append(Edge(1, "a0", "a1", [(150, 160), (150, 240)], "y", Box(232, 215, 250, 225)))
    assert labels_beside(drawing) == [("x", "y")]


@pytest.mark.slow
def test_random_graphs_keep_internal_edges_inside_and_numbers_free() -> None:
    """Forty random graphs (an internal cycle, relations both ways across the boundary), both directions."""
    import copy
    import random

    from keykis.model import Case
    from tests.helpers import EXAMPLE

    base = load_case(EXAMPLE)
    rng = random.Random(11)
    types = ["control", "cooperation", "information", "regulation", "subordination"]
    for _ in range(20):
        data = copy.deepcopy(base.data)
        n_in, n_out = rng.randint(2, 5), rng.randint(2, 8)
        ids = [f"actor{i}" for i in range(n_in + n_out)]
        data["actors"] = [{"id": a, "kind": "person", "environment": "internal" if i < n_in else "external",
                           "name": f"Актор номер {i} с длинным именем"} for i, a in enumerate(ids)]
        data["main_actor"], data["characters"] = ids[0], ids
        pairs = [(ids[i], ids[(i + 1) % n_in]) for i in range(n_in)]
        pairs += [tuple(rng.sample(ids, 2)) for _ in range(rng.randint(4, 16))]
        data["relations"] = [{"from": u, "to": v, "type": rng.choice(types)} for u, v in pairs]
        case = Case(data, path=base.path)
        for rankdir in ("TB", "LR"):
            _, faults, _ = concept_drawing(case, "ru", rankdir=rankdir, limit=0)
            # a dense random tangle may leave two numbers close (never overlapping); the bundled graphs may not
            assert [f for f in faults if "sits beside" not in f] == [], (rankdir, pairs, faults)
