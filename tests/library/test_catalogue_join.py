"""Joining laid-out parts: bookmarks where sections start, title and language, nothing private from pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from keykis.render.engine import PdfJob, write_pdf
from keykis.render.join import join_pdfs

pytestmark = pytest.mark.slow


def _part(tmp_path: Path, name: str, pages: int) -> Path:
    html = "".join(f"<p style='page-break-after: always'>{name} {i}</p>" for i in range(pages))
    target = tmp_path / f"{name}.pdf"
    assert write_pdf(PdfJob(html=f"<html><body>{html}</body></html>", target=target, stylesheets=(), tagged=False))[0] == pages
    return target


def test_join_keeps_every_page_bookmarks_sections_and_names_the_document(tmp_path: Path) -> None:
    front, a, b = _part(tmp_path, "Front", 1), _part(tmp_path, "Alpha", 2), _part(tmp_path, "Beta", 3)
    target = tmp_path / "joined.pdf"
    assert join_pdfs([(front, []), (a, ["Alpha", "Alpha bis"]), (b, [])], target, title="Каталог кейсов",
                     subject="KEYKIS", lang="ru") == 6
    reader = PdfReader(target)
    assert [p.extract_text().split() for p in reader.pages] == [
        ["Front", "0"], ["Alpha", "0"], ["Alpha", "1"], ["Beta", "0"], ["Beta", "1"], ["Beta", "2"]]
    assert [item.title for item in reader.outline] == ["Alpha", "Alpha bis"]
    assert {reader.get_destination_page_number(item) for item in reader.outline} == {1}
    assert reader.metadata is not None and reader.metadata.title == "Каталог кейсов"
    assert reader.trailer["/Root"]["/Lang"] == "ru"
