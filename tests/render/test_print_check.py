"""The print check on every bundled case in every edition and on the catalogue.

One real build of ``cases/`` (what ``make demo`` writes to ``out/``, the same
files ``keykis render --edition all`` writes per case), measured as a
production editor would: glyph sizes, sparse pages, internal codes, fonts,
hyphenation. ``benchmarks/print_check.py out`` prints the same figures.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from benchmarks.proof import Proof, documents, graph_labels, internal_codes, proof
from keykis.library import BuildOptions, build_database
from tests.helpers import ROOT

CASES = ROOT / "cases"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("print") / "out"
    report = build_database(sorted(p for p in CASES.iterdir() if (p / "case.yaml").exists()),
                            BuildOptions(outdir=out, workers=2, timeout=900))
    assert report.ok, report.outcomes
    return out


@pytest.fixture(scope="module")
def proofs(built: Path) -> dict[str, Proof]:
    return {str(p.relative_to(built)): proof(p) for p in documents(built)}


def _text(pdf: Path) -> str:
    """The PDF's text, words broken at line ends joined again, whitespace normalised."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(re.sub(r"(\w)[-\u2010\u00ad]\n(\w)", r"\1\2", raw).split())


TABLE_CAPTION = {"ru": r"Таблица (\d+)\. ", "kk": r"Кесте (\d+)\. ", "en": r"Table (\d+)\. "}
TABLE_CALL = {"ru": r"в таблице {n}(?!\d)|Таблица {n}(?![.\d])", "kk": r"(?<!\d){n}-кесте", "en": r"Table {n}(?![.\d])"}


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
def test_no_graph_label_stands_beside_another_and_no_edge_runs_through_a_region_name(proofs: dict[str, Proof]) -> None:
    graphs = {name: p for name, p in proofs.items() if name.endswith("graph.pdf")}
    assert len(graphs) == len([p for p in CASES.iterdir() if (p / "case.yaml").exists()])
    assert {name: p.beside for name, p in graphs.items() if p.beside} == {}
    assert {name: p.through for name, p in graphs.items() if p.through} == {}


def test_the_graph_label_measures_find_what_graphviz_itself_places_badly() -> None:
    """Graphviz's own placement (before the labels and names are moved) puts the Astana graph's labels side by
    side and an edge through the internal environment's name; the measures read both from the SVG."""
    from keykis.gate import require_case
    from keykis.model import load_case
    from keykis.render.disguise import public_case
    from keykis.render.graph_dot import concept_dot, draw
    from keykis.render.graph_geometry import finish, read_drawing

    case = public_case(require_case(load_case(CASES / "astana-world-city")))
    dot = concept_dot(case, case.language, rankdir="TB", limit=30)
    beside, through = graph_labels(finish(draw(dot), read_drawing(draw(dot, "json"))))
    assert len(beside) >= 2 and ("internal", "edge9") in through, (beside, through)


@pytest.mark.slow
def test_the_concept_graph_in_the_handout_and_the_case_prints_at_7_pt_with_its_labels_apart(
        proofs: dict[str, Proof]) -> None:
    """The figure in the text, not only the graph's own page: type at 7 pt or more as printed, no two labels of
    different edges side by side, no edge through a region's name."""
    editions = {name: p for name, p in proofs.items() if name.endswith(("handout.pdf", "case.pdf"))}
    assert len(editions) == 2 * len([p for p in CASES.iterdir() if (p / "case.yaml").exists()])
    assert {name for name, p in editions.items() if p.figure is None} == set()
    figures = {name: p.figure for name, p in editions.items() if p.figure is not None}
    assert {name: (f.smallest, f.below7) for name, f in figures.items() if f.below7 or f.smallest < 7} == {}
    assert {name: (f.beside, f.through) for name, f in figures.items() if f.beside or f.through} == {}


@pytest.mark.slow
def test_the_figure_measures_read_the_graph_as_printed_in_the_text(tmp_path: Path) -> None:
    """A drawing squeezed into a narrow column prints its type under 7 pt, and Graphviz's own placement of the
    Astana graph's labels stands two side by side: the figure measures find both in the PDF they are printed in."""
    import pdfplumber

    from benchmarks.proof import figure_facts
    from keykis.gate import require_case
    from keykis.model import load_case
    from keykis.render.disguise import public_case
    from keykis.render.engine import PdfJob, write_pdf
    from keykis.render.fetcher import asset_url
    from keykis.render.graph_dot import concept_dot, draw
    from keykis.render.graph_geometry import finish, read_drawing

    case = public_case(require_case(load_case(CASES / "astana-world-city")))
    dot = concept_dot(case, case.language, rankdir="TB", limit=30)
    svg = finish(draw(dot), read_drawing(draw(dot, "json")))
    found = {}
    for width in ("60mm", "160mm"):
        figure = (f'<div class="figure-block"><figure><img src="{asset_url("g.svg")}" alt="Graph" style="width: {width}">'
                  '<figcaption>Figure 1. Who works with whom.</figcaption></figure></div>')
        job = PdfJob(html=_float_page(figure, paragraphs_before=1, after=1), target=tmp_path / f"{width}.pdf",
                     assets={"g.svg": (svg, "image/svg+xml")})
        write_pdf(job)
        with pdfplumber.open(job.target) as doc:
            found[width] = figure_facts(doc, svg)
            assert figure_facts(doc, b'<svg xmlns="http://www.w3.org/2000/svg"><text>Not printed here</text></svg>') is None
    narrow, wide = found["60mm"], found["160mm"]
    assert narrow is not None and wide is not None
    assert narrow.below7 > 0 and narrow.smallest < 7 <= wide.smallest and wide.below7 == 0
    assert len(wide.beside) >= 2 and ("internal", "edge9") in wide.through


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


@pytest.mark.slow
def test_no_justified_line_runs_past_the_margin_and_no_space_before_a_span_is_lost(proofs: dict[str, Proof]) -> None:
    """Kozea/WeasyPrint#2928: with pair kerning on, justified runs are drawn wider than laid out (print.css turns it off)."""
    bad = {name: (p.overruns, p.tight) for name, p in proofs.items()
           if name.endswith(("case.pdf", "guidelines.pdf")) and (p.overruns or p.tight)}
    assert not bad, bad


def test_the_spacing_measures_catch_kerned_justified_text(tmp_path: Path) -> None:
    from weasyprint import CSS, HTML

    from keykis.paths import templates_dir

    words = "Отдел работает с проектами. <em>Динамика</em> растёт — <strong>М</strong> Туксон, «Тэгу» и Алматы."
    html = f'<html lang="ru"><body><main class="body"><p>{" ".join([words] * 40)}</p></main></body></html>'
    css = CSS(filename=str(templates_dir() / "print.css"))
    kerned = CSS(string="html, p { font-kerning: normal; }")
    HTML(string=html).write_pdf(tmp_path / "kerned.pdf", stylesheets=[css, kerned])
    HTML(string=html).write_pdf(tmp_path / "plain.pdf", stylesheets=[css])
    before, after = proof(tmp_path / "kerned.pdf"), proof(tmp_path / "plain.pdf")
    assert before.overruns + before.tight >= 5, (before.overruns, before.tight)
    assert (after.overruns, after.tight) == (0, 0)


@pytest.mark.slow
def test_tables_are_numbered_in_print_order_and_each_is_called_out_by_its_number(built: Path) -> None:
    from keykis.model import load_case

    for slug in sorted(p.name for p in CASES.iterdir() if (p / "case.yaml").exists()):
        lang = load_case(CASES / slug).language
        for doc in ("case.pdf", "guidelines.pdf"):
            text = _text(built / slug / doc)
            numbers = [int(n) for n in re.findall(TABLE_CAPTION[lang], text)]
            assert numbers == list(range(1, len(numbers) + 1)), (slug, doc, numbers)
            for n in numbers:
                assert re.search(TABLE_CALL[lang].format(n=n), text), (slug, doc, n)
        assert len(re.findall(TABLE_CAPTION[lang], _text(built / slug / "guidelines.pdf"))) >= 3, slug


@pytest.mark.slow
def test_appendices_print_as_numbered_sourced_exhibits_cited_by_number(built: Path) -> None:
    almaty = _text(built / "almaty-city-diplomacy" / "case.pdf")
    for n in range(1, 7):
        assert f"Приложение {n}. " in almaty
    assert almaty.count("Источник: ") == 6
    assert "резолюцию заместителя акима Серикова (приложение 6)" in almaty
    assert "(ключевые цифры — приложение 2)" in almaty and "[app-" not in almaty
    assert "карточку партнёрского проекта (приложение 3)" in _text(built / "almaty-city-diplomacy" / "guidelines.pdf")
    astana = _text(built / "astana-world-city" / "case.pdf")
    assert "Exhibit 1. International events" in astana and "Exhibit 2. Astana in figures" in astana
    assert "(Exhibit 1 lists the events" in astana and astana.count("Source: ") == 2 and "app_" not in astana
    zhambyl = _text(built / "zhambyl-public-consent" / "case.pdf")
    assert "Қосымша 1. " in zhambyl and "(ауылдардың қысқаша сипаттамасы — 1-қосымша)" in zhambyl
    assert zhambyl.count("Дереккөз: ") == 1  # the club's schedule would give the choice away: it is in the teaching note
    assert "Қосымша 2. " not in zhambyl


def test_an_appendix_cited_by_its_id_prints_as_its_exhibit_name() -> None:
    from keykis.render.markup import inline

    exhibits = {"app-budget": "приложение 2"}
    assert str(inline("расходы росли (см. [app-budget]) [keykis]", {"keykis": 1}, None, "ru", exhibits)) == (
        "расходы росли (см. приложение 2) [1]")
    assert str(inline("см. [app-budgte]", None, None, "ru", exhibits)) == "см. [app-budgte]"


def test_word_measures_find_what_a_production_editor_marks() -> None:
    from keykis.render.proof_words import measure

    page1 = ("КЕЙС · Заголовок\nОн пришёл в отдел рано утром, и в\nзале было пусто\n— сказал он потом коллегам у окна.\n"
             "а в конце страницы осталось слово, разбитое перено-\n1")
    page2 = "КЕЙС · Заголовок\nИсточник: отчёт акимата за 2024 год.\nНайдено [student-spoiler] в /home/user/cases/a.yaml\n2"
    words = measure(page1 + "\f" + page2)
    assert words.hanging == ["пришёл в отдел рано утром, и в"]
    assert len(words.dash_starts) == 1 and words.break_hyphens == [1] and words.stranded == [2]
    assert words.internals == ["student-spoiler", "/home/user/cases/a.yaml"]
    clean = measure("КЕЙС\nОн пришёл в\u00a0отдел рано утром и сел за стол.\n1")
    assert not (clean.hanging or clean.dash_starts or clean.break_hyphens or clean.stranded or clean.internals)


@pytest.mark.slow
def test_no_handout_prints_an_answer_and_no_document_prints_a_rule_id_or_a_path(proofs: dict[str, Proof]) -> None:
    handouts = {name: p for name, p in proofs.items() if name.endswith("handout.pdf")}
    assert len(handouts) == len([p for p in CASES.iterdir() if (p / "case.yaml").exists()])
    assert {name: p.words.leaked for name, p in handouts.items() if p.words.leaked} == {}
    assert {name: p.words.internals for name, p in proofs.items() if p.words.internals} == {}


@pytest.mark.slow
def test_no_page_is_left_a_third_empty_before_a_figure_and_no_small_table_is_split(proofs: dict[str, Proof]) -> None:
    gaps = {name: p.floats.gaps for name, p in proofs.items() if p.floats.gaps}
    split = {name: p.floats.split_tables for name, p in proofs.items() if p.floats.split_tables}
    assert (gaps, split) == ({}, {})


@pytest.mark.slow
def test_the_decision_matrix_heads_its_total_column_on_one_line(built: Path) -> None:
    """«Барлығы», «Итого», "Total" over the total column whole: the column is as wide as the word (the Zhambyl
    guidelines printed «Барлы-ғы» in 12 mm, which made its matrix taller)."""
    from keykis.model import load_case
    from keykis.vocabulary import section

    for slug in sorted(p.name for p in CASES.iterdir() if (p / "case.yaml").exists()):
        word = section("edition", load_case(CASES / slug).language)["total"]
        for doc in ("case.pdf", "guidelines.pdf"):
            raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(built / slug / doc), "-"],
                                 capture_output=True, text=True, check=True).stdout
            broken = [k for k in range(1, len(word)) if re.search(f"{word[:k]}[-\u2010\u00ad]?\n{word[k:]}", raw)]
            assert not broken, (slug, doc, word, broken)


def _decision(rows: int) -> str:
    reason = "Жители приходят чаще."
    cells = "".join(f'<td><span class="score">+{n % 3}</span><div class="reason">{reason}</div></td>' for n in range(4))
    body = "".join(f'<tr><th>Решение {n}: выездной приём в селе номер {n} раз в месяц.</th>{cells}'
                   f'<td class="num score">+{n}</td></tr>' for n in range(1, rows + 1))
    return ('<table class="decision"><caption>Таблица 1. Оценки решений.</caption><colgroup><col class="solution">'
            '<col><col><col><col><col class="total"></colgroup><thead><tr><th>Решение</th><th>Цель 1</th><th>Цель 2</th>'
            f'<th>Ценность 1</th><th>Ценность 2</th><th class="num">Итого</th></tr></thead><tbody>{body}</tbody></table>')


@pytest.mark.slow
def test_a_decision_matrix_over_half_a_page_breaks_between_its_rows_with_its_head_repeated(tmp_path: Path) -> None:
    """A matrix a little over half a page that does not fit below the text breaks between its rows, its head row
    printed again over the rest and no row left alone; one under half a page still waits whole for the next page."""
    from keykis.render.engine import PdfJob, write_pdf

    found = {}
    for rows in (4, 9):
        job = PdfJob(html=_float_page(_decision(rows), paragraphs_before=6, after=2), target=tmp_path / f"d{rows}.pdf",
                     floats=True)
        write_pdf(job)
        pages = subprocess.run(["pdftotext", "-enc", "UTF-8", str(job.target), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        found[rows] = (proof(job.target).floats, [n for n, page in enumerate(pages) if "Итого" in page],
                       [[n for n, page in enumerate(pages) if f"Решение {r}:" in page] for r in range(1, rows + 1)])
    (small, small_heads, _), (big, big_heads, big_rows) = found[4], found[9]
    assert (small.gaps, small.split_tables, len(small_heads)) == ([], [], 1)
    assert (big.gaps, big.split_tables) == ([], []) and len(big_heads) == 2, (big, big_heads)
    assert all(len(pages) == 1 for pages in big_rows)  # no row breaks inside
    on_first = sum(1 for pages in big_rows if pages == [big_heads[0]])
    assert 2 <= on_first <= len(big_rows) - 2, big_rows


@pytest.mark.slow
def test_no_line_ends_on_a_one_letter_word_or_starts_with_a_dash_and_no_word_breaks_across_pages(
        proofs: dict[str, Proof]) -> None:
    found = {name: (p.words.hanging, p.words.dash_starts, p.words.break_hyphens) for name, p in proofs.items()
             if p.words.hanging or p.words.dash_starts or p.words.break_hyphens}
    assert found == {}


FACTS = ("what", "who", "to_whom", "when", "where", "how_much", "means", "requirements", "report")


@pytest.mark.slow
def test_no_page_opens_with_the_end_of_a_task_fact_term(built: Path) -> None:
    """A fact term of two or more words (kk «Нәтиже туралы есеп») is never split from itself and its definition."""
    import yaml

    tails = set()
    for lang in ("ru", "kk", "en"):
        part = yaml.safe_load((ROOT / "keykis" / "vocabulary" / f"{lang}.yaml").read_text(encoding="utf-8"))["case_part"]
        for key in FACTS:
            words = part[key].split()
            tails |= {" ".join(words[i:]) for i in range(1, len(words))}
    assert "есеп" in tails and "туралы есеп" in tails
    opened = {}
    for pdf in sorted(built.glob("*/*.pdf")):
        pages = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout.split("\f")
        for number, page in enumerate(pages[1:], 2):
            body = [line.strip() for line in page.splitlines() if line.strip()][1:2]  # the line under the running head
            if body and body[0] in tails:
                opened[f"{pdf.parent.name}/{pdf.name} p. {number}"] = body[0]
    assert opened == {}


_SPRING = ("Весной отдел получил новое поручение: подготовить к осени план приёма граждан в сёлах района. "
           "Специалисты объездили двенадцать сёл, записали жалобы жителей и сверили их с отчётами прошлых лет. ")


def _float_page(figure: str, paragraphs_before: int, after: int = 6) -> str:
    para = f"<p>{_SPRING * 2}</p>"
    return (f'<html lang="ru"><body><main class="body">{para * paragraphs_before}{figure}'
            f'{"".join(f"<p>Абзац {n} после рисунка. {_SPRING}</p>" for n in range(1, after + 1))}</main></body></html>')


@pytest.mark.slow
def test_a_figure_that_does_not_fit_waits_for_the_next_page_while_the_text_runs_on(tmp_path: Path) -> None:
    from keykis.render.engine import PdfJob, write_pdf
    from keykis.render.fetcher import asset_url

    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">'
           b'<rect x="10" y="10" width="380" height="380" fill="none" stroke="black"/></svg>')
    figure = (f'<div class="figure-block"><figure><img src="{asset_url("box.svg")}" alt="Схема" style="height: 150mm">'
              '<figcaption>Рисунок 1. Схема объезда сёл.</figcaption></figure></div>')
    proofs = {}
    for floats in (False, True):
        job = PdfJob(html=_float_page(figure, paragraphs_before=5), target=tmp_path / f"floats-{floats}.pdf",
                     assets={"box.svg": (svg, "image/svg+xml")}, floats=floats)
        write_pdf(job)
        proofs[floats] = proof(job.target)
    assert proofs[False].floats.gaps == [1]  # the measure sees the emptied page
    assert proofs[True].floats.gaps == [] and len(proofs[True].pages) <= len(proofs[False].pages)
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "floats-True.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "Абзац 1 после рисунка" in first and "Рисунок 1" not in first


@pytest.mark.slow
def test_a_figure_before_the_decision_ahead_waits_after_it_and_never_inside_it(tmp_path: Path) -> None:
    """The Almaty handout's case: only the closing follows the figure; the closing fills the page the figure leaves
    and is read in one piece, the figure opens the next page, before the exhibits."""
    from keykis.render.engine import PdfJob, write_pdf
    from keykis.render.fetcher import asset_url

    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">'
           b'<rect x="10" y="10" width="380" height="380" fill="none" stroke="black"/></svg>')
    figure = (f'<div class="figure-block"><figure><img src="{asset_url("box.svg")}" alt="Схема" style="height: 150mm">'
              '<figcaption>Рисунок 1. Схема объезда сёл.</figcaption></figure></div>')
    closing = ('<section class="closing" id="closing"><h2 class="unnumbered">Решение впереди</h2>'
               f'<p>Осенью план ляжет на стол акима. {_SPRING}</p>'
               '<p class="closing-question">Какой план приёма предложить акиму?</p></section>')
    back = f'<section class="back appendix exhibit"><h2 class="unnumbered">Приложение 1. Сёла</h2><p>{_SPRING}</p></section>'
    html = _float_page(figure, paragraphs_before=5, after=0).replace("</main>", closing + back + "</main>")
    job = PdfJob(html=html, target=tmp_path / "closing.pdf", assets={"box.svg": (svg, "image/svg+xml")}, floats=True)
    write_pdf(job)
    assert proof(job.target).floats.gaps == []
    pages = subprocess.run(["pdftotext", str(job.target), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    assert "Какой план приёма предложить акиму?" in pages[0] and "Рисунок 1" not in pages[0]
    text = " ".join("\f".join(pages).split())
    assert text.index("Решение впереди") < text.index("Какой план") < text.index("Рисунок 1") < text.index("Приложение 1")


@pytest.mark.slow
def test_a_small_table_is_kept_whole_and_a_split_one_is_counted(tmp_path: Path) -> None:
    from keykis.render.engine import PdfJob, write_pdf

    rows = "".join(f"<tr><td>Село {n}</td><td>{n * 7} обращений</td></tr>" for n in range(1, 9))
    found = {}
    for style in ("", ' style="break-inside: auto"'):
        table = f'<table class="plan"{style}><caption>Таблица 1. Обращения по сёлам.</caption><tbody>{rows}</tbody></table>'
        job = PdfJob(html=_float_page(table, paragraphs_before=8, after=2), target=tmp_path / f"t{len(style)}.pdf", floats=True)
        write_pdf(job)
        found[style] = proof(job.target).floats
    assert found[""].split_tables == [] and found[""].gaps == []
    assert found[' style="break-inside: auto"'].split_tables == [1]
