"""Faults case authors found in the bundled cases' PDFs, pinned by what the pages say."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from keykis.check.rules import decision
from keykis.graph import fan_matrix
from keykis.model import Case, find_cases, load_case
from keykis.render import render_case
from keykis.render.graph_dot import GRAPH_BOXES, MM, STRETCH_BEYOND, concept_layout, svg_size
from keykis.render.markup import cite, markdown, plain
from keykis.vocabulary import say
from tests.helpers import CASES, EXAMPLE
from tests.render.pdfread import A4, text, words
from tests.rendered import Rendered

pytestmark = pytest.mark.slow
BUNDLED = find_cases([CASES])


@pytest.mark.parametrize("case_file", BUNDLED, ids=lambda p: p.parent.name)
def test_graph_is_one_page_and_fills_it(case_file: Path, tmp_path: Path) -> None:
    result = render_case(case_file, tmp_path, editions=())
    assert result.pages == {"graph.pdf": 1}
    body = text(tmp_path / "graph.pdf")
    case = load_case(case_file)
    assert " ".join(case.title.split()[-3:]) in body
    assert say("edition.figure", case.language) + " 1." in body
    layout = concept_layout(case, case.language)
    width, height = svg_size(layout.svg)
    box_w, box_h = GRAPH_BOXES[layout.landscape][0], layout.box_mm * MM
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
def astana(rendered: Rendered) -> Path:
    """The twelve-actor Astana case, both editions, HTML kept (read-only)."""
    return rendered(CASES / "astana-world-city")[0]


def test_fan_matrix_of_twelve_actors_fits_the_page(astana: Path) -> None:
    case = load_case(CASES / "astana-world-city")
    assert len(case.actors()) >= 12
    right_edge = A4[0] - 22 * 72 / 25.4 + 6  # the right margin (22 mm), less a little for overhanging glyphs
    spill = [(p, w, x1) for p, _, x1, w in words(astana / "case.pdf") if x1 > right_edge]
    assert spill == []
    body = text(astana / "case.pdf")
    start = re.search(r"Table \d+\. Fan matrix", body)
    assert start
    table = body[start.start():body.index("8. Final list of actors")]
    for i, actor in enumerate(fan_matrix(case, 'en')[0], 1):
        assert f"{i}. {case.public_name(actor)}" in table
    assert "Key: comp. — competition;" in table and "coop. — cooperation;" in table and "info. — information;" in table
    html = (astana / "case.html").read_text()
    assert re.search(r'class="fan-matrix[a-z ]* coded"', html)
    cells = re.findall(r"<td(?: class=\"diag\")?>([^<]*)</td>", html[html.index("fan-matrix"):html.index("fan-legend")])
    assert len(cells) == 12 * 12 and max(len(c) for c in cells) <= len("coop., info.")


def _example_with(tmp_path: Path, **changes: object) -> Path:
    """The example case with top-level or ``narrative.*`` values changed, written to its own folder."""
    data = copy.deepcopy(load_case(EXAMPLE).data)
    for key, value in changes.items():
        if key.startswith("narrative_"):
            data["narrative"][key.removeprefix("narrative_")] = value
        elif key.startswith("meta_"):
            data["meta"][key.removeprefix("meta_")] = value
        else:
            data[key] = value
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return folder


TABLE = "Очередь по дням:\n\n| День | Ждут, мин | Окон |\n|:--|--:|--:|\n| Понедельник | 42 | 3 |\n| Пятница | 18 | 4 |\n"


def test_markdown_tables_and_citations_print_as_a_reader_expects(tmp_path: Path) -> None:
    refs = [*load_case(EXAMPLE).data["references"], {"id": "gov-2024", "text": "Отчёт акимата за 2024 год."}]
    folder = _example_with(
        tmp_path, references=refs,
        narrative_calibration=TABLE + "\nПо отчёту [gov-2024] и методу [keykis; gov-2024]; пометка [x1, x2] и [нет-такого].",
    )
    render_case(folder, tmp_path / "out", editions=("research",), html=True)
    body = text(tmp_path / "out" / "case.pdf")
    assert "Понедельник 42 3" in body and "Пятница 18 4" in body
    assert "|" not in body.split("Очередь по дням")[1][:300]
    assert "По отчёту [2] и методу [1; 2]; пометка [x1, x2] и [нет-такого]." in body
    assert "[gov-2024]" not in body and "[keykis" not in body
    refs_part = body[body.rindex("Литература"):]
    assert refs_part.index("Алгоритм КЕЙКИС") < refs_part.index("Отчёт акимата за 2024 год")
    html = (tmp_path / "out" / "case.html").read_text()
    assert '<td style="text-align:right">42</td>' in html and "<th" in html
    assert 'class="fan-matrix' in html  # the edition's own tables keep their classes


def test_table_markdown_stays_safe() -> None:
    html = markdown("| a | b |\n|---|---|\n| <script>x</script> | [f](file:///etc/passwd) |")
    assert "<table>" in html and "&lt;script&gt;" in html and 'href="file' not in html
    assert cite("[a] [b] [a](https://e.org) \\[a]", {"a": 1}) == "\\[1\\] [b] [a](https://e.org) \\[a]"


def test_prose_of_the_first_three_steps_opens_the_student_edition(astana: Path) -> None:
    narrative = load_case(CASES / "astana-world-city").data["narrative"]
    body = text(astana / "case.pdf")
    intro = body.index("Introduction Three questions competed for the title.")
    theory = body.index("1. Theory (instrumental part)")
    assert body.index("Contents") < intro < theory
    between = body[intro:theory]
    for step in ("title", "abstract", "keywords"):
        first_words = " ".join(plain(narrative[step]).split()[:6])
        assert first_words in between, step
    assert "Introduction" not in text(astana / "guidelines.pdf")


def test_no_introduction_without_that_prose(example_render: tuple[Path, object]) -> None:
    assert "Введение" not in text(example_render[0] / "case.pdf")


def test_decision_table_lists_only_the_weighed_solutions(tmp_path: Path) -> None:
    case = load_case(CASES / "almaty-city-diplomacy")
    others = [s for s in case.items("solutions") if s.get("task") != case.chosen("tasks")["id"]]
    assert others, "the Almaty case has solutions of other tasks"
    render_case(case, tmp_path, editions=("teacher",), html=True)
    body = text(tmp_path / "guidelines.pdf")
    caption = say("edition.decision_caption", "ru")
    table = " ".join(body[body.index(caption):body.index("Фокус на одном решении", body.index(caption))].split())
    html = (tmp_path / "guidelines.html").read_text()
    rows = re.findall(r'<tr class="(?:chosen)?"><th><span class="tag">(Решение \d+)</span>',
                      html[html.index('<table class="decision">'):])
    codes = {str(s["id"]): f"Решение {i}" for i, s in enumerate(case.items("solutions"), 1)}
    weighed = [codes[str(s["id"])] for s in case.items("solutions") if s not in others]
    assert rows == weighed
    for s in case.items("solutions"):
        assert bool(re.search(re.escape(codes[str(s["id"])]) + r"(?!\d)", table)) == (s not in others), s["id"]
    totals = {codes[s]: decision.total(row) for s, row in decision.scores(case).items()}
    shown = re.findall(r'<td class="num score">([^<]*)</td>', html[html.index('<table class="decision">'):])
    assert shown == [f"{totals[s]:+d}".replace("-", "\u2212") if totals[s] else "0" for s in weighed]
    assert "+7" in table and "+6" in table


@pytest.mark.parametrize("size", ["mini", "case"])
def test_contents_list_only_outside_mini_cases(size: str, tmp_path: Path) -> None:
    data = copy.deepcopy(load_case(CASES / "civil-service-recruitment").data)
    assert data["meta"]["size"] == "mini"
    data["meta"]["size"] = size
    case = Case(data, path=CASES / "civil-service-recruitment" / "case.yaml")
    render_case(case, tmp_path, editions=("research",))
    body = text(tmp_path / "case.pdf")
    contents = say("edition.contents", case.language)
    assert (f"{contents} " in body) == (size == "case")
    assert "Поле проблем" in body
