"""Every test file is collected: the guard that `make test` runs before the suite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_every_test_file_is_collected_and_the_floor_holds() -> None:
    done = subprocess.run([sys.executable, str(ROOT / ".ci" / "collected.py")], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    counted = int(done.stdout.split()[1])
    assert counted >= int((ROOT / "tests" / "collected-floor.txt").read_text().split()[0])


@pytest.mark.slow
def test_the_library_tests_are_collected() -> None:
    """A folder named ``build`` is skipped by pytest's defaults; the library's tests live where it looks."""
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                           "tests/library"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sum(1 for line in done.stdout.splitlines() if line.startswith("tests/library/")) >= 50
