"""A real name never hides behind invisible characters, look-alike letters or a Kazakh spelling: the checker
finds it (``alias-leak``) and every public copy replaces it by the alias."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.check import check_case
from keykis.model import load_case
from keykis.morphology.fold import fold, strip_invisible
from keykis.render.disguise import public_data
from tests.helpers import EXAMPLE

SURNAME = "Сапаров"  # the real surname of the actor printed as «Иванов»

TRICKS = {
    "zero-width space": "Сап\u200bаров",
    "zero-width joiner": "Са\u200dпаров",
    "zero-width non-joiner": "Сапа\u200cров",
    "word joiner": "Сапар\u2060ов",
    "soft hyphen": "Сапа\u00adров",
    "left-to-right mark": "Сап\u200eаров",
    "right-to-left mark": "\u200fСапаров",
    "left-to-right override": "\u202dСапаров\u202c",
    "written reversed in a right-to-left override": "\u202e" + SURNAME[::-1] + "\u202c",
    "isolate": "\u2066Сапаров\u2069",
    "variation selector": "Сап\ufe0fаров",
    "combining accent": "Сапа\u0301ров",
    "combining grapheme joiner": "Сап\u034fаров",
    "tag characters": "Сап\U000e0061\U000e007fаров",
    "byte order mark": "Сапа\ufeffров",
    "Latin a": "Сaпаров",
    "Latin o and p": "Саnаpоv".replace("n", "п").replace("v", "в"),
    "Greek omicron": "Сапар\u03bfв",
    "Mongolian variation selector": "Сапар\u180bов",
}


def _case_saying(tmp_path: Path, word: str) -> Path:
    folder = tmp_path / "case"
    folder.mkdir(exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8").replace("руководитель районного ЦОН Иванов снова",
                                                       f"руководитель районного ЦОН {word} снова", 1)
    assert word in text
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    return folder / "case.yaml"


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_fold_sees_the_name(trick: str) -> None:
    assert fold(TRICKS[trick]) == SURNAME, trick


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_the_checker_finds_the_hidden_name(tmp_path: Path, trick: str) -> None:
    case = load_case(_case_saying(tmp_path, TRICKS[trick]))
    leaks = [f for f in check_case(case, lang="en") if f.rule == "alias-leak"]
    assert leaks and "Сапаров" in leaks[0].message, trick


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_the_public_copy_prints_the_alias(tmp_path: Path, trick: str) -> None:
    case = load_case(_case_saying(tmp_path, TRICKS[trick]))
    public = public_data(case)
    text = str(public)
    assert "руководитель районного ЦОН Иванов снова" in text, trick
    assert SURNAME not in fold(text) and "Сапар" not in fold(text), trick


def test_a_kazakh_spelling_of_a_stored_name_is_found_both_ways(tmp_path: Path) -> None:
    stored = EXAMPLE.read_text(encoding="utf-8").replace("name: Ерлан Сапаров", "name: Ерлан Жаксыбеков")
    folder = tmp_path / "case"
    folder.mkdir()
    for written in ("Жақсыбеков", "Жақсыбековке"):
        (folder / "case.yaml").write_text(stored.replace("ЦОН Иванов снова", f"ЦОН {written} снова", 1),
                                          encoding="utf-8")
        case = load_case(folder / "case.yaml")
        assert any(f.rule == "alias-leak" for f in check_case(case, lang="en")), written
        assert "Жаксыбеков" not in fold(str(public_data(case))), written
    reverse = EXAMPLE.read_text(encoding="utf-8").replace("name: Ерлан Сапаров", "name: Ерлан Жақсыбеков")
    (folder / "case.yaml").write_text(reverse.replace("ЦОН Иванов снова", "ЦОН Жаксыбеков снова", 1), encoding="utf-8")
    case = load_case(folder / "case.yaml")
    assert any(f.rule == "alias-leak" for f in check_case(case, lang="en"))
    assert "Жаксыбеков" not in fold(str(public_data(case)))


def test_text_without_tricks_is_untouched(tmp_path: Path) -> None:
    case = load_case(EXAMPLE)
    assert public_data(case)["title"] == case.data["title"]
    assert strip_invisible("Ерлан, Қазақстан") == "Ерлан, Қазақстан"
