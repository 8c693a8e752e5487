"""The build with the real renderer: archival PDFs, page counts in the catalogue."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from keykis.library import BuildOptions, build_database
from tests.library.conftest import EXAMPLE


@pytest.mark.slow
def test_the_example_case_builds_to_pdf_with_its_catalogue(tmp_path: Path) -> None:
    opts = BuildOptions(outdir=tmp_path / "out", workers=1, timeout=240)
    report = build_database([EXAMPLE.parent], opts)
    assert report.ok, report.outcomes
    folder = opts.outdir / "ozerny-service-centre"
    assert {"case.pdf", "graph.svg", "graph.pdf", "guidelines.pdf"} <= {p.name for p in folder.iterdir()}
    assert folder.joinpath("case.pdf").read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(folder / "case.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Может ли руководитель ЦОН сократить очереди" in " ".join(text.split())
    assert "Ерлан Сапаров" not in text
    catalogue = " ".join(subprocess.run(["pdftotext", str(opts.outdir / "catalog.pdf"), "-"],
                                        capture_output=True, text=True).stdout.split())
    pages = subprocess.run(["pdfinfo", str(folder / "case.pdf")], capture_output=True, text=True).stdout
    count = next(int(line.split()[-1]) for line in pages.splitlines() if line.startswith("Pages:"))
    assert f"кейс {count}," in catalogue and "Страниц: раздаточный материал " in catalogue
