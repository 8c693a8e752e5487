"""The relations key printed as lists side by side: every relation once, in order, the columns about as high."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from keykis.gate import require_case
from keykis.model import load_case
from keykis.render import render_case
from keykis.render.disguise import public_case
from keykis.render.graph_dot import KEY_CHARS, concept_layout, key_columns, relation_legend
from keykis.vocabulary import say
from tests.helpers import ROOT

CASES = ROOT / "cases"


def _height(row: tuple[int, str, str, str, str]) -> int:
    return -(-len(" ".join(map(str, row))) // KEY_CHARS)


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_runs_keep_every_relation_in_order_and_balance_the_lines(columns: int) -> None:
    rows = [(n, "Акимат района" * (n % 4 + 1), "Жители сёл", "информирование", "жалобы" * (n % 3)) for n in range(1, 18)]
    runs = key_columns(rows, columns)
    assert [row for run in runs for row in run] == rows
    assert 1 <= len(runs) <= columns
    heights = [sum(_height(r) for r in run) for run in runs]
    # no cut could do better than moving one relation between neighbours
    assert max(heights) - min(heights) <= max(_height(r) for r in rows) or len(runs) < columns


def test_a_short_key_stays_one_list() -> None:
    row = (1, "Сидоров", "Иванов", "контроль", "")
    assert key_columns([row], 2) == [[row]]
    assert key_columns([], 2) == []


@pytest.mark.slow
def test_the_printed_key_lists_every_numbered_relation_once(tmp_path: Path) -> None:
    """Almaty's figure in the research edition numbers its relations in a key: under the key's head each number is
    printed once, in two columns side by side."""
    case = public_case(require_case(load_case(CASES / "almaty-city-diplomacy")))
    key = relation_legend(case, case.language, concept_layout(case, case.language).figure_limit)
    assert len(key) > 4
    render_case(CASES / "almaty-city-diplomacy", tmp_path, editions=("research",))
    head = say("edition.relations_key", case.language).split()[0]
    with pdfplumber.open(tmp_path / "case.pdf") as pdf:
        page = next(p for p in pdf.pages if any(w["text"] == head for w in p.extract_words()))
        top = next(w for w in page.extract_words() if w["text"] == head)["bottom"]
        words = page.within_bbox((0, top, page.width, page.height - 60)).extract_words()
    numbers = [w for w in words if w["text"] in {str(row[0]) for row in key}]
    assert sorted(int(w["text"]) for w in numbers) == [row[0] for row in key]
    assert len({round(w["x0"]) for w in numbers}) == 2  # two columns, each number at its column's edge
