"""Search in Russian, Kazakh and English, with filters, from a built index and on the fly."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.card import make_card
from keykis.cli import main
from keykis.gate import require_case
from keykis.library import BuildOptions, build_database
from keykis.model import load_case
from keykis.search import open_index, search
from keykis.search.index import fts_query
from tests.library import standin
from tests.library.conftest import add_case


@pytest.fixture
def two_cases(tmp_path: Path) -> Path:
    cases = tmp_path / "cases"
    add_case(cases, "queues")
    add_case(cases, "diplomacy", title_suffix=" (побратимы)", replace={
        "  ru: [государственные услуги, ЦОН, цифровизация, очереди, сельские округа]":
        "  ru: [городская дипломатия, города-побратимы]",
        "  kk: [мемлекеттік қызметтер, ХҚКО, цифрландыру, кезек, ауылдық округтер]": "  kk: [қалалық дипломатия]",
        "  en: [public services, service centre, digitalisation, queues, rural districts]":
        "  en: [city diplomacy, sister cities]",
        "  - name: Государственное и муниципальное управление\n    courses: [Государственные услуги, Управление изменениями]\n":
        "  - name: Международные отношения\n",
        "    - name: Авторский коллектив открытой базы кейсов КЕЙКИС\n": "    - name: Айгуль Нурланова\n",
    })
    return cases


def conn_for(cases: Path):
    cards = [make_card(require_case(load_case(f)), slug=f.name) for f in sorted(cases.iterdir())]
    return open_index(None, cards)


def slugs(hits) -> list[str]:
    return sorted(h.slug for h in hits)


@pytest.mark.parametrize(("query", "expected"), [
    ("очередь", ["diplomacy", "queues"]),          # ru: another form of "очереди" (abstract of both)
    ("побратимы", ["diplomacy"]),                  # ru keyword
    ("дипломатия", ["diplomacy"]),
    ("қалалық", ["diplomacy"]),                    # kk keyword
    ("ЦИФРЛАНДЫРУ", ["queues"]),                   # kk keyword, upper case
    ("ауылдық", ["queues"]),
    ("sister city", ["diplomacy"]),                # en, every word must match
    ("rural district", ["queues"]),
    ("Иванов", ["diplomacy", "queues"]),           # actor, public name
    ("Международные", ["diplomacy"]),              # discipline
    ("Сапаров", []),                               # a real name of a disguised case is not indexed
    ('"city diplomacy"', ["diplomacy"]),
    ('"diplomacy city"', []),
])
def test_search_in_three_languages(two_cases: Path, query: str, expected: list[str]) -> None:
    assert slugs(search(conn_for(two_cases), query)) == expected


def test_filters_by_discipline_language_and_author(two_cases: Path) -> None:
    conn = conn_for(two_cases)
    assert slugs(search(conn, "", discipline="международные")) == ["diplomacy"]
    assert slugs(search(conn, "", discipline="Государственные услуги")) == ["queues"]  # a course
    assert slugs(search(conn, "очередь", author="нурланова")) == ["diplomacy"]
    assert slugs(search(conn, "", lang="kk")) == ["diplomacy", "queues"]
    assert slugs(search(conn, "", lang="en", author="nobody")) == []


def test_the_title_ranks_first(two_cases: Path) -> None:
    hits = search(conn_for(two_cases), "побратимы очереди")
    assert [h.slug for h in hits] == ["diplomacy"]


@pytest.mark.parametrize("typed", ['ЦОН-2 (', '"', "AND OR NOT", "*", "NEAR(a b)", "'; DROP TABLE cases; --"])
def test_nothing_typed_breaks_the_query(two_cases: Path, typed: str) -> None:
    hits = search(conn_for(two_cases), typed)  # raises on an FTS5 syntax error
    assert all(h.slug in ("queues", "diplomacy") for h in hits)
    assert fts_query(typed).count('"') % 2 == 0


@pytest.mark.slow
def test_cli_search_on_the_fly_and_from_a_build(two_cases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "дипломатия", "--in", str(two_cases)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("diplomacy  [ru, kk, en]  Может ли руководитель ЦОН сократить очереди")
    assert str(two_cases / "diplomacy" / "case.yaml") in out and "queues" not in out
    opts = BuildOptions(outdir=tmp_path / "out", workers=1, renderer=standin.render)
    build_database([two_cases], opts)
    assert main(["search", "queue", "--in", str(opts.outdir), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Can the head of a public service centre" in out and str(opts.outdir / "queues" / "case.pdf") in out
    assert main(["search", "несуществующее", "--in", str(opts.outdir)]) == 1
    assert "no case matches" in capsys.readouterr().err


def test_cli_search_skips_a_broken_file_and_names_it(two_cases: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (two_cases / "broken").mkdir()
    (two_cases / "broken" / "case.yaml").write_text("title: [\n", encoding="utf-8")
    assert main(["search", "queue", "--in", str(two_cases)]) == 0
    captured = capsys.readouterr()
    assert "queues" in captured.out and "skipped" in captured.err and "broken/case.yaml" in captured.err


@pytest.mark.slow
def test_a_built_index_holds_the_case_text(two_cases: Path, tmp_path: Path) -> None:
    from keykis.library.catalogue import INDEX

    opts = BuildOptions(outdir=tmp_path / "out", workers=1, renderer=standin.render)
    build_database([two_cases], opts)
    word = "консультации"  # the case's narrative says «консультаций»; no card field holds it
    assert slugs(search(conn_for(two_cases), word)) == []
    assert slugs(search(open_index(opts.outdir / INDEX), word)) == ["diplomacy", "queues"]
    assert len(list((opts.outdir / ".search-terms").glob("*.txt"))) == 2
