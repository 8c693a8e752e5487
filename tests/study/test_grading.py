"""Grading the class of tests/study/data/class30: the rubric, grades.yaml, and a gradebook Moodle imports."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from keykis.cli import main
from keykis.errors import UserError
from keykis.model import load_case
from keykis.study.gradebook import neutralise
from keykis.study.review import review_class
from keykis.study.rubric import parse_rubric, rubric_for
from tests.study.moodle_csv import ImportRefused, read_gradebook

CLASS = Path(__file__).resolve().parent / "data" / "class30"
CASE = Path(__file__).resolve().parents[2] / "cases" / "ozerny-service-centre"
EXPECTED: list[dict[str, Any]] = yaml.safe_load((CLASS / "expected.yaml").read_text(encoding="utf-8"))
RECEIVED = 39  # 38 worksheets and expected.yaml, which is not one


def _review(tmp_path: Path, *extra: str, out: str = "review") -> tuple[int, Path]:
    target = tmp_path / out
    code = main(["review", str(CASE), str(CLASS), "-o", str(target), "--lang", "ru", "--json-only",
                 "--csv", str(target / "grades.csv"), *extra])
    return code, target


def _pdf_text(path: Path) -> str:
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(raw.split())


def test_a_grade_is_the_rubric_total_never_the_matrix_sum() -> None:
    review = review_class(load_case(CASE), [CLASS / e["file"] for e in EXPECTED], lang="en")
    rubric = rubric_for(CASE)
    assert rubric.best == 20 and [c.id for c in rubric.criteria] == [
        "field", "contradiction", "tasks", "solutions", "reasons", "reflection", "defence"]
    by_file = {Path(e.file).name: e for e in review.counted}
    first = {m["id"]: m["points"] for m in by_file["01-21001.yaml"].marks}
    # the defence is a judgement left open
    assert first == {"field": 4, "contradiction": 3, "tasks": 3, "solutions": 3, "reasons": 2,
                     "reflection": None, "defence": None}
    assert by_file["01-21001.yaml"].grade is None and by_file["01-21001.yaml"].open == ["reflection", "defence"]
    # no reflection answers: nothing to judge, the lowest level at once
    assert {m["id"]: m["points"] for m in by_file["02-21002.yaml"].marks}["reflection"] == 0
    # an owner the case does not know, placeholders, scores left out: lower automatic levels
    assert {m["id"]: m["points"] for m in by_file["23-22010.yaml"].marks}["field"] == 2
    assert {m["id"]: m["points"] for m in by_file["21-22008.yaml"].marks}["reasons"] == 0
    assert {m["id"]: m["points"] for m in by_file["20-22007.yaml"].marks}["reasons"] == 1
    # thin work: one problem, one task, one solution, no reasons, no defence — graded at once, low
    thin = {m["id"]: m["points"] for m in by_file["37-21018.yaml"].marks}
    assert thin == {"field": 0, "contradiction": 3, "tasks": 1, "solutions": 1, "reasons": 1, "reflection": 0,
                    "defence": 0}
    assert by_file["37-21018.yaml"].grade == 6 and by_file["37-21018.yaml"].status == "warnings"


def test_reflection_and_defence_are_in_the_json() -> None:
    data = review_class(load_case(CASE), [CLASS / "14-21009.yaml", CLASS / "02-21002.yaml"], lang="en").as_dict()
    sara = next(e for e in data["students"] if e["label"] == "Sara Iskakova")
    assert [(a["step"], a["question"]) for a in sara["reflection"]] == [
        ("problems", "Is each formulation really a problem?"),
        ("decision_matrix", "Are the solutions adequate to the goals and values?")]
    assert sara["reflection"][0]["answer"].startswith("At first every problem")
    assert sara["defence"]


def test_a_course_rubric_replaces_the_method_s_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    course = tmp_path / "course"
    (course / "case").mkdir(parents=True)
    (course / "rubric.yaml").write_text(
        "criteria:\n  - id: defence\n    scored: instructor\n    measure: defence\n"
        "    name: {en: Defence}\n    levels:\n      - {points: 0, text: {en: none}}\n"
        "      - {points: 5, text: {en: good}}\n", encoding="utf-8")
    rubric = rubric_for(course / "case")
    assert [c.id for c in rubric.criteria] == ["defence"] and rubric.best == 5
    for bad, words in ((["x"], "no id"), ([{"id": "a", "scored": "auto", "levels": [{"points": 0}, {"points": 1}]}],
                                           "needs a measure"),
                       ([{"id": "a", "measure": "defence", "levels": [{"points": 2}, {"points": 1}]}], "rise")):
        with pytest.raises(UserError, match=words):
            parse_rubric({"criteria": bad}, "rubric.yaml")


@pytest.mark.parametrize("text", ["=SUM(A1)", "+7 701", "-1", "@team", "\tx", "\rx"])
def test_formula_starts_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("Арман") == "Арман"


@pytest.mark.slow
@pytest.mark.parametrize(("dialect", "separator", "decimal"), [("comma", ",", "."), ("semicolon", ";", ",")])
def test_the_gradebook_imports_by_moodle_s_rules(tmp_path: Path, dialect: str, separator: str, decimal: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _review(tmp_path, "--csv-dialect", dialect)
    err = capsys.readouterr().err
    assert code == 1
    ids = {i for e in EXPECTED for i in e["ids"] if i}
    book = read_gradebook((out / "grades.csv").read_bytes(), separator=separator, decimal=decimal, known=ids)
    assert book.header == ["ID number", "Full name", "Grade", "Feedback"]
    # every student with an ID number used once has a row; the duplicated number and the ones without none
    want = {i for e in EXPECTED for i in e["ids"] if i} - {"21005"}
    assert set(book.grades) == want
    assert "номер 21005 указан у разных людей: Мадина Ахметова, Марат Жунусов" in err
    assert "35-noid.yaml: Бауыржан Сапаров: нет номера студента" in err and "36-team.yaml: Тимур Алиев" in err
    rows = (out / "grades.csv").read_bytes().decode("utf-8")
    assert "'=Арман Тасов" in rows and "'+Лейла Омарова" in rows
    assert "не выставлена" in book.feedback["21001"] and "файл не читается" in book.feedback["21010"]
    # Moodle refuses what the review refuses: a blank or repeated key
    with pytest.raises(ImportRefused, match="blank identifier"):
        read_gradebook(b"\xef\xbb\xbfID number,Full name,Grade,Feedback\r\n,X,1,y\r\n")
    with pytest.raises(ImportRefused, match="used twice"):
        read_gradebook(b"\xef\xbb\xbfID number,Full name,Grade,Feedback\r\n1,X,1,y\r\n1,Y,2,z\r\n")


@pytest.mark.slow
def test_every_file_received_is_in_every_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "review"
    main(["review", str(CASE), str(CLASS), "-o", str(out), "--lang", "ru", "--csv", str(out / "grades.csv")])
    printed = capsys.readouterr().out
    data = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert data["summary"]["received"] == RECEIVED == len(data["students"])
    assert f"получено файлов: {RECEIVED}" in printed
    text = _pdf_text(out / "review.pdf")
    assert f"Файлов получено {RECEIVED}" in text
    # each file: a gradebook row for each of its students, or named as needing an ID, or refused as a duplicate
    book = read_gradebook((out / "grades.csv").read_bytes())
    accounted: dict[str, int] = {}
    for e in data["students"]:
        for name, sid in zip(e["students"], e["ids"], strict=True):
            assert sid in book.grades or any(n["name"] == name for n in data["gradebook"]["needs_id"]) or any(
                d["id"] == sid for d in data["gradebook"]["duplicates"]), (e["file"], name)
        accounted[e["file"]] = 1
        assert Path(e["file"]).name in text or e["label"] in text, e["file"]
    assert len(accounted) == RECEIVED
    assert "Ошибка: один номер у разных людей" in text and "21005" in text and "Бауыржан Сапаров" in text
    assert "Рефлексия группы по вопросам" in text and "Сначала записала проблемы одного Иванова" in text


@pytest.mark.slow
def test_grades_yaml_keeps_what_the_instructor_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = _review(tmp_path)
    grades = out / "grades.yaml"
    text = grades.read_text(encoding="utf-8")
    key = next(k for k in yaml.safe_load(text)["students"] if k.endswith("01-21001.yaml"))
    entry = yaml.safe_load(text)["students"][key]
    assert entry["auto"]["field"] == 4 and entry["grade"] is None and entry["instructor"] == {
        "reflection": None, "defence": None}
    # the instructor sets the open levels, changes an automatic one, comments; one value is not a level
    mine = text.replace(
        f"  {key}:\n", f"  {key}:  # checked on Monday\n", 1)
    block_start = mine.index(f"  {key}:")
    block = mine[block_start:mine.index("\n  ../", block_start + 1)]
    edited = block.replace("    instructor:\n      reflection:\n      defence:\n",
                           "    instructor:\n      reflection: 2\n      defence: 3\n      tasks: 3\n") \
                  .replace("    comment: ''\n", "    comment: Хорошая рефлексия; задачу стоит разложить.\n")
    assert edited != block
    second = "02-21002.yaml"
    mine = mine.replace(block, edited)
    key2 = next(k for k in yaml.safe_load(text)["students"] if k.endswith(second))
    start2 = mine.index(f"  {key2}:")
    mine = mine[:start2] + mine[start2:].replace("    instructor:\n      defence:\n",
                                                  "    instructor:\n      defence: 7\n", 1)
    grades.write_text(mine, encoding="utf-8")
    capsys.readouterr()
    _review(tmp_path)
    err = capsys.readouterr().err
    after = grades.read_text(encoding="utf-8")
    assert "# checked on Monday" in after and "Хорошая рефлексия; задачу стоит разложить." in after
    reread = yaml.safe_load(after)["students"]
    assert reread[key]["instructor"] == {"reflection": 2, "defence": 3, "tasks": 3}
    assert reread[key]["grade"] == 4 + 3 + 3 + 3 + 2 + 2 + 3
    assert reread[key2]["instructor"] == {"defence": 7} and reread[key2]["grade"] is None
    assert "«defence» = 7 — нет такого уровня в критериях (0, 1, 2, 3)" in err
    data = json.loads((out / "review.json").read_text(encoding="utf-8"))
    first = next(e for e in data["students"] if e["file"].endswith("01-21001.yaml"))
    assert first["grade"] == 20 and first["comment"].startswith("Хорошая")
    book = read_gradebook((out / "grades.csv").read_bytes())
    assert book.grades["21001"] == 20 and "Хорошая рефлексия" in book.feedback["21001"]
    # a third run changes nothing the instructor wrote
    _review(tmp_path)
    assert yaml.safe_load(grades.read_text(encoding="utf-8"))["students"][key] == reread[key]


@pytest.mark.slow
def test_the_feedback_pdf_shows_rubric_comment_reflection_and_defence(tmp_path: Path) -> None:
    out = tmp_path / "review"
    out.mkdir()
    (out / "grades.yaml").write_text(
        f"students:\n  {Path('..') / '..' / 'x'}: {{}}\n", encoding="utf-8")  # a stranger's key is kept
    main(["review", str(CASE), str(CLASS / "14-21009.yaml"), "-o", str(out), "--lang", "en", "--json-only"])
    grades = yaml.safe_load((out / "grades.yaml").read_text(encoding="utf-8"))["students"]
    key = next(k for k in grades if k.endswith("14-21009.yaml"))
    text = (out / "grades.yaml").read_text(encoding="utf-8").replace(
        "    comment: ''", "    comment: Clear reasons; now weigh the risks.").replace(
        "    instructor:\n      reflection:\n      defence:\n", "    instructor:\n      reflection: 1\n      defence: 2\n")
    (out / "grades.yaml").write_text(text, encoding="utf-8")
    main(["review", str(CASE), str(CLASS / "14-21009.yaml"), "-o", str(out), "--lang", "en", "--json-only",
          "--feedback", str(tmp_path / "fb")])
    assert "../../x" in (out / "grades.yaml").read_text(encoding="utf-8") and key
    one = _pdf_text(tmp_path / "fb" / "14-21009.pdf")
    for words in ("Rubric", "Own field of problems with owners", "4/4", "Defence of the choice",
                  "the defence rests on the actor's goals and values", "(set by the instructor)",
                  "Instructor's comment", "Clear reasons; now weigh the risks.",
                  "Is each formulation really a problem?", "I rewrote two from the villagers' side",
                  "For the defence", "18 / 20"):
        assert words in one, words


@pytest.mark.slow
def test_the_board_is_one_page_of_the_class_s_problems_without_names(tmp_path: Path) -> None:
    out = tmp_path / "review"
    main(["review", str(CASE), str(CLASS), "-o", str(out), "--lang", "ru", "--json-only", "--board"])
    info = subprocess.run(["pdfinfo", str(out / "board.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    text = _pdf_text(out / "board.pdf")
    data = json.loads((out / "review.json").read_text(encoding="utf-8"))
    owners = {e["chain"]["owner_name"] for e in data["counted"] if e["chain"].get("owner")}
    assert all(o in text for o in owners)
    ivanov = sum(e["chain"].get("owner") == "ivanov" for e in data["counted"])
    assert f"★ Иванов {ivanov}" in text and "★ информация ↔ время" in text  # the author's choice, with its count
    assert "Поездка в райцентр за простой справкой отнимает у жителя полдня и деньги." in text
    for e in EXPECTED:
        assert not any(name in text for name in e["students"])


def test_look_alike_worksheets_are_found_without_comparing_every_pair() -> None:
    import random

    from keykis.study.review import Entry, candidate_pairs, flag_similar

    r = random.Random(7)
    texts = {f"w{i}": " ".join("".join(r.choice("абвгдежзиклмн") for _ in range(6)) for _ in range(80))
             for i in range(200)}
    texts["copy"] = texts["w42"].replace(texts["w42"].split()[10], "другое", 1)
    texts["same-a"] = texts["same-b"] = texts["same-c"] = texts["w7"] + " и ещё"
    pairs = candidate_pairs(list(texts.values()))
    assert len(pairs) < 200 * 199 // 20  # far from every pair
    entries = [Entry(file=k) for k in texts]
    flag_similar(entries, texts, 90)
    by = {e.file: {s["file"] for s in e.similar} for e in entries}
    assert "w42" in by["copy"] and "copy" in by["w42"]
    # three identical texts: linked through the first of them, two pairs, not three
    assert by["same-a"] == {"same-b", "same-c", "w7"} and by["same-b"] == {"same-a"}


def test_a_class_known_by_e_mail_gets_an_email_column(tmp_path: Path) -> None:
    from keykis.study.report import write_csv

    files = []
    for n, (name, mail) in enumerate([("Дана Серикова", "dana@uni.kz"), ("Руслан Ким", "ruslan@uni.kz"),
                                      ("Асель Муканова", "")]):
        text = (CLASS / "02-21002.yaml").read_text(encoding="utf-8").replace("Данияр Беков", name)
        text = text.replace("      id: '21002'\n", f"      email: '{mail}'\n" if mail else "")
        files.append(tmp_path / f"{n}.yaml")
        files[-1].write_text(text, encoding="utf-8")
    review = review_class(load_case(CASE), files, lang="en")
    assert not review.skipped and not review.with_errors
    write_csv(review, tmp_path / "g.csv", lang="en")
    book = read_gradebook((tmp_path / "g.csv").read_bytes(), identifier="Email address")
    assert set(book.grades) == {"dana@uni.kz", "ruslan@uni.kz"}
    assert [n["name"] for n in review.as_dict()["gradebook"]["needs_id"]] == ["Асель Муканова"]


def test_the_grading_screen_off_a_terminal_is_a_one_line_refusal(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["review", str(CASE), str(CLASS / "01-21001.yaml"), "-o", str(tmp_path / "r"), "--grade",
                 "--lang", "ru"])
    assert code == 2
    assert "--grade открывает экран оценивания в терминале" in capsys.readouterr().err
    assert not (tmp_path / "r" / "grades.yaml").exists()


@pytest.mark.parametrize("text", ["students: [a, b]\n", "students:\n  x.yaml: 5\n",
                                  "students:\n  x.yaml:\n    instructor: [2]\n", "- 1\n"])
def test_a_malformed_grades_file_is_refused_and_left_as_it_is(tmp_path: Path, text: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r"
    out.mkdir()
    (out / "grades.yaml").write_text(text, encoding="utf-8")
    code = main(["review", str(CASE), str(CLASS / "01-21001.yaml"), "-o", str(out), "--json-only", "--lang", "ru"])
    assert code == 2 and "файл" in capsys.readouterr().err
    assert (out / "grades.yaml").read_text(encoding="utf-8") == text
    assert not (out / "review.json").exists()
