"""Collection settings, suppressions in place, output formats, exit codes and languages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import DATA, EXAMPLE, run_cli

WORDY = DATA / "invalid" / "relation-label-wordy__label_of_seven_words.yaml"
TIMING = DATA / "invalid" / "guidelines-timing__plan_longer_than_session.yaml"


def collection(tmp_path: Path, source: Path, config: str | None = None) -> Path:
    folder = tmp_path / "cases" / "one"
    folder.mkdir(parents=True)
    shutil.copy(source, folder / "case.yaml")
    if config is not None:
        (tmp_path / "cases" / "keykis.yaml").write_text(config, encoding="utf-8")
    return tmp_path / "cases"


def test_collection_config_switches_a_rule_off(tmp_path: Path) -> None:
    cases = collection(tmp_path, WORDY, "rules:\n  relation-label-wordy: off\n")
    proc = run_cli("check", str(cases), "--format", "json")
    assert proc.returncode == 0 and json.loads(proc.stdout) == []


def test_collection_config_relevels_a_rule(tmp_path: Path) -> None:
    cases = collection(tmp_path, TIMING, "rules:\n  guidelines-timing: info\n")
    proc = run_cli("check", str(cases), "--format", "json")
    found = json.loads(proc.stdout)
    assert proc.returncode == 0
    assert [(f["rule"], f["severity"]) for f in found] == [("guidelines-timing", "info")]


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    cases = collection(tmp_path, WORDY, "rules:\n  no-such-rule: off\n")
    proc = run_cli("check", str(cases))
    assert proc.returncode == 2 and "unknown rule 'no-such-rule'" in proc.stderr


@pytest.mark.slow
def test_suppress_entry_needs_a_reason(tmp_path: Path) -> None:
    text = WORDY.read_text(encoding="utf-8")
    with_reason = text + "suppress:\n  - rule: relation-label-wordy\n    at: relations.0\n    reason: подпись из источника\n"
    without = text + "suppress:\n  - rule: relation-label-wordy\n    reason: ''\n"
    (tmp_path / "a.yaml").write_text(with_reason, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(without, encoding="utf-8")
    assert run_cli("check", str(tmp_path / "a.yaml")).returncode == 0
    assert "relation-label-wordy" in run_cli("check", str(tmp_path / "b.yaml"), "--format", "line").stdout


def test_ignore_comment_in_place(tmp_path: Path) -> None:
    lines = TIMING.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "plan:")
    lines.insert(at, "    # keykis: ignore[guidelines-timing] the last 5 minutes are a break")
    (tmp_path / "c.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_cli("check", str(tmp_path / "c.yaml"), "--format", "json")
    assert proc.returncode == 0 and json.loads(proc.stdout) == []


@pytest.mark.slow
def test_json_and_line_formats() -> None:
    proc = run_cli("check", str(TIMING), "--format", "json", "--lang", "en")
    (finding,) = json.loads(proc.stdout)
    assert {"path", "line", "column", "rule", "severity", "message", "step"} <= set(finding)
    assert finding["rule"] == "guidelines-timing" and finding["message"].startswith("the session plan adds up to 85")
    line = run_cli("check", str(TIMING), "--format", "line", "--lang", "en").stdout.strip()
    assert line == f"{TIMING}:{finding['line']}:{finding['column']}: error: {finding['message']} [guidelines-timing]"
    assert proc.returncode == 1


@pytest.mark.slow
def test_language_from_locale_and_flag() -> None:
    env_ru = run_cli("check", str(TIMING), "--format", "line")  # LANG=C.UTF-8 -> English
    assert "the session plan" in env_ru.stdout
    assert "план занятия занимает 85 мин" in run_cli("check", str(TIMING), "--format", "line", "--lang", "ru").stdout
    assert "сабақ жоспары 85 мин" in run_cli("check", str(TIMING), "--format", "line", "--lang", "kk").stdout


def test_human_format_summarises() -> None:
    proc = run_cli("check", str(EXAMPLE), "--lang", "ru")
    assert proc.returncode == 0
    assert "файлов: 1; ошибок: 0, предупреждений: 0" in proc.stdout


def test_schema_command_prints_the_published_schema() -> None:
    proc = run_cli("schema")
    schema = json.loads(proc.stdout)
    assert schema["$schema"].endswith("2020-12/schema") and "matrix" in schema["properties"]


def test_new_case_passes_structure_and_has_schema_line(tmp_path: Path) -> None:
    proc = run_cli("new", "sister-cities", "--dir", str(tmp_path), "--lang", "kk")
    target = tmp_path / "sister-cities" / "case.yaml"
    assert proc.returncode == 0 and target.is_file()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=") and "Қадам 13." in text
    found = json.loads(run_cli("check", str(target), "--format", "json").stdout)
    assert not [f for f in found if f["severity"] == "error"]
    again = run_cli("new", "sister-cities", "--dir", str(tmp_path))
    assert again.returncode == 2 and target.read_text(encoding="utf-8") == text
