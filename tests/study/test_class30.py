"""A class of thirty worksheets written as students write them (tests/study/data/class30).

``expected.yaml`` (written with the worksheets by ``make_class30.py``) says what
each file is; the tests check ``keykis check`` and ``keykis review`` against it,
through the real command line, the real PDF renderer and pdftotext.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from keykis.cli import main
from keykis.model import load_case
from keykis.study.review import review_class

CLASS = Path(__file__).resolve().parent / "data" / "class30"
CASE = Path(__file__).resolve().parents[2] / "cases" / "ozerny-service-centre"
EXPECTED: list[dict[str, Any]] = yaml.safe_load((CLASS / "expected.yaml").read_text(encoding="utf-8"))
FILES = [CLASS / e["file"] for e in EXPECTED]


def _pdf_text(path: Path) -> str:
    """The PDF's text in reading order, whitespace (line breaks in table cells) made single spaces."""
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(raw.split())


def _check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_the_class_is_thirty_eight_worksheets_of_every_kind() -> None:
    assert len(EXPECTED) == 38 and all(f.is_file() for f in FILES)
    statuses = {e["status"] for e in EXPECTED}
    assert statuses == {"clean", "warnings", "errors", "broken", "wrong-case", "other-revision"}
    languages = {yaml.safe_load(f.read_text(encoding="utf-8"))["worksheet"]["language"]
                 for f in FILES if "\t" not in f.read_text(encoding="utf-8")}
    assert languages == {"ru", "kk", "en"}


def test_check_finds_each_slip_in_each_worksheet(capsys: pytest.CaptureFixture[str]) -> None:
    code, findings = _check_json(capsys, "--case", str(CASE), str(CLASS))
    assert code == 1
    by_file: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        by_file.setdefault(Path(f["path"]).name, []).append(f)
    for e in EXPECTED:
        rules = {f["rule"] for f in by_file.get(e["file"], [])}
        errors = {f["rule"] for f in by_file.get(e["file"], []) if f["severity"] == "error"}
        assert set(e["rules"]) <= rules, e["file"]
        if e["status"] in ("clean", "warnings", "other-revision"):
            assert not errors, (e["file"], errors)
        if e["status"] == "clean":
            assert rules <= {"worksheet-actors-left-out"}, (e["file"], rules)
    typo = {f["message"] for f in by_file["23-22010.yaml"] if f["rule"] == "unresolved-id"}
    assert any("did you mean 'ivanov'" in m for m in typo) and any("did you mean 'villagers'" in m for m in typo)
    placeholders = [f for f in by_file["22-22009.yaml"] if f["rule"] == "worksheet-placeholder"]
    assert {"...", "<why>"} <= {f["message"].split("'")[1] for f in placeholders}


@pytest.mark.parametrize("fmt", ["human", "line", "json"])
def test_check_of_one_worksheet_in_every_format_and_exit_code(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", fmt, "--lang", "ru", str(CLASS / "01-21001.yaml")]) == 0
    clean = capsys.readouterr().out
    assert "ошибок: 0" in clean if fmt == "human" else "error" not in clean
    assert main(["check", "--format", fmt, "--lang", "ru", str(CLASS / "21-22008.yaml")]) == 1
    out = capsys.readouterr().out
    assert "worksheet-scores-missing" in out and "матрица решений пуста" in out


def test_check_in_russian_says_may_be_and_the_case_can_be_named(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    lone = tmp_path / "sheet.yaml"
    shutil.copy(CLASS / "23-22010.yaml", lone)
    code, findings = _check_json(capsys, "--lang", "ru", str(lone))
    assert code == 1 and [f["rule"] for f in findings] == ["worksheet-no-case"]
    assert "--case" in findings[0]["message"]
    code, findings = _check_json(capsys, "--lang", "ru", "--case", str(CASE), str(lone))
    assert code == 1 and any("может быть, «ivanov»?" in f["message"] for f in findings)
    assert main(["check", str(tmp_path / "missing.yaml")]) == 2


def test_a_slip_in_the_schema_is_checked_as_far_as_it_can_be_read(capsys: pytest.CaptureFixture[str]) -> None:
    # the guide's old one-line style breaks on a comma in Russian text: one unknown key, the rest still checked
    code, findings = _check_json(capsys, str(CLASS / "17-21011.yaml"))
    assert code == 1
    assert [f["rule"] for f in findings if f["severity"] == "error"] == ["unknown-key"]
    assert "worksheet-actors-left-out" not in {f["rule"] for f in findings}  # the field was read


def _exemplary() -> list[dict[str, Any]]:
    """The clean worksheets that copy nothing: neither another worksheet nor the guide's example."""
    copied = {e["copy_of"] for e in EXPECTED if e["copy_of"]}
    return [e for e in EXPECTED if e["status"] == "clean" and not e["copy_of"] and e["file"] not in copied
            and not e.get("like")]


def test_review_reports_each_worksheet_as_expected() -> None:
    review = review_class(load_case(CASE), FILES, lang="en")
    data = review.as_dict()
    by_file = {Path(e["file"]).name: e for e in data["students"]}
    assert len(by_file) == 38
    for e in EXPECTED:
        got = by_file[e["file"]]
        assert got["status"] == e["status"], e["file"]
        assert got["students"] == e["students"] and got["ids"] == e["ids"] and got["group"] == e["group"], e["file"]
    assert data["summary"] == {"received": 38, "other_groups": 0, "worksheets": 38, "counted": 34, "skipped": 4,
                               "with_errors": 4, "clean": len(_exemplary()),
                               "similar_pairs": 2, "graded": 1, "gradebook_rows": 38, "needs_id": 2,
                               "duplicate_ids": 1}
    pairs = {(Path(p["a"]).name, Path(p["b"]).name, p["similarity"] == 100) for p in data["similar"]}
    copies = {(e["copy_of"], e["file"], not e["near"]) for e in EXPECTED if e["copy_of"]}
    assert pairs == copies
    assert {e["label"] for e in data["clean"]} == {by_file[e["file"]]["label"] for e in _exemplary()}
    like = {Path(e["file"]).name: [x["source"] for x in e["like"]] for e in data["students"] if e["like"]}
    assert like == {e["file"]: [e["like"]] for e in EXPECTED if e.get("like")}
    dist = {row["total"]: row["count"] for row in data["distribution"]}
    assert sum(dist.values()) == sum(e["total"] is not None for e in data["counted"])
    assert [row["author"] for row in data["distribution"]].count(True) == 1


@pytest.mark.slow
def test_review_writes_the_table_the_csv_and_one_feedback_per_student(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, grades, feedback = tmp_path / "review", tmp_path / "grades.csv", tmp_path / "feedback"
    code = main(["review", str(CASE), str(CLASS), "-o", str(out), "--lang", "ru", "--csv", str(grades),
                 "--feedback", str(feedback)])
    captured = capsys.readouterr()
    assert code == 1 and "листов: 39; в разборе: 34, пропущено: 5, с ошибками: 4, чистых: 23" in captured.out
    assert "получено файлов: 39; других групп (не в этом разборе): 0" in captured.out
    assert "expected.yaml: не вошёл в разбор (YAML, но не рабочий лист" in captured.err
    assert "не вошёл в разбор (файл не читается" in captured.err
    text = _pdf_text(out / "review.pdf")
    for heading in ("Студенты и их работы", "Работы без ошибок и предупреждений", "Одинаковые и почти одинаковые",
                    "Распределение сумм оценок"):
        assert heading in text
    assert "21010" in text and "Бекзат Омаров" in text  # the unreadable file is listed with its student
    assert "Максат Уалиев" in text and "совпадают полностью" in text
    rows = list(csv.DictReader(io.StringIO(grades.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 38  # a row per student with an ID number used once (each member of a team)
    by_id = {r["ID number"]: r for r in rows}
    assert by_id["22009"]["Grade"] == "" and "шаблон" in by_id["22009"]["Feedback"]
    assert by_id["21001"]["Feedback"].startswith("чисто; Оценка: не выставлена")
    assert by_id["21014"]["Full name"] == "Зарина Абилова" and "21005" not in by_id
    pdfs = sorted(feedback.glob("*.pdf"))
    assert len(pdfs) == 39
    one = _pdf_text(feedback / "23-22010.pdf")
    assert "Ерболат Жаксылыков" in one and "может быть, «ivanov»?" in one
    assert "Выездные дни вместе с акиматами" in one  # the author's solution beside the student's (a cell: its own lines)
    assert "файл не читается" in _pdf_text(feedback / "16-21010.pdf")


@pytest.mark.slow
def test_group_and_anonymised_reviews(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["review", str(CASE), str(CLASS), "-o", str(tmp_path / "g"), "--group", "гму-22", "--json-only"])
    data = json.loads((tmp_path / "g" / "review.json").read_text(encoding="utf-8"))
    # the group's worksheets, and the file whose group cannot be told (not a worksheet); the rest counted aside
    assert data["summary"]["worksheets"] == sum(e["group"] == "ГМУ-22" for e in EXPECTED) + 1
    assert {e["group"] for e in data["students"]} == {"ГМУ-22", ""}
    assert data["summary"]["received"] == 39
    assert data["summary"]["other_groups"] == sum(e["group"] != "ГМУ-22" for e in EXPECTED)
    # a group with a broken file: the broken file is listed in that group's review
    main(["review", str(CASE), str(CLASS), "-o", str(tmp_path / "g3"), "--group", "ГМУ-23", "--json-only"])
    data = json.loads((tmp_path / "g3" / "review.json").read_text(encoding="utf-8"))
    assert {Path(e["file"]).name: e["status"] for e in data["students"]} == {
        "31-23001.yaml": "broken", "32-23002.yaml": "clean", "expected.yaml": "not-worksheet"}
    main(["review", str(CASE), str(CLASS), "-o", str(tmp_path / "a"), "--anonymise", "--lang", "en"])
    text = _pdf_text(tmp_path / "a" / "review.pdf") + (tmp_path / "a" / "review.json").read_text(encoding="utf-8")
    for e in EXPECTED:
        for name in e["students"]:
            assert name not in text
        for sid in filter(None, e["ids"]):
            assert sid not in text
    assert "Student 1" in text
    assert "ГМУ-2" not in text  # no group column: groups would tell who is who
    capsys.readouterr()
    assert main(["review", str(CASE), str(CLASS), "--anonymise", "--csv", str(tmp_path / "x.csv")]) == 2
    assert "--anonymise" in capsys.readouterr().err


def test_rendering_a_worksheet_whose_case_is_missing_fails_clearly(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    lone = tmp_path / "sheet.yaml"
    shutil.copy(CLASS / "01-21001.yaml", lone)
    assert main(["render", str(lone), "-o", str(tmp_path / "out")]) == 2
    assert "ozerny-service-centre" in capsys.readouterr().err
    assert not (tmp_path / "out" / "worksheet.pdf").exists()
