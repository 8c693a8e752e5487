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


# The chosen solution of the Ozerny case retold, and a closing and an opening that repeat it word for word: the
# handout is made from the student's view, so the answer reaches it only through such a repeat.
_SOLUTION = "Раз в месяц возить двух операторов в сёла по графику, согласованному с сельскими акимами."
_GIVEAWAY = {
    "closing": ("Иванов уже знает, что предложит: раз в месяц возить двух операторов в сёла по графику, "
                "согласованному с сельскими акимами. До встречи с акимом района остаётся квартал."),
    "opening": ("Раз в месяц возить двух операторов в сёла по графику, согласованному с сельскими акимами, — "
                "об этом Иванов думал всю дорогу из Жаркента."),
}


def _copying_case(tmp_path: Path, part: str) -> Path:
    folder = tmp_path / "ozerny"
    source = (EXAMPLE.parent / "case.yaml").read_text(encoding="utf-8")
    solution = "text: Выездные дни вместе с акиматами сёл по согласованному графику."
    assert source.count(solution) == 1
    source = source.replace(solution, f"text: {_SOLUTION}")
    data = load_case(EXAMPLE.parent).data[part]
    first = str(data["text"]).split()[:6]
    lines = source.splitlines()
    at = next(n for n, line in enumerate(lines) if line == f"{part}:")
    text_at = next(n for n in range(at, len(lines)) if lines[n].strip().startswith("text:"))
    end = next(n for n in range(text_at + 1, len(lines)) if not lines[n].startswith("    "))
    assert " ".join(first) in " ".join(" ".join(lines[text_at:end]).split())
    lines[text_at:end] = ["  text: >-", f"    {_GIVEAWAY[part]}"]
    folder.mkdir()
    (folder / "case.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("part", ["closing", "opening"])
def test_a_handout_that_would_print_the_chosen_solution_is_refused_and_nothing_is_written(
        tmp_path: Path, part: str) -> None:
    from keykis.check.engine import check_path
    from keykis.errors import UserError
    from keykis.vocabulary import error_message, place

    folder = _copying_case(tmp_path, part)
    case = require_case(load_case(folder))
    assert _SOLUTION in [it["text"] for it in case.items("solutions")]
    out = tmp_path / "out"
    with pytest.raises(UserError) as refused:
        render_case(case, out, editions=("handout",))
    assert not out.exists() or not any(out.iterdir())
    words = {lang: error_message(refused.value, lang) for lang in ("ru", "kk", "en")}
    for lang, word in words.items():
        assert _SOLUTION.rstrip(".") in word, word  # the answer, as printed
        assert place((part, "text"), lang) in word, word  # where it is repeated, in the author's words
    assert "раздаточный материал" in words["ru"] and "таратпа материал" in words["kk"] and "handout" in words["en"]
    assert "student-spoiler" in {f.rule for f in check_path(folder)}  # keykis check says it before the render does
    with pytest.raises(UserError):
        render_case(case, out, editions=("all",))  # the research edition and the guidelines wait for the handout
    render_case(case, out, editions=("research",))
    assert (out / "case.pdf").exists() and not (out / "handout.pdf").exists()


def test_the_render_command_refuses_a_handout_with_the_answer_in_the_users_language(tmp_path: Path) -> None:
    import os
    import sys

    folder = _copying_case(tmp_path, "closing")
    out = tmp_path / "out"
    env = {**os.environ, "KEYKIS_LANG": "kk", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "keykis", "render", str(folder), "-o", str(out), "--edition", "handout"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "таратпа материал" in done.stderr and _SOLUTION.rstrip(".") in done.stderr, done.stderr
    assert not out.exists() or not list(out.rglob("*.pdf"))
