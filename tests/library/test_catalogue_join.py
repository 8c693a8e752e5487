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


def test_tags_links_and_destinations_survive_the_join_part_by_part(tmp_path: Path) -> None:
    def part(name: str, body: str) -> Path:
        target = tmp_path / f"{name}.pdf"
        write_pdf(PdfJob(html=f"<html lang='ru'><body>{body}</body></html>", target=target, stylesheets=(), tagged=True))
        return target

    first = part("first", "<p>Вступление</p><p style='page-break-before: always'>Ссылка 12 0 R в тексте</p>")
    second = part("second", "<h1 id='akimat'>Акимат района</h1><p><a href='local:cases/ozerny/case 12 0 R.pdf'>кейс</a></p>")
    third = part("third", "<p><a href='local:#akimat'>к акимату</a></p>")
    target = tmp_path / "joined.pdf"
    assert join_pdfs([(first, ["Первая"]), (second, ["Вторая"]), (third, [])], target, lang="ru") == 4
    reader = PdfReader(target)
    assert "Ссылка 12 0 R в тексте" in reader.pages[1].extract_text().replace("\xa0", " ")
    assert [reader.get_destination_page_number(item) for item in reader.outline] == [0, 2]
    assert reader.get_destination_page_number(reader.named_destinations["akimat"]) == 2
    annots = {page: [a.get_object() for a in reader.pages[page].get("/Annots") or []] for page in range(4)}
    remote = [a["/A"] for a in annots[2] if a["/A"]["/S"] == "/GoToR"]
    assert [str(a["/F"]["/F"]) for a in remote] == ["cases/ozerny/case 12 0 R.pdf"], "a reference-like text stays"
    inside = [a["/A"] for a in annots[3] if a["/A"]["/S"] == "/GoTo"]
    assert [str(a["/D"]) for a in inside] == ["akimat"]
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    document = tree["/K"][0].get_object()
    assert document["/S"] == "/Document" and [k.get_object()["/S"] for k in document["/K"]] == ["/Part"] * 3
    nums = tree["/ParentTree"]["/Nums"]
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert keys == sorted(set(keys)), "every page and link has its own key in the parent tree"
    used = [int(p["/StructParents"]) for p in reader.pages] + [
        int(a["/StructParent"]) for page in annots.values() for a in page if "/StructParent" in a]
    assert sorted(used) == keys
