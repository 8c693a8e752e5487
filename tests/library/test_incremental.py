"""Incremental rebuilds: nothing, one case, a template or schema change, removed and missing outputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from keykis.library import BuildOptions, build_database
from keykis.library import fingerprint as fp
from tests.library.conftest import add_case


def statuses(report) -> dict[str, str]:
    return {o.slug: o.status for o in report.outcomes}


@pytest.mark.slow
def test_first_build_builds_every_case_and_records_it(db: Path, opts: BuildOptions) -> None:
    report = build_database([db], opts)
    assert statuses(report) == {"case-1": "built", "case-2": "built", "case-3": "built"}
    assert report.ok and report.catalogue == "built"
    manifest = json.loads((opts.outdir / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["cases"]) == ["case-1", "case-2", "case-3"]
    entry = manifest["cases"]["case-2"]
    assert entry["outputs"]["case.pdf"] == (opts.outdir / "case-2" / "case.pdf").stat().st_size
    assert entry["card"]["title"]["en"].startswith("Can the head of a public service centre")
    assert "вариант 2" in (opts.outdir / "case-2" / "case.pdf").read_text(encoding="utf-8")
    assert "archival=True" in (opts.outdir / "case-2" / "case.pdf").read_text(encoding="utf-8")
    assert not (opts.outdir / "manifest.journal").exists()


@pytest.mark.slow
def test_nothing_changed_rebuilds_nothing(db: Path, opts: BuildOptions) -> None:
    build_database([db], opts)
    pdf = opts.outdir / "case-1" / "case.pdf"
    before = pdf.stat().st_mtime_ns
    report = build_database([db], opts)
    assert set(statuses(report).values()) == {"unchanged"}
    assert report.catalogue == "unchanged" and report.ok
    assert pdf.stat().st_mtime_ns == before


@pytest.mark.slow
def test_nothing_changed_leaves_the_manifest_file_alone(db: Path, opts: BuildOptions) -> None:
    build_database([db], opts)
    manifest = opts.outdir / "manifest.json"
    before = (manifest.stat().st_ino, manifest.read_bytes())
    build_database([db], opts)
    assert (manifest.stat().st_ino, manifest.read_bytes()) == before  # not written again, not even the same bytes
    add_case(db, "case-3", title_suffix=" (вторая редакция)")
    build_database([db], opts)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert "вторая редакция" in data["cases"]["case-3"]["card"]["title"]["ru"]
    assert not (opts.outdir / "manifest.journal").exists()


@pytest.mark.slow
def test_touching_a_file_without_changing_it_rebuilds_nothing(db: Path, opts: BuildOptions) -> None:
    build_database([db], opts)
    f = db / "case-1" / "case.yaml"
    f.write_bytes(f.read_bytes())  # new modification time, same bytes
    assert set(statuses(build_database([db], opts)).values()) == {"unchanged"}


@pytest.mark.slow
def test_one_changed_case_rebuilds_that_case_only(db: Path, opts: BuildOptions) -> None:
    build_database([db], opts)
    add_case(db, "case-2", title_suffix=" (исправлено)")
    report = build_database([db], opts)
    assert statuses(report) == {"case-1": "unchanged", "case-2": "built", "case-3": "unchanged"}
    assert report.catalogue == "built"
    assert "исправлено" in (opts.outdir / "case-2" / "case.pdf").read_text(encoding="utf-8")
    cards = json.loads((opts.outdir / "catalog.json").read_text(encoding="utf-8"))["cases"]
    assert any("исправлено" in c["title"]["ru"] for c in cards)


@pytest.mark.slow
def test_an_asset_beside_the_case_is_an_input(db: Path, opts: BuildOptions) -> None:
    build_database([db], opts)
    (db / "case-3" / "exhibit.csv").write_text("year,visits\n2025,1200\n", encoding="utf-8")
    assert statuses(build_database([db], opts))["case-3"] == "built"


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["templates", "schemas"])
def test_a_template_or_schema_change_rebuilds_every_case(db: Path, opts: BuildOptions, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    source = fp.templates_dir() if folder == "templates" else fp.schemas_dir()
    copy = tmp_path / folder
    shutil.copytree(source, copy)
    monkeypatch.setattr(fp, f"{folder}_dir", lambda: copy)
    build_database([db], opts)
    changed = next(p for p in sorted(copy.iterdir()) if p.suffix in (".yaml", ".j2") and p.name != "catalog.html.j2")
    changed.write_text(changed.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    report = build_database([db], opts)
    assert set(statuses(report).values()) == {"built"}


@pytest.mark.slow
def test_a_catalogue_template_change_rebuilds_only_the_catalogue(db: Path, opts: BuildOptions, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(fp.templates_dir(), copy)
    monkeypatch.setattr(fp, "templates_dir", lambda: copy)
    build_database([db], opts)
    (copy / "catalog.html.j2").write_text((copy / "catalog.html.j2").read_text(encoding="utf-8") + "\n",
                                          encoding="utf-8")
    report = build_database([db], opts)
    assert set(statuses(report).values()) == {"unchanged"}
    assert report.catalogue == "built"


@pytest.mark.slow
def test_other_editions_are_other_outputs(db: Path, opts: BuildOptions) -> None:
    build_database([db], opts)
    opts.editions = ("student",)
    report = build_database([db], opts)
    assert set(statuses(report).values()) == {"built"}
    assert not (opts.outdir / "case-1" / "guidelines.pdf").exists()


@pytest.mark.slow
def test_missing_or_changed_outputs_are_rebuilt_and_a_changed_one_is_never_deleted(db: Path, opts: BuildOptions) -> None:
    build_database([db], opts)
    (opts.outdir / "case-1" / "case.pdf").unlink()
    (opts.outdir / "case-2" / "graph.pdf").write_text("GRA", encoding="utf-8")  # changed since the build wrote it
    report = build_database([db], opts)
    assert statuses(report) == {"case-1": "built", "case-2": "failed", "case-3": "unchanged"}
    assert "graph.pdf" in next(o.reason for o in report.outcomes if o.slug == "case-2")
    assert (opts.outdir / "case-2" / "graph.pdf").read_text(encoding="utf-8") == "GRA"
    (opts.outdir / "case-2" / "graph.pdf").unlink()
    assert statuses(build_database([db], opts))["case-2"] == "built"


@pytest.mark.slow
def test_a_removed_case_loses_its_outputs_and_catalogue_card(db: Path, opts: BuildOptions) -> None:
    build_database([db], opts)
    shutil.rmtree(db / "case-3")
    report = build_database([db], opts)
    assert statuses(report)["case-3"] == "removed"
    assert not (opts.outdir / "case-3").exists()
    cards = json.loads((opts.outdir / "catalog.json").read_text(encoding="utf-8"))["cases"]
    assert [c["slug"] for c in cards] == ["case-1", "case-2"]


@pytest.mark.slow
def test_force_rebuilds_everything(db: Path, opts: BuildOptions) -> None:
    build_database([db], opts)
    opts.force = True
    report = build_database([db], opts)
    assert set(statuses(report).values()) == {"built"} and report.catalogue == "built"
