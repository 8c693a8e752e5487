"""The impersonal-subject word lists, in Russian, Kazakh and English."""

from __future__ import annotations

import pytest

from keykis.check.rules.language import impersonal_phrase


@pytest.mark.parametrize(("text", "phrase"), [
    ("Министерство решило сократить штат.", "Министерство решило"),
    ("Затем министерство здравоохранения решило иначе.", "министерство здравоохранения решило"),
    ("Акимат считает, что жалоб стало меньше.", "Акимат считает"),
    ("Министрлік бұл мәселені шешті.", "Министрлік бұл мәселені шешті"),
    ("The ministry decided to wait.", "ministry decided"),
    ("Глава отдела ушёл. Министерство решило иначе.", "Министерство решило"),
])
def test_institution_as_the_one_who_decides_is_flagged(text: str, phrase: str) -> None:
    assert impersonal_phrase(text) == phrase


@pytest.mark.parametrize("text", [
    "Директор департамента Ахметова решила закрыть окно.",
    "The head of the ministry decided to wait.",
    "Департамент басшысы шешті.",
    "Аким Сидоров решил провести выездные дни.",
    "Правительство, как считает Иванов, ошиблось.",
    "Не пишите «Управление решило»: назовите, кто решил.",
    'Avoid "the ministry decided": say who did.',
])
def test_a_person_who_decides_is_fine(text: str) -> None:
    assert impersonal_phrase(text) is None


def test_alias_leak_matches_personal_names_by_word_and_positions_whole() -> None:
    from keykis.check.rules.language import _name_patterns

    person = _name_patterns("Ерлан Сапаров", "person")
    assert any(p.search("как сказал Сапарову вчера") for p in person)
    position = _name_patterns("Head of the Astana office", "person")
    assert not any(p.search("Astana hosted the summit") for p in position)
    assert any(p.search("the head of the astana office said") for p in position)
