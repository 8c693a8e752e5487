"""The student handout of every bundled case, read as a student would: a story with none of the answers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest

from keykis.gate import require_case
from keykis.model import load_case
from keykis.render import render_case
from keykis.render.disguise import public_case
from keykis.render.handout import handout_body, handout_context
from keykis.render.proof_words import answer_pieces, leaked_answers
from tests.helpers import EXAMPLE, ROOT
from tests.rendered import Rendered

pytestmark = pytest.mark.slow
CASES = sorted(p for p in (ROOT / "cases").iterdir() if (p / "case.yaml").exists())


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_the_handout_holds_none_of_the_answers(rendered: Rendered, folder: Path) -> None:
    out, _ = rendered(folder)
    case = public_case(require_case(load_case(folder)))
    assert len(answer_pieces(case)) > 20  # the case has answers to hide, so the test can fail
    assert leaked_answers(_pdf_text(out / "handout.pdf"), case) == []
    assert leaked_answers(_pdf_text(out / "case.pdf"), case)  # the research edition prints them


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_the_handout_tells_a_story(rendered: Rendered, folder: Path) -> None:
    out, _ = rendered(folder)
    case = load_case(folder)
    body = " ".join(_pdf_text(out / "handout.pdf").split())
    words = {"ru": ("Кейс для обсуждения", "Предыстория", "Люди и организации вокруг", "Решение, которое предстоит"),
             "kk": ("Талқылауға арналған кейс", "Оқиғаның алғы тарихы", "Айналадағы адамдар", "Алда тұрған шешім"),
             "en": ("Case for class discussion", "Background", "The people and organisations around",
                    "The decision ahead")}[case.language]
    assert "".join(words[0].split()).upper() in "".join(body.split()).upper()  # the kind, set in capitals
    for word in words[1:]:
        assert word in body, word
    synopsis = " ".join(str(case.data["synopsis"][case.language]).split())
    assert synopsis[:40] in body
    opening = " ".join(str(case.data["opening"]["text"]).split())[:30]
    assert body.index(synopsis[:40]) < body.index(opening) < body.index(words[3])
    for apparatus in ("Аннотация", "Аңдатпа", "Abstract", "Теория", "Калибровка", "Веерная матрица", "Поле проблем"):
        assert apparatus not in body


def test_the_handout_pdf_carries_no_case_file(tmp_path: Path) -> None:
    result = render_case(EXAMPLE.parent, tmp_path, editions=("all",), archival=True)
    assert [p.name for p in result.outputs] == ["graph.svg", "graph.pdf", "handout.pdf", "case.pdf", "guidelines.pdf"]
    with pikepdf.open(tmp_path / "handout.pdf") as pdf:
        assert not pdf.attachments
    with pikepdf.open(tmp_path / "case.pdf") as pdf:
        assert "case.yaml" in pdf.attachments


def test_the_handout_body_is_html_for_any_page() -> None:
    ctx = handout_context(require_case(load_case(EXAMPLE)), "en")
    html = handout_body(ctx)
    assert "<html" not in html and "<main" in html
    assert "Case for class discussion" in html and "Background" in html
    assert "Ozerny" in html or "Озёрный" in html
    assert "Сапаров" not in html  # a real name behind an alias
    assert "Выездные дни" not in html  # the chosen solution
