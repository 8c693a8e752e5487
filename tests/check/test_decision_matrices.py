"""Several decision matrices (step 19): each is checked like the main one."""

from __future__ import annotations

import copy

from keykis.check import check_case
from keykis.model import Case, load_case
from tests.helpers import EXAMPLE


def _with_finance(cells: dict[str, dict[str, dict[str, object]]]) -> Case:
    case = load_case(EXAMPLE)
    data = copy.deepcopy(case.data)
    data["decision"]["matrices"] = [{"id": "finance", "name": "Финансы", "scores": cells}]
    return Case(data, path=case.path, text=case.text)


FULL = {
    "s1": {"g1": {"score": 1, "reason": "Бензин и командировочные."}, "v1": {"score": 1, "reason": "Дёшево."}},
    "s2": {"g1": {"score": 2, "reason": "Почти даром."}, "v1": {"score": 0, "reason": "Нейтрально."}},
    "s3": {"g1": {"score": -2, "reason": "Две ставки."}, "v1": {"score": 0, "reason": "Нейтрально."}},
}


def test_a_complete_second_matrix_is_clean() -> None:
    assert [f for f in check_case(_with_finance(FULL), lang="en") if f.severity != "info"] == []


def test_a_cell_missing_from_the_second_matrix_is_reported_there() -> None:
    cells = copy.deepcopy(FULL)
    del cells["s3"]["v1"]
    found = [f for f in check_case(_with_finance(cells), lang="en") if f.rule == "decision-incomplete"]
    assert len(found) == 1 and found[0].at == "decision.matrices.0.scores" and "'s3'" in found[0].message


def test_an_unknown_solution_in_the_second_matrix_is_unresolved() -> None:
    cells = copy.deepcopy(FULL)
    cells["s9"] = {"g1": {"score": 1, "reason": "?"}}
    found = [f for f in check_case(_with_finance(cells), lang="en") if f.rule == "unresolved-id"]
    assert [f.at for f in found] == ["decision.matrices.0.scores.s9"]


def test_a_case_whose_only_matrix_is_a_named_one_has_step_19() -> None:
    case = _with_finance(FULL)
    del case.data["decision"]["scores"]
    assert "step-missing" not in {f.rule for f in check_case(case, lang="en")}
