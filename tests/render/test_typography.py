"""Typographic spacing and sentence case after a generated «Label:», in the three languages."""

from __future__ import annotations

import pytest

from keykis.render.typography import NBSP, after_colon, common_words, typeset, typeset_html


def test_short_words_dashes_initials_and_units_are_bound_in_russian() -> None:
    text = typeset("Приём открыт в Каскелене и в Талгаре — с 9 января 2025 года, сказал Н. Исмагулов", "ru")
    assert f"в{NBSP}Каскелене и{NBSP}в{NBSP}Талгаре{NBSP}— с{NBSP}9{NBSP}января 2025{NBSP}года" in text
    assert f"Н.{NBSP}Исмагулов" in text


def test_a_line_break_of_the_source_binds_as_a_space() -> None:
    assert typeset("связи более чем с\nсорока городами, по целям и\n  ценностям", "ru") == (
        f"связи более чем с{NBSP}сорока городами, по{NBSP}целям и{NBSP}ценностям")


def test_kazakh_binds_its_short_words_and_years() -> None:
    text = typeset("Курс 2026 жылы ашылды — мұғалім мен оқушылар келді", "kk")
    assert f"2026{NBSP}жылы ашылды{NBSP}— мұғалім мен{NBSP}оқушылар" in text


def test_english_binds_a_and_numbers_with_their_units() -> None:
    text = typeset("The office saw a rise of 40 % in 12 months", "en")
    assert f"saw a{NBSP}rise of 40{NBSP}% in 12{NBSP}months" in text


def test_only_text_between_tags_changes() -> None:
    html = '<html lang="ru"><p class="a b" title="и в">и в доме</p><style>p { content: "и в"; }</style></html>'
    assert typeset_html(html) == (f'<html lang="ru"><p class="a b" title="и в">и{NBSP}в{NBSP}доме</p>'
                                  '<style>p { content: "и в"; }</style></html>')


@pytest.mark.parametrize(("lang", "value", "printed"), [
    ("ru", "Весна 2025 года", "весна 2025 года"),
    ("ru", "Озёрный район", "Озёрный район"),
    ("ru", "Алматы, акимат", "Алматы, акимат"),
    ("kk", "Аудан бюджетінен", "аудан бюджетінен"),
    ("kk", "Орташа — жаңа әдіс", "орташа — жаңа әдіс"),
    ("kk", "Жамбыл облысы", "Жамбыл облысы"),
    ("en", "About 12 million tenge", "about 12 million tenge"),
    ("en", "Moderate — new to the office", "moderate — new to the office"),
    ("en", "February to May", "February to May"),
    ("en", "AIFC already hosts them", "AIFC already hosts them"),
    ("en", "Astana hosts the forum", "Astana hosts the forum"),
])
def test_a_value_after_a_generated_colon_continues_in_lower_case_unless_it_starts_a_name(
        lang: str, value: str, printed: str) -> None:
    texts = {"kk": ["Ауыл аудан бюджетінен ақша алады, Жамбыл облысында."],
             "en": ["The city spent about 12 million on events in February; Astana and the AIFC agreed."],
             "ru": []}[lang]
    assert after_colon(value, lang, common_words(texts, lang)) == printed


def test_a_word_the_case_only_writes_capitalised_is_a_name() -> None:
    common = common_words(["Тараз is a city. The akimat of Taraz met in Taraz."], "en")
    assert "taraz" not in common and "city" in common
    assert after_colon("Taraz district", "en", common) == "Taraz district"
