"""A generated class of 24 worksheets: the review's figures match what was generated."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from keykis.cli import main
from keykis.model import Case
from keykis.study.review import review_class
from tests.study.classgen import AUTHOR_TASK, Spec

CHARACTERS = ["ivanov", "operators", "petrov", "sidorov", "villagers", "kuznetsova"]


def _expected(specs: list[Spec]) -> dict[str, Counter[str]]:
    counted = [s for s in specs if s.counted]
    return {
        "problems": Counter(s.owner for s in counted),
        "tasks": Counter("t1" if s.task == AUTHOR_TASK else "own" for s in counted),
        "strategies": Counter(st for s in counted if s.kind != "errors" for st in s.strategy),
        "targets": Counter(t for s in counted for t in s.targets),
        "left_out": Counter({a: sum(a not in s.field_owners for s in counted) for a in CHARACTERS}),
        "g1": Counter(str(s.g1) for s in counted if s.kind != "broken-schema"),  # 7 is out of range
    }


def _counts(rows: list[dict[str, object]]) -> Counter[str]:
    return Counter({str(r["id"]): int(r["count"]) for r in rows if r["count"]})  # type: ignore[call-overload]


def test_review_figures_match_the_generated_class(case: Case, specs: list[Spec], class_files: list[Path]) -> None:
    assert len(class_files) >= 20
    data = review_class(case, class_files, lang="en").as_dict()
    want = _expected(specs)
    summary = {k: v for k, v in data["summary"].items() if k in ("worksheets", "counted", "skipped", "with_errors")}
    assert summary == {"worksheets": 24, "counted": 19, "skipped": 5, "with_errors": 3}
    for key in ("problems", "tasks", "strategies", "targets"):
        assert _counts(data[key]) == want[key], key
    assert {r["id"]: r["count"] for r in data["left_out"]} == dict(want["left_out"])
    g1 = next(r for r in data["scores"] if r["id"] == "g1")
    assert Counter({k: v for k, v in g1["counts"].items() if v}) == want["g1"]
    assert g1["author"] == 2
    # the author's choices are marked
    assert [r["id"] for r in data["problems"] if r["author"]] == ["ivanov"]
    assert {r["id"] for r in data["targets"] if r["author"]} == {"sidorov", "villagers"}
    skipped = {Path(e["file"]).name: e["reason"] for e in data["skipped"]}
    assert skipped == {"19.yaml": "broken", "21.yaml": "wrong-case",
                       "22.yaml": "wrong-case", "23.yaml": "other-revision", "24.yaml": "other-revision"}
    # a slip in the schema (a score of 7) is counted with errors, not dropped
    assert {Path(e["file"]).name for e in data["with_errors"]} == {"17.yaml", "18.yaml", "20.yaml"}
    assert {"problem-too-long", "solution-strategy"} <= set(data["with_errors"][0]["rules"])
    team = next(e for e in data["counted"] if e["label"] == "Команда «Север»")
    assert team["students"] == ["Алия Касымова", "Данияр Беков", "Ержан Оспанов"]


def test_other_revisions_can_be_let_in(case: Case, class_files: list[Path]) -> None:
    data = review_class(case, class_files, include_other_revisions=True).as_dict()
    assert data["summary"]["counted"] == 21
    assert {e["reason"] for e in data["skipped"]} == {"broken", "wrong-case"}


@pytest.mark.slow
def test_review_command_writes_json_and_a_readable_pdf(
        case: Case, specs: list[Spec], class_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = main(["review", str(case.path), str(class_files[0].parent), "-o", str(out), "--lang", "ru"])
    assert code == 1  # some worksheets were skipped or have errors
    assert "листов: 24; в разборе: 19, пропущено: 5, с ошибками: 3" in capsys.readouterr().out
    data = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert data["summary"]["counted"] == 19
    text = subprocess.run(["pdftotext", "-layout", str(out / "review.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "РАЗБОР РАБОТ ГРУППЫ" in text  # the kind line is set in capitals
    assert "Файлов получено" in text and " 24" in text
    assert "лист для другого кейса" in text and "21.yaml" in text
    assert "лист для другой редакции кейса" in text
    assert "Команда «Север»" in text or "Студент 17" in text
    # chart labels are text in the PDF, and the counts are in the tables
    assert "сотрудничество" in text and "Жители дальних сёл" in text
    row = next(line for line in text.splitlines() if "★ Иванов" in line)
    assert row.split()[-1] == str(sum(s.owner == "ivanov" for s in specs if s.counted))
    # the counts are drawn as bars in their tables: filled rectangles, no image, the longest bar the author's
    import pdfplumber

    with pdfplumber.open(out / "review.pdf") as pdf:
        assert not any(page.images for page in pdf.pages)
        dark = [r for page in pdf.pages for r in page.rects
                if r.get("non_stroking_color") and [round(c, 2) for c in r["non_stroking_color"][:3]] == [0.12, 0.31, 0.47]]
    assert len(dark) >= 5, "the author's bars are drawn in the accent colour"


def test_review_without_any_worksheet_is_a_one_line_error(case: Case, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["review", str(case.path), str(empty)]) == 2
    assert capsys.readouterr().err.strip().endswith("no worksheet files (*.yaml) found")


def test_a_value_of_the_wrong_type_is_a_finding_and_the_rest_is_still_reviewed(case: Case, tmp_path: Path) -> None:
    """A score written "+2" or a list where a mapping belongs: counted with errors, its chain kept, never skipped."""
    guide = (Path(__file__).resolve().parents[2] / "docs" / "student-guide.md").read_text(encoding="utf-8")
    good = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    quoted = tmp_path / "quoted.yaml"
    quoted.write_text(good.replace("score: 2\n        reason: Заявления", 'score: "+2"\n        reason: Заявления'),
                      encoding="utf-8")
    listed = tmp_path / "listed.yaml"
    listed.write_text(good.replace("Айгерим Нурланова", "Данияр Беков").replace('"21001"', '"21002"').replace(
        "    s2:\n      g1:\n        score: 1", "    s2:\n      - 1\n      - 0\n    s9:\n      g1:\n        score: 1"),
        encoding="utf-8")
    review = review_class(case, [quoted, listed], lang="ru")
    assert not review.skipped
    by_file = {Path(e.file).name: e for e in review.counted}
    assert by_file["quoted.yaml"].status == "errors" and "schema" in by_file["quoted.yaml"].rules
    assert by_file["quoted.yaml"].students == ["Айгерим Нурланова"]
    assert by_file["quoted.yaml"].chain["solution"] == "s1"
    assert by_file["listed.yaml"].status == "errors" and by_file["listed.yaml"].students == ["Данияр Беков"]
    messages = [f["message"] for f in by_file["quoted.yaml"].findings]
    assert any("целое число" in m for m in messages), messages
