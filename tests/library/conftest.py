"""A small case database made from the bundled example, for the build tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keykis.library import BuildOptions
from tests.library import standin

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "cases" / "ozerny-service-centre" / "case.yaml"


def add_case(cases: Path, slug: str, *, title_suffix: str = "", short_title: str | None = None,
             replace: dict[str, str] | None = None) -> Path:
    """Copy the example case into ``cases/<slug>`` with its id and title changed."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("id: ozerny-service-centre", f"id: {slug}")
    text = text.replace('number: "5"', f'number: "{slug}"')  # a collection never has two cases with one number
    text = text.replace("без новых штатных единиц?", f"без новых штатных единиц{title_suffix}?")
    if short_title is not None:
        text = text.replace("short_title: Очереди в ЦОН Озёрного района", f"short_title: {short_title}")
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    folder = cases / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Three good cases under ``tmp_path/cases``."""
    cases = tmp_path / "cases"
    for i in range(1, 4):
        add_case(cases, f"case-{i}", title_suffix=f" (вариант {i})")
    return cases


@pytest.fixture
def opts(tmp_path: Path) -> BuildOptions:
    """Build options with the stand-in renderer, two workers and a short timeout."""
    return BuildOptions(outdir=tmp_path / "out", workers=2, renderer=standin.render, timeout=20)


def copy_tree(src: Path, dst: Path) -> None:
    """Copy a folder (for tests that change a copy of the templates)."""
    shutil.copytree(src, dst)


@pytest.fixture(scope="session")
def _frozen_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from keykis.paths import schemas_dir, templates_dir

    base = tmp_path_factory.mktemp("inputs")
    shutil.copytree(templates_dir(), base / "templates")
    shutil.copytree(schemas_dir(), base / "schemas")
    return base / "templates", base / "schemas"


@pytest.fixture(autouse=True)
def _steady_inputs(monkeypatch: pytest.MonkeyPatch, _frozen_inputs: tuple[Path, Path]) -> None:
    """Hash a snapshot of the shared inputs, so edits made to the tree while the tests run change no key."""
    from keykis.library import fingerprint

    monkeypatch.setattr(fingerprint, "_code_files", lambda: [])
    monkeypatch.setattr(fingerprint, "templates_dir", lambda: _frozen_inputs[0])
    monkeypatch.setattr(fingerprint, "schemas_dir", lambda: _frozen_inputs[1])
