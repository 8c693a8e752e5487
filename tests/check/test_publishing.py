"""What students read does not give the answer away (rule student-spoiler)."""

from __future__ import annotations

import copy

from keykis.check.engine import check_case
from keykis.model import Case, load_case
from tests.helpers import CASES


def _rules(case: Case) -> list[str]:
    return [f.rule for f in check_case(case)]


def test_the_teacher_abstract_may_name_the_choice_the_student_abstract_may_not() -> None:
    case = load_case(CASES / "astana-world-city")
    assert "student-spoiler" not in _rules(case)
    data = copy.deepcopy(case.data)
    data["abstract"]["en"]["final"] = data["abstract"]["en"]["teacher"]
    assert "student-spoiler" in _rules(Case(data, path=case.path))


def test_four_words_of_the_chosen_solution_in_a_row_name_it() -> None:
    case = load_case(CASES / "ozerny-service-centre")
    data = copy.deepcopy(case.data)
    chosen = case.chosen("solutions")
    assert chosen
    data["keywords"]["ru"].append(str(chosen["text"]).split(".")[0])
    found = [f for f in check_case(Case(data, path=case.path)) if f.rule == "student-spoiler"]
    assert found and found[0].at.startswith("keywords")
