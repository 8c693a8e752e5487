"""A complete case opens on the decision and closes on it (rule opening-closing), in every language."""

from __future__ import annotations

import copy

import pytest

from keykis.check.engine import check_case
from keykis.model import Case, load_case
from tests.helpers import CASES, EXAMPLE


def _without(case: Case, *keys: str, status: str = "complete") -> Case:
    data = copy.deepcopy(case.data)
    for key in keys:
        data.pop(key, None)
    data["meta"]["status"] = status
    return Case(data, path=case.path)


def _found(case: Case, lang: str = "en") -> list:  # type: ignore[type-arg]
    return [f for f in check_case(case, lang=lang) if f.rule == "opening-closing"]


@pytest.fixture(scope="module")
def example() -> Case:
    return load_case(EXAMPLE.parent)


def test_every_bundled_case_opens_and_closes_on_its_decision() -> None:
    for folder in sorted(p for p in CASES.iterdir() if (p / "case.yaml").is_file()):
        case = load_case(folder)
        assert case.complete and _found(case) == [], folder.name
        opening, closing = case.data["opening"], case.data["closing"]
        assert opening["protagonist"] in case.actors(), folder.name
        assert closing["question"].rstrip().endswith("?"), folder.name


def test_a_complete_case_without_them_gets_a_warning_for_each(example: Case) -> None:
    # the article does not ask for an opening scene or a closing question: a warning by default
    found = _found(_without(example, "opening", "closing"))
    assert [(f.severity, f.step) for f in found] == [("warning", 1), ("warning", 22)]
    assert "protagonist" in found[0].message and "decision at stake" in found[0].message
    assert "question left to the class" in found[1].message
    for status in ("published",):
        assert len(_found(_without(example, "opening", status=status))) == 1


def test_a_draft_without_them_gets_nothing(example: Case) -> None:
    for status in ("draft", "review"):
        assert _found(_without(example, "opening", "closing", status=status)) == []


def test_the_message_names_only_what_is_missing_in_the_readers_language(example: Case) -> None:
    data = copy.deepcopy(example.data)
    del data["opening"]["stake"]
    data["closing"]["question"] = "  "
    case = Case(data, path=example.path)
    ru = _found(case, "ru")
    assert [f.at for f in ru] == ["opening", "closing"]
    assert "решение на кону" in ru[0].message and "протагонист" not in ru[0].message
    assert "вопрос, который остаётся группе" in ru[1].message and "заключительный абзац" not in ru[1].message
    kk = _found(case, "kk")
    assert "таразыдағы шешім" in kk[0].message and "жетіспейді" in kk[0].message


def test_the_protagonist_is_an_actor_of_the_case(example: Case) -> None:
    data = copy.deepcopy(example.data)
    data["opening"]["protagonist"] = "nobody"
    found = [f for f in check_case(Case(data, path=example.path)) if f.rule == "unresolved-id"]
    assert [f.at for f in found] == ["opening.protagonist"]


def test_a_closing_that_names_the_chosen_solution_gives_it_away(example: Case) -> None:
    data = copy.deepcopy(example.data)
    chosen = example.chosen("solutions")
    assert chosen
    data["closing"]["text"] += " " + str(chosen["text"])
    found = [f for f in check_case(Case(data, path=example.path)) if f.rule == "student-spoiler"]
    assert [f.at for f in found] == ["closing.text"]


def test_a_publisher_profile_makes_them_errors(example: Case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from keykis.check.config import parse_config

    (tmp_path / "keykis.yaml").write_text("profile: publisher\n", encoding="utf-8")
    config = parse_config(tmp_path / "keykis.yaml")
    found = [f for f in check_case(_without(example, "opening", "closing"), config=config)
             if f.rule == "opening-closing"]
    assert [(f.severity, f.step) for f in found] == [("error", 1), ("error", 22)]


def test_an_unknown_profile_is_refused_with_the_known_ones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from keykis.check.config import parse_config
    from keykis.errors import UserError

    (tmp_path / "keykis.yaml").write_text("profile: journal\n", encoding="utf-8")
    with pytest.raises(UserError, match="publisher"):
        parse_config(tmp_path / "keykis.yaml")
