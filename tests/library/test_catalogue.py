"""The catalogue as a reader sees it: text extracted from catalog.pdf, and catalog.json."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from keykis.library import BuildOptions, build_database
from tests.library.conftest import add_case


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def catalogue_db(tmp_path: Path) -> Path:
    cases = tmp_path / "cases"
    add_case(cases, "queues-a", title_suffix=" (район А)")
    add_case(cases, "queues-b", title_suffix=" (район Б)", replace={
        "  - name: Государственное и муниципальное управление\n    courses: [Государственные услуги, Управление изменениями]\n":
        "  - name: Региональное управление\n",
        "    - name: Авторский коллектив открытой базы кейсов КЕЙКИС\n": "    - name: Айгуль Нурланова\n",
    })
    return cases


@pytest.mark.slow
def test_catalogue_pdf_groups_cases_by_discipline_with_their_cards(catalogue_db: Path, opts: BuildOptions) -> None:
    assert build_database([catalogue_db], opts).ok
    text = pdf_text(opts.outdir / "catalog.pdf")
    flat = " ".join(text.split())
    assert "Каталог кейсов" in flat and "Кейсов в каталоге: 2" in flat
    for heading in ("Государственное и муниципальное управление", "Региональное управление",
                    "Цифровая трансформация государственного управления"):
        assert heading in flat
    first = flat.index("Государственное и муниципальное управление", flat.index("Содержание") + 200)
    assert flat.index("штатных единиц (район А)?", first) > first
    region = flat.index("Региональное управление", first)
    assert flat.index("штатных единиц (район Б)?", region) > region
    assert "Авторы: Айгуль Нурланова" in flat
    assert "Авторы: Авторский коллектив открытой базы кейсов КЕЙКИС (Открытая учебная база кейсов" in flat
    assert "Языки: русский, казахский, английский" in flat
    assert "Уровень: повышение квалификации госслужащих" in flat
    assert "Место и время: Казахстан, условный Озёрный район, государственные услуги, 2025" in flat
    assert "Страниц: кейс 3, указания 5" in flat
    assert "Методические указания: есть" in flat
    assert "Ключевые слова: государственные услуги, ЦОН, цифровизация, очереди, сельские округа" in flat
    assert "Озёрный район, весна 2025 года" in flat  # the synopsis, never the abstract (it names the answer)
    assert "Руководитель районного центра обслуживания населения (ЦОН) Иванов видит" not in flat
    assert "См. также" in flat  # both cases list the digital-transformation discipline second
    assert "Ерлан Сапаров" not in flat  # a disguised case's real names stay out


@pytest.mark.slow
def test_catalogue_in_english_uses_english_abstracts_and_words(catalogue_db: Path, opts: BuildOptions) -> None:
    opts.lang = "en"
    assert build_database([catalogue_db], opts).ok
    flat = " ".join(pdf_text(opts.outdir / "catalog.pdf").split())
    assert "Case catalogue" in flat and "Teaching guidelines: available" in flat
    assert "Can the head of a public service centre shorten the queues without new staff?" in flat
    assert "Ozerny district, spring 2025." in flat
    assert "Ivanov, head of a district public service centre, sees that" not in flat
    assert "Keywords: public services, service centre, digitalisation, queues, rural districts" in flat


@pytest.mark.slow
def test_an_entry_in_another_language_translates_its_setting_and_marks_what_stays_in_the_case_language(
        catalogue_db: Path, opts: BuildOptions) -> None:
    opts.lang = "kk"
    assert build_database([catalogue_db], opts).ok
    flat = " ".join(pdf_text(opts.outdir / "catalog.pdf").split())
    # the country and the level of government from the vocabularies; the case's own words marked as Russian
    assert "Орны мен уақыты: Қазақстан, аудан, 2025; орыс тілінде: условный Озёрный район; государственные услуги" in flat
    assert ("Авторлар: Айгуль Нурланова (Открытая учебная база кейсов КЕЙКИС по государственному управлению) "
            "(орыс тілінде)") in flat
    assert "Региональное управление (орыс тілінде); Мемлекеттік басқаруды цифрлық трансформациялау" in flat
    assert "Сондай-ақ қараңыз: Кейс № queues-a · ХҚКО басшысы жаңа штат бірліктерінсіз кезекті қысқарта ала ма?" in flat


def test_setting_places_are_translated_piece_by_piece() -> None:
    from keykis.library.catalogue import _setting

    card = {"language": "kk", "setting": {"country": "Қазақстан", "region": "Жамбыл облысы, Қордай ауданы, Масаншы ауылы",
                                          "government_level": "local", "policy_area": "қоғамдық келісім", "year": 2026}}
    assert _setting(card, "ru") == ("Казахстан, Жамбылская область, Кордайский район, местное самоуправление, 2026",
                                    "Масаншы ауылы; қоғамдық келісім")
    assert _setting(card, "kk") == ("Қазақстан, Жамбыл облысы, Қордай ауданы, Масаншы ауылы, жергілікті өзін-өзі басқару, "
                                    "қоғамдық келісім, 2026", "")
    astana = {"language": "en", "setting": {"country": "Kazakhstan", "region": "Astana (capital city)"}}
    assert _setting(astana, "ru") == ("Казахстан, город Астана", "")
    astana["setting"]["government_level"] = "city"  # type: ignore[index]
    assert _setting(astana, "en") == ("Kazakhstan, Astana city", "")  # the place says "city" already
    assert _setting(astana, "kk")[0] == "Қазақстан, Астана қаласы"


def test_related_cases_share_keywords_and_rank_by_what_else_they_share() -> None:
    from keykis.library.catalogue import related

    def card(slug: str, number: str, words: list[str], level: str = "master") -> dict[str, object]:
        return {"slug": slug, "number": number, "keywords": {"en": words}, "level": level, "setting": {}}

    cards = [card("a", "1", ["queues", "service centre", "staff"]), card("b", "2", ["queues", "staff"]),
             card("c", "3", ["queues"], level="phd"), card("d", "4", ["queues"]), card("e", "5", ["budget"])]
    found = related(cards, "en")  # type: ignore[arg-type]
    assert found["a"] == ["b", "d"]  # two shared keywords first; one keyword and the same level next; c only 2 points
    assert found["e"] == [] and "a" in found["b"]


@pytest.mark.slow
def test_catalogue_json_lists_every_card(catalogue_db: Path, opts: BuildOptions) -> None:
    build_database([catalogue_db], opts)
    data = json.loads((opts.outdir / "catalog.json").read_text(encoding="utf-8"))
    assert data["count"] == 2 and [c["slug"] for c in data["cases"]] == ["queues-a", "queues-b"]
    card = data["cases"][0]
    assert card["languages"] == ["ru", "kk", "en"] and card["guidelines"] is True
    assert card["level"] == "civil-service" and card["pages"] == {"case.pdf": 3, "graph.pdf": 1, "guidelines.pdf": 5}
    assert card["keywords"]["kk"][0] == "мемлекеттік қызметтер"
    assert "Иванов — руководитель ЦОН" in card["actors"]
    raw = (opts.outdir / "catalog.json").read_text(encoding="utf-8")
    assert "Ерлан Сапаров" not in raw and "Арман Жолдасов" not in raw


@pytest.mark.slow
def test_a_changed_title_lays_out_only_its_own_part_and_those_that_name_it_again(tmp_path: Path, opts: BuildOptions,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from keykis.library import catalogue

    monkeypatch.setattr(catalogue, "CUT_EVERY", 1)  # every card its own part: five parts besides the front matter
    cases = tmp_path / "cases"
    one_discipline = {"  - name: Цифровая трансформация государственного управления\n": ""}
    for i in range(1, 6):
        add_case(cases, f"case-{i}", title_suffix=f" (вариант {i})", replace=one_discipline)
    stats: list[catalogue.PdfStats] = []
    real = catalogue.write_pdf
    monkeypatch.setattr(catalogue, "write_pdf", lambda *a, **k: stats.append(real(*a, **k)) or stats[-1])
    assert build_database([cases], opts).ok
    assert stats[-1].chunks == 7 and stats[-1].laid_out == 7  # front matter, five chunks, the keyword index
    before = set((opts.outdir / catalogue.CHUNKS).glob("*.pdf"))
    yaml = cases / "case-3" / "case.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("(вариант 3)?", "(вариант 3, новый)?"), encoding="utf-8")
    report = build_database([cases], opts)
    assert report.ok and report.catalogue == "built"
    # the changed card's part, and the parts of the entries whose "see also" prints its title; the contents and
    # the index keep theirs
    cards = json.loads((opts.outdir / "catalog.json").read_text(encoding="utf-8"))["cases"]
    citing = [slug for slug, others in catalogue.related(cards, "ru").items() if "case-3" in others]
    assert stats[-1].laid_out == 1 + len(citing)
    after = set((opts.outdir / catalogue.CHUNKS).glob("*.pdf"))
    assert len(after - before) == 1 + len(citing) and len(before - after) == 1 + len(citing)  # old parts dropped
    flat = " ".join(pdf_text(opts.outdir / "catalog.pdf").split())
    assert "(вариант 3, новый)?" in flat and "(вариант 3)?" not in flat
    for i in (1, 2, 4, 5):
        assert f"(вариант {i})?" in flat
    assert flat.index("(вариант 2)?") < flat.index("(вариант 3, новый)?") < flat.index("(вариант 4)?")


def test_the_chunk_folder_of_earlier_versions_goes_only_when_it_holds_chunks_alone(tmp_path: Path) -> None:
    from keykis.library import catalogue

    old = tmp_path / "ours" / catalogue.OLD_CHUNKS
    old.mkdir(parents=True)
    (old / "0a1b2c-4.pdf").write_bytes(b"%PDF-1.7 laid out")
    catalogue._drop_old_chunks(tmp_path / "ours")
    assert not old.exists()
    kept = tmp_path / "theirs" / catalogue.OLD_CHUNKS
    kept.mkdir(parents=True)
    (kept / "0a1b2c-4.pdf").write_bytes(b"%PDF-1.7 laid out")
    (kept / "notes.txt").write_text("an author's file", encoding="utf-8")
    catalogue._drop_old_chunks(tmp_path / "theirs")
    assert (kept / "notes.txt").read_text(encoding="utf-8") == "an author's file"
    assert (kept / "0a1b2c-4.pdf").exists()
