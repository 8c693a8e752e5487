"""Heavy but valid text: a very long unbroken word is broken by the layout, not measured for minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.render.markup import breakable, markdown
from tests.helpers import EXAMPLE
from tests.render.pdfread import text


def test_a_long_word_gets_break_opportunities_and_keeps_its_letters() -> None:
    word = "очень" * 1600
    out = breakable(f"до {word} после")
    assert out.replace("\u200b", "") == f"до {word} после"
    assert max(len(w) for w in out.replace("\u200b", " ").split()) <= 30
    assert breakable("обычный текст со ссылкой https://example.org/a-b") == "обычный текст со ссылкой https://example.org/a-b"
    assert "\u200b" in str(markdown(word))


@pytest.mark.slow
def test_an_8000_letter_word_renders(tmp_path: Path) -> None:
    from keykis.render import render_case

    folder = tmp_path / "case"
    folder.mkdir()
    source = EXAMPLE.read_text(encoding="utf-8").replace(
        "руководитель районного ЦОН Иванов снова", "руководитель районного ЦОН " + "очень" * 1600 + " снова", 1)
    (folder / "case.yaml").write_text(source, encoding="utf-8")
    result = render_case(folder / "case.yaml", tmp_path / "out", editions=("research",))
    assert result.pages["case.pdf"] >= 2
    assert "оченьочень" in text(tmp_path / "out" / "case.pdf")


@pytest.mark.slow  # the first render in a process loads the fonts and the language models
def test_render_has_a_timeout_and_leaves_nothing_behind(tmp_path: Path, capsys, monkeypatch) -> None:
    from keykis.cli import main

    monkeypatch.setenv("KEYKIS_LANG", "en")
    code = main(["render", str(EXAMPLE), "-o", str(tmp_path / "out"), "--timeout", "0.3"])
    err = capsys.readouterr().err
    assert code == 2 and "took longer than 0.3 s" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_text_with_thousands_of_marks_prints_them_as_characters() -> None:
    pasted = "`a " * 5000  # 2,500 code spans if read as marks
    html = str(markdown(pasted, lang="ru"))
    assert "<code>" not in html and html.count("`a") == 5000
    html = str(markdown("*важно* " * 400, lang="ru"))
    assert "<em>" not in html and html.count("*важно*") == 400
    # an ordinary text keeps its marks
    assert str(markdown("Смета `2025` и *черновик* [сайт](https://example.org)", lang="ru")) == (
        '<p>Смета <code>2025</code> и <em>черновик</em> <a href="https://example.org">сайт</a></p>\n')


@pytest.mark.slow
def test_a_run_of_backticks_and_brackets_renders(tmp_path: Path) -> None:
    from keykis.render import render_case

    folder = tmp_path / "case"
    folder.mkdir()
    source = EXAMPLE.read_text(encoding="utf-8").replace(
        "руководитель районного ЦОН Иванов снова", "руководитель районного ЦОН " + "[` " * 3000 + " снова", 1)
    (folder / "case.yaml").write_text(source, encoding="utf-8")
    render_case(folder / "case.yaml", tmp_path / "out", editions=("research",))
    assert "[` [` [`" in text(tmp_path / "out" / "case.pdf")
