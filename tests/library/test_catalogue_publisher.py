"""The catalogue as case publishers lay it out, read from catalog.pdf: links to each case's files that survive
moving the folder, a keyword index in the catalogue's alphabetical order, tags, title and language."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from keykis.collation import sort_key
from keykis.library import BuildOptions, build_database
from tests.library.conftest import add_case


def _flat(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def _columns(path: Path, page: int) -> str:
    """The text of a two-column page read column by column (pdftotext -layout keeps the columns apart)."""
    out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    lines = [line for line in out.splitlines() if line.strip()]
    middle = max(len(line) for line in lines) // 2
    left = [line[:middle] for line in lines]
    right = [line[middle:] for line in lines]
    return " ".join(" ".join(left + right).split())


def _links(reader: PdfReader) -> list[tuple[int, dict[str, Any]]]:
    return [(i, a.get_object()["/A"].get_object()) for i, page in enumerate(reader.pages)
            for a in page.get("/Annots") or [] if "/A" in a.get_object()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One catalogue of two cases that every test of this file reads (none changes it)."""
    from tests.library import standin

    tmp_path = tmp_path_factory.mktemp("publisher")
    opts = BuildOptions(outdir=tmp_path / "out", workers=2, renderer=standin.render, timeout=20)
    cases = tmp_path / "cases"
    add_case(cases, "queues-a", title_suffix=" (район А)")
    add_case(cases, "queues-b", title_suffix=" (район Б)", replace={
        "  ru: [государственные услуги, ЦОН, цифровизация, очереди, сельские округа]":
        "  ru: [ёмкость зала, государственные услуги, ЦОН, очереди, Ярославль, ещё одно слово]"})
    assert build_database([cases], opts).ok
    return opts.outdir


@pytest.mark.slow
def test_each_entry_links_to_its_files_relative_to_the_catalogue_wherever_the_folder_goes(
        built: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "catalogue"
    shutil.copytree(built, moved)  # a copy in another place: the links must not lead back to the first
    reader = PdfReader(moved / "catalog.pdf")
    remote = [(page, a) for page, a in _links(reader) if a["/S"] == "/GoToR"]
    targets = [str(a["/F"]["/F"]) for _, a in remote]
    assert sorted(targets) == sorted(f"{slug}/{name}" for slug in ("queues-a", "queues-b")
                                     for name in ("case.pdf", "guidelines.pdf", "graph.pdf"))
    for target in targets:
        assert not Path(target).is_absolute() and (moved / target).is_file(), target
    assert all(list(a["/D"]) == [0, "/Fit"] for _, a in remote)
    for page, a in remote:  # each link sits on the page of its own entry
        slug = str(a["/F"]["/F"]).split("/")[0]
        title = "(район А)?" if slug == "queues-a" else "(район Б)?"
        assert title in " ".join(reader.pages[page].extract_text().split())
    flat = _flat(moved / "catalog.pdf")
    assert flat.count("Файлы: исследовательское издание · методические указания · концептуальный граф") == 2
    assert "local:" not in str([a for _, a in _links(reader)])


@pytest.mark.slow
def test_a_keyword_index_in_alphabetical_order_with_case_numbers_linked_to_entries(built: Path) -> None:
    import json

    cards = {c["slug"]: c for c in json.loads((built / "catalog.json").read_text(encoding="utf-8"))["cases"]}
    a, b = cards["queues-a"]["number"], cards["queues-b"]["number"]
    flat = _flat(built / "catalog.pdf")
    pages = len(PdfReader(built / "catalog.pdf").pages)
    index = _columns(built / "catalog.pdf", pages)
    index = index[index.index("Указатель ключевых слов"):]
    both = ", ".join(sorted([a, b]))
    assert f"государственные услуги {both}" in index and f"очереди {both}" in index
    assert f"цифровизация {a}" in index and f"ёмкость зала {b}" in index
    order = [index.index(w) for w in ("государственные услуги", "ещё одно слово", "ёмкость зала", "очереди",
                                      "сельские округа", "цифровизация", "ЦОН", "Ярославль")]
    assert order == sorted(order)
    assert index.count(" Е ") == 1 and " Ё " not in index  # «ё» filed under «Е», as Russian dictionaries do
    assert "Указатель ключевых слов" in flat[:flat.index("Кейс №")]  # in the contents, before the first entry
    reader = PdfReader(built / "catalog.pdf")
    last = len(reader.pages) - 1
    goto = [str(act["/D"]) for page, act in _links(reader) if act["/S"] == "/GoTo" and page == last]
    assert sorted(set(goto)) == ["queues-a", "queues-b"]
    assert set(goto) <= set(reader.named_destinations)
    assert reader.get_destination_page_number(reader.named_destinations["queues-b"]) < last
    assert [o.title for o in reader.outline][-1] == "Указатель ключевых слов"


@pytest.mark.slow
def test_the_contents_and_see_also_are_links_to_their_places_in_the_catalogue(built: Path) -> None:
    reader = PdfReader(built / "catalog.pdf")
    names = reader.named_destinations
    contents = {str(act["/D"]) for page, act in _links(reader) if act["/S"] == "/GoTo" and page == 0}
    flat = _flat(built / "catalog.pdf")
    front = " ".join(reader.pages[0].extract_text().split())
    assert "keyword-index" in contents and len(contents) == 3  # two disciplines and the index
    for name in contents:
        page = reader.get_destination_page_number(names[name])
        heading = " ".join(reader.pages[page].extract_text().split())
        # the contents line of the discipline (or the index) names the page its link leads to
        title = next(t for t in ("Государственное и муниципальное управление",
                                 "Цифровая трансформация государственного управления", "Указатель ключевых слов")
                     if t in heading and re.search(re.escape(t) + r" (\(\d+\) )?\.*\s*" + str(page + 1), front))
        assert title, name
    # each entry's "see also" names the other case (they share four keywords) and leads to its entry
    assert flat.count("См. также: Кейс № queues-") == 2
    for slug, other in (("queues-a", "queues-b"), ("queues-b", "queues-a")):
        own = reader.get_destination_page_number(names[slug])
        see = [str(act["/D"]) for page, act in _links(reader) if act["/S"] == "/GoTo" and page == own]
        assert other in see, slug


@pytest.mark.slow
def test_the_joined_catalogue_is_tagged_titled_and_in_its_language(built: Path) -> None:
    reader = PdfReader(built / "catalog.pdf")
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert root["/Lang"] == "ru" and reader.metadata is not None and reader.metadata.title == "Каталог кейсов"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] is True or root["/ViewerPreferences"]["/DisplayDocTitle"]
    tree = root["/StructTreeRoot"].get_object()
    document = tree["/K"][0].get_object()
    assert document["/S"] == "/Document" and document["/P"].get_object() is tree
    parts = [k.get_object() for k in document["/K"]]
    assert len(parts) >= 3 and {p["/S"] for p in parts} == {"/Part"}  # front matter, entries, index
    nums = tree["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for n, page in enumerate(reader.pages):
        elements = parents[int(page["/StructParents"])]
        assert elements, n
        for e in elements:  # the marked content of the page is tied to elements drawn on that very page
            assert reader.get_page_number(e.get_object()["/Pg"].get_object()) == n
        for a in page.get("/Annots") or []:
            link = parents[int(a.get_object()["/StructParent"])].get_object()
            assert link["/S"] == "/Link"
    text = subprocess.run(["pdfinfo", str(built / "catalog.pdf")], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in text
    fonts = subprocess.run(["pdffonts", str(built / "catalog.pdf")], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows)


def test_kazakh_and_russian_alphabetical_order() -> None:
    kk = ["ұлт", "аудан", "іс", "әкім", "яки", "ғылым", "қала", "өңір", "кеңес", "үкімет", "һ", "шешім", "ы"]
    assert sorted(kk, key=lambda w: sort_key(w, "kk")) == [
        "аудан", "әкім", "ғылым", "кеңес", "қала", "өңір", "ұлт", "үкімет", "һ", "шешім", "ы", "іс", "яки"]
    ru = ["ёлка", "еда", "жук", "Яблоко", "акимат", "ЦОН", "цифровизация", "ель"]
    assert sorted(ru, key=lambda w: sort_key(w, "ru")) == [
        "акимат", "еда", "ель", "ёлка", "жук", "цифровизация", "ЦОН", "Яблоко"]
