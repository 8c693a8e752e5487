"""The full Russian case on Almaty's city diplomacy, pinned as a fixture.

The case is the starter database's full-size case (15-25 pages): it chooses a
solution that is not the best scored and explains why (decision-not-best is
silenced only by choice_reason), it is disguised (stock surnames; a real name
anywhere is an alias-leak), it combines strategies, and its guidelines are long
enough to teach from.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from keykis.method import method
from keykis.model import load_case
from tests.cases.helpers import copy_case, rules, words
from tests.helpers import CASES, check_json
from tests.rendered import Rendered

ALMATY = CASES / "almaty-city-diplomacy"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_errors_and_no_warnings(lang: str) -> None:
    loud = [f for f in check_json(ALMATY, lang=lang) if f["severity"] in ("error", "warning")]
    assert loud == []


def test_complete_in_three_languages_and_every_step() -> None:
    case = load_case(ALMATY)
    d = case.data
    assert (d["language"], d["meta"]["size"], d["meta"]["status"]) == ("ru", "case", "complete")
    assert set(d["titles"]) == {"kk", "en"}
    for lang in ("ru", "kk", "en"):
        final, draft = d["abstract"][lang]["final"], d["abstract"][lang]["draft"]
        assert final != draft and words(final) > 2 * words(draft), lang
        assert "Алматы" in " ".join(d["keywords"][lang]) or "Almaty" in d["keywords"][lang]
    for step in method().steps:
        assert all(d["reflection"][step.id][q]["done"] is True for q in step.reflection), step.id
    assert (
        (ALMATY / "case.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../../schemas/case.schema.json\n")
    )


def test_problems_are_owned_by_people_and_short() -> None:
    case = load_case(ALMATY)
    actors = case.actors()
    limit = method().limits["problem_max_words"]
    for p in case.items("problems"):
        assert actors[p["owner"]].kind in ("person", "group")
        assert len(re.findall(r"[\w’'-]+", p["text"])) <= limit, p["id"]
    chosen = case.chosen("problems")
    assert chosen["owner"] == case.main_actor == "asanova"
    assert chosen["contradiction"]["between"] == ["time", "activity"]


def test_choice_is_explained_against_a_better_score() -> None:
    case = load_case(ALMATY)
    assert case.chosen("solutions")["id"] == "s1"
    assert "decision-not-best" not in rules(case)
    bare = copy_case(case)
    del bare.data["decision"]["choice_reason"]
    assert rules(bare)["decision-not-best"] == [
        "the chosen solution 's1' scores 6 but 's3' scores 7; explain the choice in 'Why this solution' (step 20)"
    ]


def test_strategies_combine_and_the_graph_fits_a_page() -> None:
    case = load_case(ALMATY)
    combos = {tuple(s["strategy"]) for s in case.items("solutions") if len(s["strategy"]) > 1}
    assert combos == {("rivalry", "cooperation"), ("dissolution", "avoidance")}
    limits = method().limits
    assert 10 <= len(case.characters()) <= limits["graph_max_actors"]
    assert len(case.relations()) <= limits["graph_max_relations"]


def test_disguise_holds_and_a_leak_is_caught() -> None:
    case = load_case(ALMATY)
    assert case.disguised
    aliased = {a.id: a for a in case.actors().values() if a.alias}
    assert {a.alias for a in aliased.values()} == {"Асанова", "Ахметов", "Сериков", "Омарова", "Касымов"}
    assert "alias-leak" not in rules(case)
    leaky = copy_case(case)
    leaky.data["guidelines"]["epilogue"] += " " + aliased["serikov"].name + " согласился."
    assert any("Сериков" in m for m in rules(leaky)["alias-leak"])


def test_guidelines_are_teachable() -> None:
    g = load_case(ALMATY).data["guidelines"]
    assert words(g) >= 2000
    assert sum(block["minutes"] for block in g["session"]["plan"]) == g["session"]["length"] == 90
    objectives = {o["id"] for part in g["objectives"].values() for o in part}
    linked = {o for q in g["questions"] for o in q["objectives"]}
    assert len(g["questions"]) >= 6 and linked == objectives
    assert all(words(q["expected"]) >= 60 for q in g["questions"])


def test_references_cite_both_seed_articles() -> None:
    d = load_case(ALMATY).data
    refs = {r["id"]: r for r in d["references"]}
    assert "10.52123/1994-2370-2023-1025" in refs["ismagulov-city"]["text"]
    assert all("Исмагулов" in refs[i]["text"] and "Чукубаев" in refs[i]["text"] for i in ("ismagulov-almaty", "ismagulov-city"))
    cited = set(re.findall(r"\[([a-z][\w-]*)", str(d["narrative"]) + d["theory"] + str(d["appendices"])))
    exhibits = {a["id"] for a in d["appendices"]}
    assert {"ismagulov-almaty", "ismagulov-city", "keykis"} <= cited <= set(refs) | exhibits
    assert exhibits <= cited  # every exhibit is cited from the text


@pytest.mark.slow
def test_rendered_editions(rendered: Rendered) -> None:
    tmp_path, result = rendered(ALMATY)
    assert 15 <= result.pages["case.pdf"] <= 25
    assert result.pages["guidelines.pdf"] >= 5

    def flat(name: str) -> str:
        out = subprocess.run(["pdftotext", str(tmp_path / name), "-"], capture_output=True, text=True, check=True)
        return " ".join(out.stdout.replace("\u00ad", "").split())

    student, teacher = flat("handout.pdf"), flat("guidelines.pdf")
    case = load_case(ALMATY)
    epilogue = " ".join(case.data["guidelines"]["epilogue"].split())
    assert epilogue[:40] not in student and epilogue[:40] in teacher
    assert "Почему Асанова выбирает решение" not in student
    for actor in case.actors().values():
        if actor.alias:
            assert actor.name not in student and actor.name not in teacher
            assert actor.alias in student
