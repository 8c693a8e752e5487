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


def test_an_exhibit_that_details_the_chosen_solution_is_a_spoiler() -> None:
    """Exhibits print in the student edition: a schedule of the chosen club belongs to the teaching note."""
    case = load_case(CASES / "zhambyl-public-consent")
    assert "student-spoiler" not in _rules(case)
    data = copy.deepcopy(case.data)
    chosen = case.chosen("solutions")
    assert chosen
    data["appendices"].append({"id": "a9", "title": "Кесте", "body": " ".join(str(chosen["text"]).split()[:9]),
                               "source": "Авторлар."})
    found = [f for f in check_case(Case(data, path=case.path)) if f.rule == "student-spoiler"]
    assert found and found[0].at.startswith("appendices")


def _found(case: Case, rule: str) -> list[str]:
    return [f.message for f in check_case(case) if f.rule == rule]


def test_an_exhibit_names_its_source_and_the_text_cites_it() -> None:
    case = load_case(CASES / "astana-world-city")
    assert not _found(case, "exhibit-source") and not _found(case, "exhibit-uncited")
    data = copy.deepcopy(case.data)
    del data["appendices"][1]["source"]
    data["narrative"]["external_activity"] = data["narrative"]["external_activity"].replace("[app_figures]", "the table")
    broken = Case(data, path=case.path)
    assert len(_found(broken, "exhibit-source")) == 1 and len(_found(broken, "exhibit-uncited")) == 1
    assert "[app_figures]" in _found(broken, "exhibit-uncited")[0]


def test_an_exhibit_cited_only_from_itself_is_not_cited() -> None:
    case = load_case(CASES / "zhambyl-public-consent")
    data = copy.deepcopy(case.data)
    data["narrative"]["external"] = data["narrative"]["external"].replace("[a1]", "")
    data["appendices"][0]["body"] += "\n\nҚараңыз: [a1]."
    assert len(_found(Case(data, path=case.path), "exhibit-uncited")) == 1


def test_a_citation_of_an_appendix_resolves_and_an_unknown_one_is_a_finding() -> None:
    case = load_case(CASES / "almaty-city-diplomacy")
    assert not _found(case, "unresolved-citation")
    data = copy.deepcopy(case.data)
    data["narrative"]["internal"] += "\n\nСм. [app-registri]."
    found = _found(Case(data, path=case.path), "unresolved-citation")
    assert len(found) == 1 and "[app-registri]" in found[0] and "app-registry" in found[0]
