"""Several decision matrices printed in the teacher edition, each with its name and totals."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from keykis.model import Case, load_case
from keykis.render import render_case
from tests.helpers import EXAMPLE
from tests.render.pdfread import text


@pytest.mark.slow
def test_every_decision_matrix_is_printed_with_its_name(tmp_path: Path) -> None:
    case = load_case(EXAMPLE)
    data = copy.deepcopy(case.data)
    data["decision"]["matrices"] = [{"id": "finance", "name": "Финансовая матрица", "scores": {
        "s1": {"g1": {"score": 1, "reason": "Бензин и командировочные."}, "v1": {"score": 1, "reason": "Дёшево."}},
        "s2": {"g1": {"score": 2, "reason": "Почти даром."}, "v1": {"score": 1, "reason": "Без поездок."}},
        "s3": {"g1": {"score": -2, "reason": "Две новые ставки."}, "v1": {"score": 0, "reason": "Нейтрально."}},
    }}]
    render_case(Case(data, path=case.path, text=case.text), tmp_path, editions=("teacher",))
    body = text(tmp_path / "guidelines.pdf")
    assert "Финансовая матрица" in body and "Две новые ставки." in body
    assert "+3" in body          # s2 totals 2 + 1 in the finance matrix
    assert "+4" in body          # s1 still totals 2 + 2 in the main matrix
