"""Faults case authors found in the bundled cases' PDFs, pinned by what the pages say."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from keykis.graph import fan_matrix
from keykis.model import Case, find_cases, load_case
from keykis.render import render_case
from keykis.render.graph_dot import GRAPH_BOXES, STRETCH_BEYOND, concept_layout, svg_size
from keykis.render.labels import labels
from tests.helpers import CASES
from tests.render.pdfread import A4, text, words

pytestmark = pytest.mark.slow
BUNDLED = find_cases([CASES])


@pytest.mark.parametrize("case_file", BUNDLED, ids=lambda p: p.parent.name)
def test_graph_is_one_page_and_fills_it(case_file: Path, tmp_path: Path) -> None:
    result = render_case(case_file, tmp_path, editions=())
    assert result.pages == {"graph.pdf": 1}
    body = text(tmp_path / "graph.pdf")
    case = load_case(case_file)
    assert " ".join(case.title.split()[-3:]) in body
    assert labels(case.language)["figure"] + " 1." in body
    layout = concept_layout(case, case.language)
    width, height = svg_size(layout.svg)
    box_w, box_h = GRAPH_BOXES[layout.landscape]
    shape = (height / width) / (box_h / box_w)
    assert 1 / STRETCH_BEYOND - 0.05 <= shape <= STRETCH_BEYOND + 0.05, (layout.rankdir, width, height)


def test_graph_with_a_four_line_title_stays_on_one_page(tmp_path: Path) -> None:
    data = copy.deepcopy(load_case(CASES / "aktobe-akimat-communication").data)
    data["title"] = data["title"].rstrip("?") + " и " + data["title"].lower()
    result = render_case(Case(data, path=CASES / "aktobe-akimat-communication" / "case.yaml"), tmp_path, editions=())
    assert result.pages == {"graph.pdf": 1}
    body = text(tmp_path / "graph.pdf")
    assert "Рисунок 1." in body and "Батыс-2" in body


@pytest.fixture(scope="module")
def astana(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The twelve-actor Astana case, both editions, HTML kept."""
    out = tmp_path_factory.mktemp("astana")
    render_case(CASES / "astana-world-city", out, html=True)
    return out


def test_fan_matrix_of_twelve_actors_fits_the_page(astana: Path) -> None:
    case = load_case(CASES / "astana-world-city")
    assert len(case.actors()) >= 12
    right_edge = A4[0] - 22 * 72 / 25.4 + 6  # the right margin (22 mm), less a little for overhanging glyphs
    spill = [(p, w, x1) for p, _, x1, w in words(astana / "case.pdf") if x1 > right_edge]
    assert spill == []
    body = text(astana / "case.pdf")
    table = body[body.index("Table 1. Fan matrix"):body.index("8. Final list of actors")]
    for i, actor in enumerate(fan_matrix(case, 'en')[0], 1):
        assert f"{i}. {case.public_name(actor)}" in table
    assert "Key: comp. — competition;" in table and "coop. — cooperation;" in table and "info. — information;" in table
    html = (astana / "case.html").read_text()
    assert re.search(r'class="fan-matrix[a-z ]* coded"', html)
    cells = re.findall(r"<td(?: class=\"diag\")?>([^<]*)</td>", html[html.index("fan-matrix"):html.index("fan-legend")])
    assert len(cells) == 12 * 12 and max(len(c) for c in cells) <= len("coop., info.")
