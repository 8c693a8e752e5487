"""Faults case authors found in the bundled cases' PDFs, pinned by what the pages say."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from keykis.model import Case, find_cases, load_case
from keykis.render import render_case
from keykis.render.graph_dot import GRAPH_BOXES, STRETCH_BEYOND, concept_layout, svg_size
from keykis.render.labels import labels
from tests.helpers import CASES
from tests.render.pdfread import text

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
