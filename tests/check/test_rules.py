"""Every broken example in tests/data/invalid produces exactly its rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.check import check_path
from keykis.method import method
from tests.helpers import DATA, EXAMPLE

INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def test_every_rule_has_a_broken_example() -> None:
    covered = {p.name.split("__")[0] for p in INVALID}
    case_rules = {r for r in method().rules if not r.startswith("worksheet-")}
    assert case_rules - covered == {"file"}


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_broken_case_produces_exactly_its_rule(path: Path) -> None:
    rule = path.name.split("__")[0]
    findings = check_path(path, lang="en")
    assert rule in {f.rule for f in findings}
    serious = {f.rule for f in findings if f.severity in ("error", "warning")}
    assert serious == ({rule} if method().rules[rule]["severity"] != "info" else set())


def test_example_case_is_clean() -> None:
    assert [f for f in check_path(EXAMPLE, lang="ru") if f.severity != "info"] == []


def test_findings_carry_location_step_and_language() -> None:
    path = DATA / "invalid" / "problem-too-long__thirty_words.yaml"
    (ru,) = [f for f in check_path(path, lang="ru") if f.rule == "problem-too-long"]
    (en,) = [f for f in check_path(path, lang="en") if f.rule == "problem-too-long"]
    (kk,) = [f for f in check_path(path, lang="kk") if f.rule == "problem-too-long"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "Поездка из дальнего села" in lines[ru.line - 1]
    assert ru.step == 12 and ru.step_id == "problems" and ru.at == "matrix.problems.items.1.text"
    assert "33 слов" in ru.message and "23" in ru.message
    assert "33 words" in en.message
    assert "сөз" in kk.message


def test_unknown_key_suggests_the_nearest_known_key() -> None:
    path = DATA / "invalid" / "unknown-key__titel_instead_of_title.yaml"
    (f,) = check_path(path, lang="en")
    assert "'titel'" in f.message and "did you mean 'title'" in f.message
    assert path.read_text(encoding="utf-8").splitlines()[f.line - 1].startswith("titel:")
