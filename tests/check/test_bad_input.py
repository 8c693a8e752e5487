"""Malformed files get one clear line naming the file (and line), never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import DATA, run_cli

BAD = DATA / "bad_input"

EXPECTED = {
    "empty.yaml": "the file is empty",
    "only_comments.yaml": "nothing but comments",
    "syntax_error_unclosed_quote.yaml": "a quote or a bracket is opened and never closed",
    "duplicate_key_title.yaml": "the key 'title' appears twice (first at line 2)",
    "python_tag_runs_code.yaml": "tags that construct objects",
    "not_utf8_cp1251.yaml": "not UTF-8",
    "top_level_list.yaml": "not a list",
    "deep_nesting.yaml": "nesting is deeper than 64",
    "alias_bomb.yaml": "alias bomb",
    "wrong_types.yaml": "expected text, found a whole number",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gets_a_clear_message(name: str) -> None:
    path = BAD / name
    proc = run_cli("check", str(path), "--format", "line", "--lang", "en", timeout=30)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert EXPECTED[name] in proc.stdout
    assert proc.stdout.startswith(str(path))


def test_yaml_tags_never_run_code() -> None:
    run_cli("check", str(BAD / "python_tag_runs_code.yaml"))
    assert not Path("/tmp/keykis-pwned").exists()


def test_duplicate_key_points_at_the_second_key() -> None:
    proc = run_cli("check", str(BAD / "duplicate_key_title.yaml"), "--format", "line")
    assert ":3:1:" in proc.stdout


def test_wrong_types_are_reported_per_place() -> None:
    proc = run_cli("check", str(BAD / "wrong_types.yaml"), "--format", "line", "--lang", "en")
    assert "wrong_types.yaml:4:8: error: expected text, found a whole number [schema]" in proc.stdout
    assert "expected a list, found a mapping of keys" in proc.stdout


def test_binary_and_huge_files(tmp_path: Path) -> None:
    binary = tmp_path / "photo.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    huge = tmp_path / "huge.yaml"
    huge.write_text("title: " + "а" * (5 * 1024 * 1024) + "\n", encoding="utf-8")
    proc = run_cli("check", str(binary), str(huge), "--format", "line")
    assert proc.returncode == 1
    assert "binary file" in proc.stdout and "too large" in proc.stdout


def test_missing_path_and_folder_without_cases(tmp_path: Path) -> None:
    proc = run_cli("check", str(tmp_path / "nope"))
    assert proc.returncode == 2 and "no such file or folder" in proc.stderr
    proc = run_cli("check", str(tmp_path))
    assert proc.returncode == 2 and "no case.yaml or worksheet found" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("keykis: 1\n", encoding="utf-8")
    path.chmod(0)
    proc = run_cli("check", str(path), "--format", "line")
    assert "permission denied" in proc.stdout


def test_folder_given_as_case_file(tmp_path: Path) -> None:
    (tmp_path / "case.yaml").mkdir()
    proc = run_cli("check", str(tmp_path / "case.yaml"), "--format", "line")
    assert "no case.yaml or worksheet found" in proc.stderr and proc.returncode == 2
    assert "Traceback" not in proc.stderr
