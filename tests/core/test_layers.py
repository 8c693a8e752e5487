"""The layers of docs/architecture.md hold: the import contracts of pyproject.toml are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "2 kept, 0 broken" in report


def test_a_contract_would_catch_the_core_importing_the_ui(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    # The same layers with the terminal UI moved below the checker: the real imports break it.
    broken = config.replace('  "keykis.tui",\n', "", 1).replace('  "keykis.check",\n', '  "keykis.check",\n  "keykis.tui",\n', 1)
    (tmp_path / "pyproject.toml").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(tmp_path / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code != 0
    assert "BROKEN" in capsys.readouterr().out
