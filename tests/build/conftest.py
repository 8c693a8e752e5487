"""A small case database made from the bundled example, for the build tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keykis.build import BuildOptions
from tests.build import standin

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "cases" / "ozerny-service-centre" / "case.yaml"


def add_case(cases: Path, slug: str, *, title_suffix: str = "", short_title: str | None = None,
             replace: dict[str, str] | None = None) -> Path:
    """Copy the example case into ``cases/<slug>`` with its id and title changed."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("id: ozerny-service-centre", f"id: {slug}")
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
    return BuildOptions(outdir=tmp_path / "out", workers=2, renderer=standin.SPEC, timeout=20)


def copy_tree(src: Path, dst: Path) -> None:
    """Copy a folder (for tests that change a copy of the templates)."""
    shutil.copytree(src, dst)


@pytest.fixture(autouse=True)
def _steady_code_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep edits to keykis's own code, made while the tests run, out of the input hashes."""
    from keykis.build import fingerprint

    monkeypatch.setattr(fingerprint, "_code_files", lambda: [])
