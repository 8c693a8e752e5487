"""``keykis build`` from the command line: exit codes, plain progress lines and the summary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.library.conftest import ROOT, add_case

STANDIN = "tests.library.standin:render"


def keykis(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "keykis", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.slow
def test_build_prints_progress_lines_and_a_summary(db: Path, tmp_path: Path) -> None:
    add_case(db, "render-error", short_title="boom")
    out = tmp_path / "out"
    first = keykis("build", str(db), "-o", str(out), "-j", "2", "--renderer", STANDIN)
    assert first.returncode == 1
    assert "4 case(s), 4 to build, 0 unchanged" in first.stderr
    assert "FAILED render-error" in first.stderr and "] built  case-2 (" in first.stderr
    assert "built     │     3" in first.stdout and "failed    │     1" in first.stdout
    assert "render-error │ render failed: RuntimeError: the layout engine gave up" in first.stdout
    add_case(db, "render-error")
    second = keykis("build", str(db), "-o", str(out), "--renderer", STANDIN)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "4 case(s), 1 to build, 3 unchanged" in second.stderr
    assert "unchanged │     3" in second.stdout


def test_build_refuses_bad_arguments_in_one_line(tmp_path: Path) -> None:
    missing = keykis("build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert missing.returncode == 2 and missing.stderr.strip().endswith("nowhere: no such file or folder")
    empty = tmp_path / "empty"
    empty.mkdir()
    none = keykis("build", str(empty), "-o", str(tmp_path / "out"))
    assert none.returncode == 2 and "no case.yaml found here" in none.stderr and "Traceback" not in none.stderr
    bad_j = keykis("build", str(empty), "-o", str(tmp_path / "out"), "-j", "0")
    assert bad_j.returncode == 2 and "at least 1" in bad_j.stderr
