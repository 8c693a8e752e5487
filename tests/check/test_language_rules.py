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
])
def test_a_person_who_decides_is_fine(text: str) -> None:
    assert impersonal_phrase(text) is None
