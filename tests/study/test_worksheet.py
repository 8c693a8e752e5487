"""The worksheet format, its checks, and the student's view of a case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from keykis.errors import CaseFileError, UserError
from keykis.gate import require_case
from keykis.model import Case
from keykis.study.checks import check_worksheet, check_worksheet_path
from keykis.study.student import student_brief, student_view
from keykis.study.worksheet import load_worksheet, new_worksheet, parse_worksheet
from tests.study.classgen import LONG, Spec, worksheet_data


def _ws(data: dict[str, object]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_new_worksheet_is_valid_yaml_with_prompts_and_refuses_to_overwrite(tmp_path: Path, case: Case) -> None:
    path = new_worksheet(tmp_path / "w.yaml", case, student="Айгерим", group="ГМУ-21")
    text = path.read_text(encoding="utf-8")
    assert "Шаг 12. Поле проблем" in text
    ws = load_worksheet(path)
    assert (ws.case_id, ws.revision, ws.group) == (case.id, "2026-11-22", "ГМУ-21")
    assert [s.name for s in ws.students] == ["Айгерим"]
    rules = {f.rule for f in check_worksheet(ws, case)}
    assert rules == {"worksheet-placeholder", "field-fan"}  # one block of each: the student adds the fan
    with pytest.raises(UserError):
        new_worksheet(path, case)
    assert path.read_text(encoding="utf-8") == text


def test_a_good_worksheet_has_no_errors(case: Case) -> None:
    ws = parse_worksheet(_ws(worksheet_data(Spec("Студент"))))
    findings = check_worksheet(ws, case)
    assert [f for f in findings if f.severity == "error"] == []
    # one task, one solution, no defence: thin work is warned about, so that "clean" means complete
    assert {f.rule for f in findings} == {"worksheet-actors-left-out", "field-fan", "worksheet-defence"}


def test_case_rules_apply_to_the_worksheet_at_its_own_lines(case: Case) -> None:
    data = worksheet_data(Spec("Студент"))
    problems = data["matrix"]["problems"]["items"]  # type: ignore[index]
    problems[1]["text"] = LONG
    problems[2]["owner"] = "akimat"
    data["matrix"]["solutions"]["items"][0]["strategy"] = []  # type: ignore[index]
    text = _ws(data)
    findings = check_worksheet(parse_worksheet(text), case, lang="ru")
    by_rule = {f.rule: f for f in findings}
    assert {"problem-too-long", "unresolved-id", "solution-strategy"} <= set(by_rule)
    assert "30 слов" in by_rule["problem-too-long"].message
    assert text.splitlines()[by_rule["problem-too-long"].line - 1].strip().startswith("text: очень")
    assert "akimat" in text.splitlines()[by_rule["unresolved-id"].line - 1]
    # nothing about the author's own text leaks into a student's findings
    assert all(f.at.startswith(("matrix.problems", "matrix.tasks", "matrix.solutions", "decision", "worksheet"))
               for f in findings)


def test_wrong_case_and_other_revision_are_recognised(case: Case) -> None:
    wrong = check_worksheet(parse_worksheet(_ws(worksheet_data(Spec("С", kind="wrong-case")))), case)
    assert [f.rule for f in wrong] == ["worksheet-case"]
    assert "almaty-city-diplomacy" in wrong[0].message
    old = check_worksheet(parse_worksheet(_ws(worksheet_data(Spec("С", kind="old-revision")))), case)
    assert "worksheet-revision" in {f.rule for f in old}
    assert "2026-09-01" in next(f.message for f in old if f.rule == "worksheet-revision")


def test_no_student_named_is_an_error(case: Case) -> None:
    data = worksheet_data(Spec("С"))
    data["worksheet"]["students"] = []  # type: ignore[index]
    assert "worksheet-students" in {f.rule for f in check_worksheet(parse_worksheet(_ws(data)), case)}


def test_broken_files_give_one_finding_not_a_traceback(tmp_path: Path, case: Case) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("keykis: 1\nworksheet: [unclosed\n", encoding="utf-8")
    [finding] = check_worksheet_path(bad, case)
    assert finding.rule == "file" and "in brackets is not closed" in finding.message
    not_ws = tmp_path / "case.yaml"
    not_ws.write_text("keykis: 1\nid: x\n", encoding="utf-8")
    with pytest.raises(CaseFileError, match="not a worksheet"):
        load_worksheet(not_ws)
    score = worksheet_data(Spec("С", kind="broken-schema"))
    findings = check_worksheet(parse_worksheet(_ws(score)), case)
    assert [f.rule for f in findings if f.severity == "error"] == ["schema"]
    assert findings[0].rule == "schema" and "worksheet-actors-left-out" in {f.rule for f in findings}


def test_student_view_strips_teacher_only_parts_answers_and_real_names(case: Case) -> None:
    view = student_view(require_case(case))
    dumped = json.dumps(view.data, ensure_ascii=False)
    assert "guidelines" not in view.data and "reflection" not in view.data
    for secret in ("Подчеркните", "Время операторов против нехватки информации",  # guidelines
                   "Выездные дни вместе с акиматами",                            # the author's solution
                   "Операторы тратят треть рабочего времени",                    # the author's problem
                   "Ерлан Сапаров", "Бауыржан Омаров"):                          # real names
        assert secret not in dumped, secret
    assert view.title == case.title and view.field("questions") == case.field("questions")
    assert "guidelines" in case.data and case.chosen("problems") is not None  # the case itself is untouched
    brief = student_brief(view, "ru")
    assert "ivanov — ★ Иванов" in brief and "g1 — Среднее время ожидания" in brief


def test_checks_give_the_same_findings_with_the_student_view(case: Case) -> None:
    ws = parse_worksheet(_ws(worksheet_data(Spec("С", kind="errors"))))
    assert check_worksheet(ws, student_view(require_case(case))) == check_worksheet(ws, case)
