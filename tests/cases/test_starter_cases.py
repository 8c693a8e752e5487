"""The starter cases written from the seed articles: clean, complete, and each exercising its rules.

These cases are fixtures for the checker, the renderer and the benchmarks, so
the tests pin what each one is for: the English case chooses a solution that is
not the best scored (decision-not-best, silenced only by its choice_reason); the
Russian mini-case is disguised (alias-leak) and uses combined strategies.
"""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path

import pytest

from keykis.method import method
from keykis.model import Case, load_case
from tests.cases.helpers import rules, words
from tests.helpers import CASES, check_json
from tests.rendered import Rendered

ASTANA = CASES / "astana-world-city"
RECRUITMENT = CASES / "civil-service-recruitment"
MINE = [ASTANA, RECRUITMENT]


@pytest.mark.parametrize("folder", MINE, ids=lambda p: p.name)
def test_case_has_no_errors_and_no_warnings(folder: Path) -> None:
    findings = check_json(folder)
    loud = [f for f in findings if f["severity"] in ("error", "warning")]
    assert loud == [], loud


@pytest.mark.parametrize("folder", MINE, ids=lambda p: p.name)
def test_case_is_complete_in_three_languages(folder: Path) -> None:
    case = load_case(folder)
    d = case.data
    assert d["meta"]["status"] == "complete"
    assert d["meta"]["source_type"] == "published"
    for lang in ("ru", "kk", "en"):
        assert d["keywords"][lang], lang
        final, draft = d["abstract"][lang]["final"], d["abstract"][lang]["draft"]
        assert final.strip() and draft.strip() and final != draft, lang
    others = {"ru", "kk", "en"} - {d["language"]}
    assert set(d["titles"]) == others
    assert (folder / "case.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/case.schema.json\n")


@pytest.mark.parametrize("folder", MINE, ids=lambda p: p.name)
def test_every_reflection_question_is_answered(folder: Path) -> None:
    answers = load_case(folder).data["reflection"]
    for step in method().steps:
        for q in step.reflection:
            assert answers[step.id][q]["done"] is True, (step.id, q)


@pytest.mark.parametrize("folder", MINE, ids=lambda p: p.name)
def test_guidelines_are_teachable(folder: Path) -> None:
    g = load_case(folder).data["guidelines"]
    assert words(g) >= 2000
    session = g["session"]
    assert 80 <= session["length"] <= 90
    assert sum(block["minutes"] for block in session["plan"]) == session["length"]
    assert len(g["questions"]) >= 6
    for q in g["questions"]:
        assert words(q["expected"]) >= 60, q["id"]
        assert q["objectives"], q["id"]
    for key in ("synopsis", "audience", "readings", "board_plan", "strategies", "assignments",
                "processing", "summing_up", "recommendations", "implementation", "epilogue"):
        assert g[key], key


@pytest.mark.parametrize("folder", MINE, ids=lambda p: p.name)
def test_references_cite_the_seed_articles(folder: Path) -> None:
    d = load_case(folder).data
    text = " ".join(r["text"] for r in d["references"])
    cited = set(re.findall(r"\[([a-z][\w_]*)(?:;[^\]]*)?\]", str(d.get("narrative")) + str(d.get("theory"))))
    ids = {r["id"] for r in d["references"]}
    exhibits = {a["id"] for a in d.get("appendices") or []}
    assert cited and cited <= ids | exhibits | {"keykis"}
    if folder == ASTANA:
        assert "10.48371/ISMO.2023.51.1.007" in text and "Chukubayev" in text
    else:
        assert "Белялова" in text and "Қоғам & Дәуір" in text


def test_astana_choice_is_explained_against_a_better_score() -> None:
    case = load_case(ASTANA)
    assert case.chosen("solutions")["id"] == "s2"
    assert "decision-not-best" not in rules(case)
    bare = Case(copy.deepcopy(case.data), path=case.path, text=case.text)
    del bare.data["decision"]["choice_reason"]
    messages = rules(bare)["decision-not-best"]
    assert messages == ["the chosen solution 's2' scores 8 but 's3' scores 9; explain the choice in "
                        "'Why this solution' (step 20)"]


def test_astana_uses_combined_strategies_and_fits_one_page() -> None:
    case = load_case(ASTANA)
    combos = {tuple(s["strategy"]) for s in case.items("solutions") if len(s["strategy"]) > 1}
    assert combos == {("cooperation", "rivalry"), ("dissolution", "cooperation")}
    limits = method().limits
    assert len(case.characters()) <= limits["graph_max_actors"]
    assert len(case.relations()) <= limits["graph_max_relations"]


def test_recruitment_is_disguised_and_a_leak_is_caught() -> None:
    case = load_case(RECRUITMENT)
    assert case.data["meta"]["disguise"]["disguised"] is True
    aliased = {a.id: a for a in case.actors().values() if a.alias}
    assert {a.alias for a in aliased.values()} == {"Иванова", "Петров", "Сидоров"}
    assert "alias-leak" not in rules(case)
    leaky = Case(copy.deepcopy(case.data), path=case.path, text=case.text)
    leaky.data["narrative"]["internal"] += " " + aliased["sidorov"].name + " против."
    assert any("Сидоров" in m for m in rules(leaky)["alias-leak"])


def test_recruitment_solutions_combine_strategies() -> None:
    case = load_case(RECRUITMENT)
    chosen = case.chosen("solutions")
    assert chosen["strategy"] == ["dissolution", "avoidance"]
    strategies = {tuple(s["strategy"]) for s in case.items("solutions")}
    assert ("cooperation", "rivalry") in strategies
    assert case.data["meta"]["size"] == "mini"


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "low", "high"), [(ASTANA, 14, 22), (RECRUITMENT, 8, 13)],
                         ids=["astana-world-city", "civil-service-recruitment"])
def test_rendered_editions(folder: Path, low: int, high: int, rendered: Rendered) -> None:
    tmp_path, result = rendered(folder)
    assert low <= result.pages["case.pdf"] <= high
    assert result.pages["guidelines.pdf"] >= 5
    student = subprocess.run(["pdftotext", str(tmp_path / "handout.pdf"), "-"], capture_output=True, text=True,
                             check=True).stdout
    teacher = subprocess.run(["pdftotext", str(tmp_path / "guidelines.pdf"), "-"], capture_output=True,
                             text=True, check=True).stdout
    flat = " ".join(student.split())
    epilogue = " ".join(load_case(folder).data["guidelines"]["epilogue"].split())
    assert epilogue[:40] not in flat
    assert epilogue[:40] in " ".join(teacher.split())
    if folder == RECRUITMENT:
        for actor in load_case(folder).actors().values():
            if actor.alias:
                assert actor.name not in flat and actor.alias in flat
