"""The catalogue's parts are laid out and joined in processes of their own: what a layout reports of a part (its
pages, the page of each anchor) is what its PDF says, and the join in its own process writes the same catalogue."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape
from pypdf import PdfReader

from keykis.card import make_card
from keykis.gate import require_case
from keykis.library import catalogue
from keykis.model import load_case
from keykis.paths import cases_dir
from keykis.render.join import join_pdfs

pytestmark = pytest.mark.slow


def _cards(copies: int) -> list[dict]:
    base = [make_card(require_case(load_case(f.parent)), slug=f.parent.name, pages={"case.pdf": 4}, outputs=["case.pdf"])
            for f in sorted(cases_dir().glob("*/case.yaml"))]
    out = []
    for i in range(copies):
        for card in base:
            card = copy.deepcopy(card)
            card["slug"], card["number"] = f"{card['slug']}-{i}", f"{card['number']}-{i}"
            out.append(card)
    return out


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_anchors_a_layout_reports_are_the_named_destinations_of_its_part(tmp_path: Path) -> None:
    chunks = catalogue.chunks(_cards(2), "ru")
    # a chunk in which a discipline starts below the top of it: the contents need that heading's page
    chunk = next(c for c in chunks if any(x.first for x in c.sections[1:]))
    later = [x for x in chunk.sections[1:] if x.first]
    html = catalogue.chunk_html(chunk, "ru", start=5)
    layouts = catalogue.Layouts()
    try:
        pages, anchors = layouts(html, tmp_path / "elsewhere.pdf")  # laid out in another process
    finally:
        layouts.close()
    here_pages, here = catalogue._lay_out(html, tmp_path / "here.pdf")
    assert (pages, anchors) == (here_pages, here)
    assert anchors == catalogue._anchor_pages(tmp_path / "elsewhere.pdf")
    reader = PdfReader(tmp_path / "elsewhere.pdf")
    assert pages == len(reader.pages)
    for section in later:  # the heading of each discipline is on the page its anchor reports
        assert section.name in " ".join(reader.pages[anchors[section.anchor]].extract_text().split())


def test_the_catalogue_joined_in_its_own_process_reads_as_joined_here(tmp_path: Path) -> None:
    cards = _cards(2)
    catalogue.write_pdf(cards, tmp_path, "ru")
    parts = sorted((tmp_path / catalogue.CHUNKS).glob("*.pdf"))
    marks = [(path, [f"Часть {i}"]) for i, path in enumerate(parts)]
    in_process = join_pdfs(marks, tmp_path / "here.pdf", title="Каталог", lang="ru")
    elsewhere = catalogue._join(marks, tmp_path / "elsewhere.pdf", title="Каталог", subject="", lang="ru")
    assert in_process == elsewhere == len(PdfReader(tmp_path / "elsewhere.pdf").pages)
    assert _text(tmp_path / "elsewhere.pdf") == _text(tmp_path / "here.pdf")
    reader = PdfReader(tmp_path / "elsewhere.pdf")
    assert [o.title for o in reader.outline] == [f"Часть {i}" for i in range(len(parts))]
    # the whole catalogue: its contents give each discipline its number of entries and the page its heading is on
    text = [" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / catalogue.CATALOG_PDF).pages]
    contents = [line for line in _text(tmp_path / catalogue.CATALOG_PDF).splitlines() if "..." in line]
    for group in catalogue.groups(cards, "ru"):
        line = next(line for line in contents if f"{group.name} ({len(group.cards) + len(group.see_also)})" in line)
        page = int(line.rsplit(".", 1)[-1].split()[-1])
        assert group.name in text[page - 1]



def test_rendering_the_pages_does_not_load_the_layout_engine_or_the_pdf_library() -> None:
    # the process that renders the pages' HTML for the layout processes stays the size of its cards
    script = ("import sys; from keykis.library import catalogue as c; "
              "html = c.chunk_html(c.Chunk([c.Section('Менеджмент', True)]), 'ru'); "
              "print('Менеджмент' in html, 'weasyprint' in sys.modules, 'pikepdf' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).resolve().parents[2]).stdout.split()
    assert found == ["True", "False", "False"]


def test_a_chunk_holds_slugs_and_its_page_shows_each_card_as_its_view_with_its_related_cases() -> None:
    # the views are made a chunk at a time (all of them, held to the end of the catalogue, grew with the library)
    cards = _cards(2)
    by_slug = {card["slug"]: card for card in cards}
    related = catalogue.related(cards, "ru")
    chunks = catalogue.chunks(cards, "ru")
    listed = [slug for chunk in chunks for x in chunk.sections for slug in x.cards]
    assert sorted(listed) == sorted(by_slug)
    for chunk in chunks:
        html = catalogue.chunk_html(chunk, "ru", start=3)
        for slug in (slug for x in chunk.sections for slug in x.cards):
            seen = catalogue.view(by_slug[slug], "ru")
            assert f'id="{slug}"' in html and str(escape(seen.abstract)) in html
            for other in related[slug]:  # each related case by its number and title
                number, title = str(by_slug[other]["number"]), escape(catalogue.view(by_slug[other], "ru").title)
                assert f"{number}</span> · <a href=\"local:#{other}\" lang=\"ru\">{title}</a>" in html
