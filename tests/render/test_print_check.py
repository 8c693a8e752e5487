"""The print check on every bundled case in every edition and on the catalogue.

One real build of ``cases/`` (what ``make demo`` writes to ``out/``, the same
files ``keykis render --edition all`` writes per case), measured as a
production editor would: glyph sizes, sparse pages, internal codes, fonts,
hyphenation. ``benchmarks/print_check.py out`` prints the same figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.build import BuildOptions, build_database
from keykis.render.proof import Proof, documents, internal_codes, proof
from tests.helpers import ROOT

CASES = ROOT / "cases"


@pytest.fixture(scope="module")
def proofs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Proof]:
    out = tmp_path_factory.mktemp("print") / "out"
    report = build_database(sorted(p for p in CASES.iterdir() if (p / "case.yaml").exists()),
                            BuildOptions(outdir=out, workers=2, timeout=300))
    assert report.ok, report.outcomes
    return {str(p.relative_to(out)): proof(p) for p in documents(out)}


def test_internal_codes_are_found_in_text() -> None:
    text = "Решение s1 выбрано (поле choice_reason), его строит keykis [zhambyl]; уровень civil-service."
    assert internal_codes(text) == ["s1", "choice_reason", "[zhambyl]", "keykis", "civil-service"]
    assert internal_codes("Проблема 3 (П3), 2023 г., см. https://example.kz/a_b/s1 и [3]. КЕЙКИС.") == []


@pytest.mark.slow
def test_every_document_is_measured(proofs: dict[str, Proof]) -> None:
    slugs = {p.name for p in CASES.iterdir() if (p / "case.yaml").exists()}
    for slug in slugs:
        assert {f"{slug}/case.pdf", f"{slug}/guidelines.pdf", f"{slug}/graph.pdf"} <= set(proofs)
    assert "catalog.pdf" in proofs


@pytest.mark.slow
def test_no_glyph_below_6_pt(proofs: dict[str, Proof]) -> None:
    small = {name: (p.below6, p.smallest) for name, p in proofs.items() if p.below6}
    assert not small, small


@pytest.mark.slow
def test_no_glyph_below_7_pt_in_figures_or_text(proofs: dict[str, Proof]) -> None:
    """Figures (the concept graph page, the graph in the case, the fan) print at 7 pt or more, as the text does."""
    small = {name: (p.below7, p.smallest) for name, p in proofs.items() if p.below7}
    assert not small, small


@pytest.mark.slow
def test_every_font_is_embedded(proofs: dict[str, Proof]) -> None:
    bad = {name: p.unembedded for name, p in proofs.items() if p.unembedded}
    assert not bad, bad


@pytest.mark.slow
def test_at_most_one_sparse_page_per_document(proofs: dict[str, Proof]) -> None:
    sparse = {name: p.sparse for name, p in proofs.items() if len(p.sparse) > 1}
    assert not sparse, sparse


@pytest.mark.slow
def test_no_internal_code_is_printed(proofs: dict[str, Proof]) -> None:
    codes = {name: p.codes for name, p in proofs.items() if p.codes}
    assert not codes, codes


@pytest.mark.slow
def test_kazakh_hyphenates_at_least_half_as_often_as_russian(proofs: dict[str, Proof]) -> None:
    from keykis.model import load_case

    rates: dict[str, list[float]] = {"ru": [], "kk": []}
    for name, p in proofs.items():
        slug, _, doc = name.partition("/")
        if doc in ("case.pdf", "guidelines.pdf") and p.body_lines >= 50:
            lang = load_case(CASES / slug).language
            if lang in rates:
                rates[lang].append(p.hyphen_rate)
    assert rates["ru"] and rates["kk"], rates
    ru = sum(rates["ru"]) / len(rates["ru"])
    assert min(rates["kk"]) >= ru / 2, rates


def test_proof_reads_a_pdf(tmp_path: Path) -> None:
    from weasyprint import HTML

    pdf = tmp_path / "small.pdf"
    HTML(string='<p style="font: 5pt serif">tiny s1</p><p style="font: 10pt serif">normal</p>').write_pdf(pdf)
    p = proof(pdf)
    assert p.below6 == len("tinys1") and 4.9 <= p.smallest <= 5.1
    assert p.codes == ["s1"] and not p.unembedded
    assert len(p.pages) == 1 and p.pages[0].fill < 0.25


def test_ids_in_prose_print_as_numbers_and_citations_before_a_colon_resolve() -> None:
    from keykis.render.markup import inline, markdown

    ids = {"s1": "Р1", "s5": "Р5", "g1": "Ц1", "d2": "2"}
    assert str(inline("строки (s1–s5), столбец g1, вопрос d2; x1 и https://e.kz/s1", None, ids)) == (
        "строки (Р1–Р5), столбец Ц1, вопрос 2; x1 и https://e.kz/s1")
    assert str(markdown("алгоритм из 25 шагов [keykis]: матрица", {"keykis": 2})) == "<p>алгоритм из 25 шагов [2]: матрица</p>\n"
    assert str(markdown("[keykis]: https://example.org", {"keykis": 2})).count("[2]") == 0
