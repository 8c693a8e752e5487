"""The impersonal-subject word lists, in Russian, Kazakh and English."""

from __future__ import annotations

import pytest

from keykis.check.rules.language import impersonal_phrase


@pytest.mark.parametrize(("text", "phrase"), [
    ("Министерство решило сократить штат.", "Министерство решило"),
    ("Затем министерство здравоохранения решило иначе.", "министерство здравоохранения решило"),
    ("Акимат считает, что жалоб стало меньше.", "Акимат считает"),
    ("Министрлік бұл туралы шешті.", "Министрлік бұл туралы шешті"),   # «мәселені шешті» is solving: see the clean cases
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
    from keykis.check.rules.language import leaked_name

    person = (("Ерлан", "Сапаров"),)
    for text in ("как сказал Сапарову вчера", "Сапаровтың шешімі", "Ерланға хат жазды", "Saparov chose",
                 "Yerlan Saparov's team", "по просьбе Ерлана"):
        assert leaked_name(text, person) == 0, text
    for text in ("Сапарбаев возглавляет центр", "сапар в райцентр", "Сапар — жол", "Ерланов"):
        assert leaked_name(text, person) is None, text
    position = (("Head of the Astana office",),)
    assert leaked_name("Astana hosted the summit", position) is None
    assert leaked_name("the head of the astana office said", position) == 0


@pytest.mark.parametrize(("text", "phrase"), [
    ("Акимат района принял решение не выделять помещения.", "Акимат района принял"),
    ("Филиал пришёл к выводу, что штата достаточно.", "Филиал пришёл"),
    ("Решение о закрытии зала было принято в феврале.", "Решение о закрытии зала было принято"),
    ("В марте было решено перевести пять услуг.", "было решено"),
    ("В акимате решили, что очереди — забота филиала.", "В акимате решили"),
    ("Правительство намерено закрыть центры.", "Правительство намерено"),
    ("Министерствo решило сократить штат.", "Министерствo решило"),
    ("Облыс әкімдігі шешім қабылдады.", "әкімдігі шешім қабылдады"),
    ("Әкімдікте бұл туралы шешім қабылданды.", "Әкімдікте бұл туралы шешім қабылданды"),
    ("Әкiмдiк кестені өзгертуді шешті.", "Әкiмдiк кестені өзгертуді шешті"),
    ("Аудандық білім бөлімі жаңа топ ашпауды шешті.", "бөлімі жаңа топ ашпауды шешті"),
    ("A decision was made to close the hall.", "A decision was made"),
    ("It was decided to postpone the forum.", "It was decided"),
    ("The akimat has concluded that it is too costly.", "akimat has concluded"),
])
def test_tense_voice_and_inflection_do_not_hide_an_institution(text: str, phrase: str) -> None:
    assert impersonal_phrase(text) == phrase


@pytest.mark.parametrize("text", [
    "После совещания в министерстве Иванов решил перенести обучение в сёла.",
    "Заместитель министра Ахметова решила выделить две ставки из резерва министерства.",
    "Решение о выездах принято руководителем центра в марте.",
    "Министерство выпустило новый регламент, и очередь выросла.",
    "Жители решили ездить в райцентр по субботам.",
    "Әкімдіктің ғимаратында операторлар жиналды, ал Иванов министрлікке хат жазуды шешті.",
    "Аудан әкімі Сидоров әкімдіктің екі бөлмесін беру туралы шешім қабылдады.",
    "Өткен жылы қабылданған алты адамның екеуі кетіп қалды.",
    "Таңдалған шешім екі ауылды жақындатады.",
    "The decision was made by Seitova after the ministry published its list.",
    "After a call with the ministry, Ivanov decided to write to the akim.",
])
def test_a_named_person_deciding_is_fine_wherever_an_institution_is_mentioned(text: str) -> None:
    assert impersonal_phrase(text) is None


def test_an_organisation_actor_is_an_institution_and_a_person_actor_is_a_person() -> None:
    assert impersonal_phrase("Озёрный хаб решил закрыть зал.", frozenset({"хаб"})) == "хаб решил"
    assert impersonal_phrase("Сапаров решил закрыть зал.", people=frozenset({"сапаров"})) is None


def test_mixed_script_words_are_found_with_their_fix() -> None:
    from keykis.morphology.script import fold, mixed_words

    assert mixed_words("дəйектілік и keйкис, но KEYKIS и SMS-рассылка") == [("дəйектілік", "дәйектілік"),
                                                                           ("keйкис", "кейкис")]
    assert fold("Әкiмдiк шешті") == "Әкімдік шешті"


def test_kazakh_suffix_grammar_undoes_consonant_changes() -> None:
    from keykis.morphology.kazakh import is_finite_form, is_verb_form, noun_readings

    assert ("әкімдік", "nom") in noun_readings("әкімдігі")
    assert ("орталық", "loc") in noun_readings("орталығында")
    assert ("министрлік", "dat") in noun_readings("министрлікке")
    assert ("сапаров", "gen") in noun_readings("сапаровтың")
    assert all(is_verb_form(w, "шеш") for w in ("шешті", "шешеді", "шешпеді", "шешкен", "шешіпті"))
    assert not is_verb_form("шешім", "шеш") and not is_verb_form("шешуге", "шеш")
    assert is_finite_form("қабылданды", "қабылдан") and not is_finite_form("қабылданған", "қабылдан")
