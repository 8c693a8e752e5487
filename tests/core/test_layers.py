"""The layers of docs/architecture.md hold: the import contracts of pyproject.toml are kept, and the page shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: import-linter brings tomli
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def _layers() -> list[str]:
    return next(c["layers"] for c in _contracts() if c["type"] == "layers")  # type: ignore[return-value]


def _lint(config: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(tmp_path / "pyproject.toml"), no_cache=True, no_logo=True)
    return code, capsys.readouterr().out


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "3 kept, 0 broken" in report


def test_a_contract_would_catch_the_core_importing_the_ui(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    # The same layers with the terminal UI moved below the checker: the real imports break it.
    broken = config.replace('  "tui",\n', "", 1).replace('  "check",\n', '  "check",\n  "tui",\n', 1)
    assert broken != config
    code, report = _lint(broken, tmp_path, capsys, monkeypatch)
    assert code != 0
    assert "BROKEN" in report


def test_a_module_in_no_layer_breaks_the_layers(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    unplaced = config.replace('"render | pages | writer_process"', '"render | writer_process"', 1)
    assert unplaced != config
    code, report = _lint(unplaced, tmp_path, capsys, monkeypatch)
    assert code != 0
    assert "keykis.pages" in report


def test_every_module_and_package_of_keykis_is_in_a_layer() -> None:
    placed = {name.strip() for layer in _layers() for name in layer.split("|")}
    present = {p.stem for p in (ROOT / "keykis").glob("*.py")} | {
        p.parent.name for p in (ROOT / "keykis").glob("*/__init__.py")}
    assert present - {"__init__"} <= placed, f"not in a layer: {sorted(present - placed - {'__init__'})}"
    assert placed <= present, f"layers name what is not there: {sorted(placed - present)}"


def test_the_architecture_page_draws_the_contracts_layers() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = page[page.index("## The layers"):]
    block = re.search(r"```text\n(.*?)```", section, re.S)
    assert block is not None, "docs/architecture.md: no diagram under 'The layers'"
    drawn = [re.split(r"\s{3,}", line.strip())[0] for line in block.group(1).splitlines() if line.strip()]
    assert drawn == _layers(), "the diagram in docs/architecture.md differs from the layers in pyproject.toml"
