"""The keyword index laid out in pieces (its memory no longer grows with the library): every keyword once, in
order, one heading, and the contents pointing at the page where it starts."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from keykis.card import make_card
from keykis.library import catalogue
from keykis.model import load_case
from keykis.paths import cases_dir


def _letters(sizes: dict[str, int]) -> list[catalogue.IndexLetter]:
    return [catalogue.IndexLetter(letter, [catalogue.IndexEntry(f"{letter.lower()}{i:02d}") for i in range(n)])
            for letter, n in sizes.items()]


def test_pieces_are_cut_between_letters_and_a_long_letter_goes_on_under_its_heading() -> None:
    pieces = catalogue.index_pieces(_letters({"А": 3, "Б": 4, "В": 2, "Г": 9, "Д": 1}), budget=5)
    shape = [[(g.letter, len(g.entries)) for g in piece] for piece in pieces]
    # Б does not fit beside А and starts a piece; Г is longer than a piece and is cut, its heading repeated
    assert shape == [[("А", 3)], [("Б", 4)], [("В", 2), ("Г", 3)], [("Г", 5)], [("Г", 1), ("Д", 1)]]
    words = [e.word for piece in pieces for g in piece for e in g.entries]
    assert words == [e.word for g in _letters({"А": 3, "Б": 4, "В": 2, "Г": 9, "Д": 1}) for e in g.entries]
    assert all(sum(len(g.entries) for g in piece) <= 5 for piece in pieces)
    assert catalogue.index_pieces([], budget=5) == []


@pytest.mark.slow
def test_an_index_of_several_pieces_reads_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = cases_dir() / "ozerny-service-centre"
    base = make_card(load_case(folder), slug=folder.name, pages={"case.pdf": 4}, outputs=["case.pdf"])
    words = ["бюджет района", "вахтовый автобус", "гражданская инициатива", "дорожная карта", "жалобы жителей",
             "земельный участок", "комиссия акимата", "льготная очередь"]
    cards = []
    for i in range(4):  # two keywords of its own per card, under letters of their own
        card = copy.deepcopy(base)
        card["slug"], card["number"] = f"{folder.name}-{i}", f"{card['number']}-{i}"
        card["title"] = {k: f"{v} ({i + 1})" for k, v in card["title"].items()}
        card["keywords"] = {"ru": words[2 * i:2 * i + 2]}
        cards.append(card)
    monkeypatch.setattr(catalogue, "INDEX_PIECE", 3)  # eight keywords: three pieces, each on pages of its own
    stats = catalogue.write_pdf(cards, tmp_path, "ru")
    assert stats.chunks >= 1 + 1 + 3
    pdf = tmp_path / catalogue.CATALOG_PDF
    heading = "Указатель ключевых слов"
    reader = PdfReader(pdf)
    assert [o.title for o in reader.outline].count(heading) == 1
    start = reader.get_destination_page_number(reader.named_destinations[catalogue.INDEX_ANCHOR])
    index = " ".join(" ".join(page.extract_text().split()) for page in reader.pages[start:])
    at = [index.index(w) for w in words]
    assert at == sorted(at)  # every keyword, in alphabetical order across the pieces
    # on each page the running head, and once the heading or, where a piece goes on, the line that says so
    assert index.count(heading) == 2 * (len(reader.pages) - start)
    page_text = " ".join(reader.pages[start].extract_text().split())
    assert heading in page_text and "бюджет района" in page_text
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "льготная очередь" in last and heading in last  # the running head names the index on its last page
    front = " ".join(reader.pages[0].extract_text().split())
    assert re.search(rf"{heading}[ .]*{start + 1}\b", front)  # the contents give the page the index starts on


def test_a_keyword_many_cases_share_weighs_its_numbers_and_goes_on_in_the_next_piece() -> None:
    shared = catalogue.IndexEntry("акимат", [(f"{i:03d}", f"case-{i:03d}") for i in range(120)])
    letters = [catalogue.IndexLetter("А", [catalogue.IndexEntry("автобус", [("001", "case-001")]), shared]),
               catalogue.IndexLetter("Б", [catalogue.IndexEntry("бюджет", [("002", "case-002")])])]
    pieces = catalogue.index_pieces(letters, budget=6)  # a piece: 6 keywords, or 50 numbers of one keyword and more
    runs = [[(g.letter, [(e.word, len(e.cases)) for e in g.entries]) for g in piece] for piece in pieces]
    assert runs == [[("А", [("автобус", 1)])], [("А", [("акимат", 50)])], [("А", [("акимат", 50)])],
                    [("А", [("акимат", 20)]), ("Б", [("бюджет", 1)])]]
    numbers = [n for piece in pieces for g in piece for e in g.entries if e.word == "акимат" for n, _ in e.cases]
    assert numbers == [n for n, _ in shared.cases]  # every number once, in order
    assert all(sum(1 + len(e.cases) // catalogue.NUMBERS_PER_KEYWORD for g in p for e in g.entries) <= 6 for p in pieces)
