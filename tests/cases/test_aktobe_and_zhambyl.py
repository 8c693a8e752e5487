"""The disguised Russian case (Aktobe) and the Kazakh case (Zhambyl), pinned as fixtures.

Aktobe is disguised with stock surnames (a real name anywhere is an
alias-leak) and chooses a solution that is not the best scored, explained in
choice_reason. Zhambyl is written in Kazakh with positions instead of names;
its chosen solution combines cooperation with dissolution and is the best
scored. Both are full cases whose guidelines an instructor can teach from.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from keykis.method import method
from keykis.model import load_case
from tests.cases.helpers import copy_case, rules, words
from tests.helpers import CASES, check_json
from tests.rendered import Rendered

AKTOBE = CASES / "aktobe-akimat-communication"
ZHAMBYL = CASES / "zhambyl-public-consent"
BOTH = [AKTOBE, ZHAMBYL]
KAZAKH_LETTERS = set("әғқңөұүі")


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@pytest.mark.parametrize(("folder", "lang"), [(AKTOBE, "en"), (AKTOBE, "ru"), (ZHAMBYL, "en"), (ZHAMBYL, "kk")],
                         ids=["aktobe-en", "aktobe-ru", "zhambyl-en", "zhambyl-kk"])
def test_no_errors_and_no_warnings(folder: Path, lang: str) -> None:
    loud = [f for f in check_json(folder, lang=lang) if f["severity"] in ("error", "warning")]
    assert loud == []


@pytest.mark.parametrize("folder", BOTH, ids=lambda p: p.name)
def test_complete_in_three_languages_with_every_reflection(folder: Path) -> None:
    d = load_case(folder).data
    assert (d["meta"]["status"], d["meta"]["source_type"], d["meta"]["size"]) == ("complete", "published", "case")
    assert (folder / "case.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schemas/case.schema.json\n")
    assert set(d["titles"]) == {"ru", "kk", "en"} - {d["language"]}
    for lang in ("ru", "kk", "en"):
        final, draft = d["abstract"][lang]["final"], d["abstract"][lang]["draft"]
        assert final.strip() and draft.strip() and final != draft, lang
        assert len(d["keywords"][lang]) >= 5, lang
    for step in method().steps:
        assert step.id in d["narrative"] or step.id in ("keywords", "abstract", "theory"), step.id
        for q in step.reflection:
            assert d["reflection"][step.id][q]["done"] is True, (step.id, q)


@pytest.mark.parametrize("folder", BOTH, ids=lambda p: p.name)
def test_guidelines_are_teachable(folder: Path) -> None:
    g = load_case(folder).data["guidelines"]
    assert words(g) >= 2000
    session = g["session"]
    assert 80 <= session["length"] <= 90
    assert sum(block["minutes"] for block in session["plan"]) == session["length"]
    objectives = {o["id"] for part in ("main", "auxiliary") for o in g["objectives"][part]}
    assert len(g["questions"]) >= 6
    for q in g["questions"]:
        assert words(q["expected"]) >= 60, q["id"]
        assert set(q["objectives"]) <= objectives and q["objectives"], q["id"]
    linked = {o for q in g["questions"] for o in q["objectives"]}
    assert linked == objectives
    for key in ("synopsis", "audience", "readings", "board_plan", "strategies", "assignments",
                "processing", "summing_up", "recommendations", "implementation", "epilogue"):
        assert g[key], key


def test_references_cite_the_seed_articles() -> None:
    aktobe = " ".join(r["text"] for r in load_case(AKTOBE).data["references"])
    assert "Құрымбай" in aktobe and "Қоғам & Дәуір" in aktobe and "2021" in aktobe
    zhambyl = " ".join(r["text"] for r in load_case(ZHAMBYL).data["references"])
    assert "AP14972677" in zhambyl and "№ 4 (91)" in zhambyl and "2024" in zhambyl


def test_aktobe_is_disguised_and_each_real_name_is_caught() -> None:
    case = load_case(AKTOBE)
    assert case.disguised
    people = [a for a in case.actors().values() if a.kind == "person"]
    assert people and all(a.alias for a in people)
    assert {a.alias for a in people} >= {"Иванов", "Петрова", "Сидоров"}
    assert "alias-leak" not in rules(case)
    for actor in people:
        leaky = copy_case(case)
        surname = actor.name.split()[-1]
        dative = surname[:-1] + "ой" if surname.endswith("а") else surname + "у"   # Сейткалиевой, Жаксыбекову
        leaky.data["guidelines"]["epilogue"] += f" {dative} позвонили из акимата."
        assert any(f"'{actor.id}'" in m for m in rules(leaky)["alias-leak"]), actor.id


def test_aktobe_choice_is_explained_against_a_better_score() -> None:
    case = load_case(AKTOBE)
    assert case.chosen("solutions")["id"] == "s1"
    assert case.chosen("solutions")["strategy"] == ["cooperation", "rivalry"]
    assert "decision-not-best" not in rules(case)
    bare = copy_case(case)
    del bare.data["decision"]["choice_reason"]
    assert rules(bare)["decision-not-best"] == [
        "the chosen solution 's1' scores 7 but 's4' scores 8; explain the choice in 'Why this solution' (step 20)"]


def test_zhambyl_is_kazakh_and_chooses_the_best_combined_solution() -> None:
    case = load_case(ZHAMBYL)
    assert case.language == "kk" and not case.disguised
    body = " ".join(case.data["narrative"].values()).lower()
    assert KAZAKH_LETTERS <= set(body)
    assert not any(a.alias for a in case.actors().values())
    chosen = case.chosen("solutions")
    assert chosen["id"] == "s3" and chosen["strategy"] == ["cooperation", "dissolution"]
    totals = {sid: sum(c["score"] for c in row.values()) for sid, row in case.data["decision"]["scores"].items()}
    assert max(totals, key=totals.__getitem__) == "s3"
    assert "choice_reason" not in case.data["decision"]


def test_zhambyl_kazakh_impersonal_subject_is_flagged() -> None:
    case = load_case(ZHAMBYL)
    assert "impersonal-subject" not in rules(case)
    bad = copy_case(case)
    bad.data["narrative"]["focus_task"] += " Аудандық әкімдік курсты жабу туралы шешім қабылдады."
    assert any("әкімдік курсты жабу туралы шешім қабылдады" in m for m in rules(bad)["impersonal-subject"])
    solved = copy_case(case)  # «шешу» with a task as its object is solving, not deciding
    solved.data["narrative"]["focus_task"] += " Аудандық әкімдік бұл міндетті өзі шешті."
    assert "impersonal-subject" not in rules(solved)


def test_graphs_fit_the_limits() -> None:
    limits = method().limits
    for folder in BOTH:
        case = load_case(folder)
        assert len(case.characters()) <= limits["graph_max_actors"]
        assert len(case.relations()) <= limits["graph_max_relations"]
        assert set(case.characters()) == {r.source for r in case.relations()} | {r.target for r in case.relations()}


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "low", "high"), [(AKTOBE, 14, 20), (ZHAMBYL, 14, 20)],
                         ids=["aktobe", "zhambyl"])
def test_rendered_editions(folder: Path, low: int, high: int, rendered: Rendered) -> None:
    tmp_path, result = rendered(folder)
    assert low <= result.pages["case.pdf"] <= high
    assert result.pages["guidelines.pdf"] >= 5
    student, teacher = _pdf_text(tmp_path / "handout.pdf"), _pdf_text(tmp_path / "guidelines.pdf")
    case = load_case(folder)
    epilogue = " ".join(case.data["guidelines"]["epilogue"].split())
    assert epilogue[:40] not in student and epilogue[:40] in teacher
    assert " ".join(case.title.split())[:40] in student
    for actor in case.actors().values():
        if actor.alias:
            for text in (student, teacher):
                assert actor.name not in text and actor.name.split()[-1] not in text
            assert actor.alias in student
