"""Graph labels are text: a character reference in a name reaches Graphviz as typed, never decoded, and a
drawing that would print blank is an error, never a published page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from keykis.model import load_case
from keykis.render.graph_dot import GraphvizError, concept_dot, draw, draw_concept
from tests.helpers import EXAMPLE
from tests.render.pdfread import text

REFERENCES = ["&#x1b;", "&#xD800;", "&#xFFFE;", "&#27;", "&amp;"]


def _case_with_name(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "case"
    folder.mkdir(exist_ok=True)
    source = EXAMPLE.read_text(encoding="utf-8").replace("name: Операторы зала обслуживания",
                                                         f"name: 'Операторы {name} зала'")
    (folder / "case.yaml").write_text(source, encoding="utf-8")
    return folder / "case.yaml"


def _labels(svg: bytes) -> str:
    return " ".join(t.decode() for t in re.findall(rb"<text[^>]*>(.*?)</text>", svg, re.S))


@pytest.mark.parametrize("ref", REFERENCES)
def test_a_reference_in_a_name_is_drawn_as_typed(tmp_path: Path, ref: str) -> None:
    case = load_case(_case_with_name(tmp_path, ref))
    svg, _ = draw_concept(concept_dot(case, "ru"))
    shown = _labels(svg).replace("&amp;", "&")  # the SVG escapes & itself
    assert ref in shown


@pytest.mark.parametrize("char", ["\x1b", "\ufffe", "\x07"])
def test_a_control_or_non_character_in_a_name_is_pictured_not_a_broken_drawing(tmp_path: Path, char: str) -> None:
    case = load_case(_case_with_name(tmp_path, "X"))
    case.data["actors"][1]["name"] = f"Операторы {char} зала"
    svg, _ = draw_concept(concept_dot(case, "ru"))
    assert "Операторы \ufffd" in _labels(svg)


def test_a_drawing_that_would_print_blank_is_an_error() -> None:
    with pytest.raises(GraphvizError, match="blank"):
        draw('digraph G { a [label="&#xFFFE;"]; }')  # DOT written by hand, not through quote()


@pytest.mark.slow
def test_the_graph_page_shows_the_reference(tmp_path: Path) -> None:
    from keykis.render import render_case

    result = render_case(_case_with_name(tmp_path, "&#xFFFE; и &#x1b;"), tmp_path / "out", editions=("student",))
    assert result.pages["graph.pdf"] == 1
    page = " ".join(text(tmp_path / "out" / "graph.pdf").split())
    assert "&#xFFFE;" in page and "&#x1b;" in page
