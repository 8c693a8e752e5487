"""Fixtures for the terminal editor: a private copy of the example case, no shared state."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SIZE = (140, 45)
EXAMPLE = Path(__file__).parent / "data" / "ozerny-service-centre" / "case.yaml"
"""A frozen copy of the example case, so the screenshots change only when the editor does."""


@pytest.fixture(autouse=True)
def _private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Recent cases go to a temporary folder; no $EDITOR surprises."""
    monkeypatch.setenv("KEYKIS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.delenv("VISUAL", raising=False)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with ``cases/ozerny-service-centre`` copied in; the current directory."""
    cases = tmp_path / "work" / "cases"
    shutil.copytree(EXAMPLE.parent, cases / EXAMPLE.parent.name)
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "work"


@pytest.fixture
def example(workdir: Path) -> Path:
    """The copied example's ``case.yaml``, as a relative path (stable in screenshots)."""
    return Path("cases") / EXAMPLE.parent.name / "case.yaml"
