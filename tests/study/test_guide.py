"""The student guide's examples are worksheets the checker accepts."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from keykis.model import Case
from keykis.study.checks import check_worksheet
from keykis.study.worksheet import parse_worksheet

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "student-guide.md"


def _blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def test_every_yaml_example_of_the_guide_parses() -> None:
    assert _blocks()
    for block in _blocks():
        yaml.safe_load(block)


def test_the_guides_worksheet_has_no_error_and_no_warning(case: Case) -> None:
    [sheet] = [b for b in _blocks() if b.startswith("keykis: 1")]
    findings = check_worksheet(parse_worksheet(sheet), case, lang="ru")
    assert [(f.rule, f.message) for f in findings if f.severity != "info"] == []


EXAMPLE = Path(__file__).resolve().parents[2] / "schemas" / "study-example.yaml"


def test_the_guide_prints_the_worked_example_the_review_compares_with() -> None:
    [sheet] = [b for b in _blocks() if b.startswith("keykis: 1")]
    assert sheet == EXAMPLE.read_text(encoding="utf-8")


def test_the_worked_example_gives_none_of_the_author_s_answers_away(case: Case) -> None:
    from rapidfuzz import fuzz

    view = parse_worksheet(EXAMPLE.read_text(encoding="utf-8")).as_case(case)
    for f in ("problems", "tasks", "solutions"):
        mine, theirs = view.chosen(f), case.chosen(f)
        assert mine and theirs
        assert fuzz.token_set_ratio(str(mine["text"]).lower(), str(theirs["text"]).lower()) < 60, f
        # nor is the author's choice anywhere in the example's fans
        assert all(fuzz.token_set_ratio(str(i["text"]).lower(), str(theirs["text"]).lower()) < 60
                   for i in view.items(f)), f
    assert view.chosen("problems")["owner"] != case.chosen("problems")["owner"]


def test_a_copy_of_the_example_or_of_the_author_s_answer_is_flagged_and_not_clean(case: Case, tmp_path: Path) -> None:
    from keykis.study.review import review_class

    example = EXAMPLE.read_text(encoding="utf-8")
    copy = tmp_path / "copy.yaml"
    copy.write_text(example.replace("Айгерим Нурланова", "Дана Серикова"), encoding="utf-8")
    data = yaml.safe_load(example)
    data["matrix"] = {f: case.field(f) for f in ("problems", "tasks", "solutions")}
    data["decision"] = case.data["decision"]
    data["worksheet"]["students"] = [{"name": "Руслан Ким", "id": "22002"}]
    answer = tmp_path / "answer.yaml"
    answer.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    review = review_class(case, [copy, answer], lang="ru")
    like = {Path(e.file).name: [x["source"] for x in e.like] for e in review.counted}
    assert like == {"copy.yaml": ["example"], "answer.yaml": ["author"]}
    assert review.clean == []
