"""The example case rendered to its four files, read back as a reader would."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from keykis.render import RenderResult, render_case
from tests.helpers import EXAMPLE
from tests.render.pdfread import fonts, is_a4, page_sizes, text

pytestmark = pytest.mark.slow
REAL_NAMES = ("Сапаров", "Жолдасов", "Омаров", "Темирова", "Ерлан", "Гульнара")


def test_writes_the_five_files(example_render: tuple[Path, RenderResult]) -> None:
    out, result = example_render
    names = [p.name for p in result.outputs if p.suffix != ".html"]  # the shared render keeps the HTML too
    assert names == ["graph.svg", "graph.pdf", "handout.pdf", "case.pdf", "guidelines.pdf"]
    assert all((out / n).stat().st_size > 1000 for n in names)
    assert not list(out.glob(".*.tmp"))
    assert result.refused == []


def test_research_edition_reads_like_the_case(example_render: tuple[Path, RenderResult]) -> None:
    body = text(example_render[0] / "case.pdf")
    assert "Может ли руководитель ЦОН сократить очереди без новых штатных единиц?" in body
    for heading in ("Аннотация", "Аңдатпа", "Abstract", "Ключевые слова", "Түйін сөздер", "Keywords"):
        assert heading in body
    assert "цифрландыру" in body and "ХҚКО басшысы" in body
    assert "Иванов" in body and "Кузнецова" in body
    assert "Рисунок 1" in body and "Веерная матрица" in body and "Поле проблем" in body
    assert "Имена и название района условные" in body


def test_handout_has_nothing_for_the_instructor(example_render: tuple[Path, RenderResult]) -> None:
    body = text(example_render[0] / "handout.pdf")
    for teacher_only in ("Эпилог", "Ожидаемый ответ", "Только для преподавателя", "Итоговая матрица решений",
                         "Время операторов против нехватки информации", "Условный пример; эпилога нет",
                         "Аннотация", "Поле проблем", "Выездные дни"):
        assert teacher_only not in body
    research = text(example_render[0] / "case.pdf")
    assert "Выездные дни" in research


def test_no_real_name_in_any_output(example_render: tuple[Path, RenderResult]) -> None:
    out = example_render[0]
    texts = [text(out / n) for n in ("case.pdf", "guidelines.pdf", "graph.pdf", "handout.pdf")]
    texts.append((out / "graph.svg").read_text())
    for t in texts:
        assert not [n for n in REAL_NAMES if n in t]
    assert "Иванов" in texts[2] and "Иванов" in texts[3]


def test_guidelines_have_every_section_and_five_pages(example_render: tuple[Path, RenderResult]) -> None:
    out, result = example_render
    assert result.pages["guidelines.pdf"] >= 5
    assert len(pypdf.PdfReader(out / "guidelines.pdf").pages) == result.pages["guidelines.pdf"]
    body = text(out / "guidelines.pdf")
    for part in ("Краткое содержание", "Целевая аудитория", "Учебные цели", "План занятия", "Вопросы для обсуждения",
                 "Ожидаемый ответ", "Задания", "Подведение итогов", "Морфологическая матрица", "Веер кейса",
                 "матрица решений", "Наблюдаемость", "Эпилог", "Условный пример; эпилога нет",
                 "Время операторов против нехватки информации у жителей"):
        assert part in body, part
    assert "+4" in body  # s1 scores 2 + 2 in the decision matrix


def test_pages_are_a4_and_fonts_embedded(example_render: tuple[Path, RenderResult]) -> None:
    out = example_render[0]
    for name in ("handout.pdf", "case.pdf", "guidelines.pdf", "graph.pdf"):
        assert all(is_a4(s) for s in page_sizes(out / name)), name
        used = fonts(out / name)
        assert used and all(used.values()), used
        assert any(f.endswith("+PT-Serif") for f in used), used


def test_graph_is_one_page_with_both_environments(example_render: tuple[Path, RenderResult]) -> None:
    out, result = example_render
    assert result.pages["graph.pdf"] == 1
    svg = (out / "graph.svg").read_text()
    assert "Внутренняя среда" in svg and "Внешняя среда" in svg
    assert "fill=\"none\"" in svg or "fill=\"white\"" in svg
    assert "Операторы зала" in text(out / "graph.pdf")


def test_metadata_and_language(example_render: tuple[Path, RenderResult]) -> None:
    reader = pypdf.PdfReader(example_render[0] / "case.pdf")
    meta = reader.metadata
    assert meta is not None and meta.title and "сократить очереди" in meta.title
    assert meta.author == "Авторский коллектив открытой базы кейсов КЕЙКИС"
    assert "цифрландыру" in str(meta.get("/Keywords"))
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_archival_variant_attaches_a_public_case_file(tmp_path: Path) -> None:
    result = render_case(EXAMPLE, tmp_path, editions=("research",), archival=True)
    assert [p.name for p in result.outputs] == ["graph.svg", "graph.pdf", "case.pdf"]
    reader = pypdf.PdfReader(tmp_path / "case.pdf")
    attached = reader.attachments["case.yaml"][0].decode()
    assert "id: ozerny-service-centre" in attached and "Иванов" in attached
    assert not [n for n in REAL_NAMES if n in attached]
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"3" in xmp.split(b"pdfaid:part")[1][:8]


def test_html_kept_beside_the_pdf(tmp_path: Path) -> None:
    render_case(EXAMPLE, tmp_path, editions=("research",), html=True)
    page = (tmp_path / "case.html").read_text()
    assert '<html lang="ru">' in page and 'src="figure.svg"' in page and "keykis-asset" not in page
    assert (tmp_path / "figure.svg").read_bytes().startswith(b"<?xml")
