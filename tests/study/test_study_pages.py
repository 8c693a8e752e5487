"""The worksheet, the class review and the feedback as printed pages: in the reader's language, in the case's house
style, passing the print check (``benchmarks/study_pages.py`` writes the same files for ``print_check.py --study``)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks.proof import Proof, proof
from benchmarks.study_pages import CASE, CLASS, WORKSHEET, write_study_pages
from keykis.cli import main

TITLES = {"ru": "Может ли руководитель ЦОН сократить очереди без новых штатных единиц?",
          "kk": "ХҚКО басшысы жаңа штат бірліктерінсіз кезекті қысқарта ала ма?",
          "en": "Can the head of a public service centre shorten the queues without new staff?"}
NUMBER = {"ru": "Кейс № 5", "kk": "Кейс № 5", "en": "Case No. 5"}


def text_of(pdf: Path) -> str:
    """The PDF's text with words broken at line ends joined and whitespace (no-break spaces too) normalised."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(re.sub(r"(\w)[-\u2010\u00ad]\n(\w)", r"\1\2", raw).split())


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("study")
    return {str(p.relative_to(out)): p for p in write_study_pages(out)}


@pytest.fixture(scope="module")
def proofs(pages: dict[str, Path]) -> dict[str, Proof]:
    return {name: proof(path) for name, path in pages.items()}


@pytest.mark.slow
def test_every_page_names_the_case_by_its_title_in_the_page_language_never_by_its_id(pages: dict[str, Path]) -> None:
    assert {name.split("/")[0] for name in pages} == {"ru", "kk", "en"}
    assert sum(name.endswith("worksheet.pdf") for name in pages) == 3
    assert sum(name.endswith("review.pdf") for name in pages) == 3
    assert sum("/feedback/" in name for name in pages) == 3 * 7
    for name, path in pages.items():
        lang = name.split("/")[0]
        text = text_of(path)
        assert TITLES[lang] in text, name
        assert all(TITLES[other] not in text for other in TITLES if other != lang), name
        assert NUMBER[lang] in text, name  # the footer of the case's editions
        assert "ozerny-service-centre" not in text and "/tmp" not in text and "class30" not in text, name


@pytest.mark.slow
def test_findings_print_their_message_and_items_print_their_printed_names(pages: dict[str, Path]) -> None:
    sheet = text_of(pages["en/worksheet.pdf"])
    assert "unresolved-id" not in sheet and "[worksheet-" not in sheet
    assert re.search(r"Solution 1 × Goal 1 \+2", sheet)  # not "s1 × g1"
    assert "Goal 1 — " in sheet and "Value 1 — " in sheet  # the key under the decision matrix
    review = text_of(pages["ru/review.pdf"])
    assert "→ Задача 1 →" in review and "→ t1 →" not in review
    assert "23-22010.yaml" in review  # a file prints its name, without its folders
    assert "Цель 1: " in review and "g1:" not in review
    feedback = text_of(pages["kk/feedback/23-22010.pdf"])
    assert "unresolved-id" not in feedback and "Кейс № 5" in feedback


DATES = {"ru": ("Редакция от 22 ноября 2026 г.", "1 декабря 2026 г."),
         "kk": ("Редакция: 2026 жылғы 22 қараша", "2026 жылғы 1 желтоқсан"),
         "en": ("Revised 22 November 2026", "1 December 2026")}


@pytest.mark.slow
def test_dates_print_in_the_page_language_never_as_iso(pages: dict[str, Path]) -> None:
    """The case's revision on every page and the worksheet's date, as the page's language writes a date."""
    for name, path in pages.items():
        lang = name.split("/")[0]
        text = text_of(path)
        revision, worked = DATES[lang]
        assert revision in text, name
        assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), name
        if name.endswith("worksheet.pdf"):
            assert worked in text, name


@pytest.mark.slow
def test_the_study_pages_pass_the_print_check(proofs: dict[str, Proof]) -> None:
    bad = {name: (p.codes, p.words.internals, p.words.hanging, p.words.dash_starts, p.unembedded, p.below7,
                  p.floats.split_tables, p.floats.gaps)
           for name, p in proofs.items()
           if p.codes or p.words.internals or p.words.hanging or p.words.dash_starts or p.unembedded or p.below7
           or p.floats.split_tables or p.floats.gaps}
    assert not bad, bad


@pytest.mark.slow
def test_a_case_without_a_title_in_the_page_language_marks_the_language_and_a_draft_is_marked(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere" / "ozerny"
    shutil.copytree(CASE, folder)
    yaml = folder / "case.yaml"
    text = yaml.read_text(encoding="utf-8")
    text = re.sub(r"\ntitles:\n(?:  .*\n)+", "\n", text).replace("status: complete", "status: draft")
    yaml.write_text(text, encoding="utf-8")
    sheet = tmp_path / "sheets" / WORKSHEET
    sheet.parent.mkdir()
    shutil.copy(CLASS / WORKSHEET, sheet)  # no case beside it: named with --case, as check and review take it
    assert main(["render", str(sheet), "-o", str(tmp_path / "out"), "--lang", "en", "--case", str(folder)]) == 0
    printed = text_of(tmp_path / "out" / "worksheet.pdf")
    assert TITLES["ru"] in printed and "(in Russian)" in printed
    assert "draft — not for distribution" in printed.lower() and "Case No." not in printed


def test_render_case_is_for_a_worksheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(CASE), "-o", str(tmp_path / "out"), "--case", str(CASE), "--lang", "en"]) == 2
    assert "--case names a worksheet's case" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_the_board_names_the_case_in_its_language(tmp_path: Path) -> None:
    from keykis.gate import require_case
    from keykis.model import load_case
    from keykis.study.report import write_board
    from keykis.study.review import review_class

    review = review_class(require_case(load_case(CASE)), [CLASS / WORKSHEET], lang="kk")
    printed = text_of(write_board(review, tmp_path, lang="kk"))
    assert TITLES["kk"] in printed and TITLES["ru"] not in printed
