"""The vocabulary: every key in ru, kk and en, the same fields in each, every key used exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from keykis import vocabulary
from keykis.method import case_schema
from keykis.vocabulary import LANGS, catalogue, keys, known, label, say

ROOT = Path(__file__).resolve().parents[2]
SAY_CALL = re.compile(r"""\bsay\(\s*f?["']([a-z_]+\.[\w-]+)["']""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_is_in_every_language() -> None:
    found = keys()
    every = set().union(*found.values())
    for lang in LANGS:
        assert not every - found[lang], f"missing in {lang}.yaml: {sorted(every - found[lang])}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_word_is_empty_and_fields_match_english(lang: str) -> None:
    mine, english = catalogue(lang), catalogue("en")
    for section, terms in mine.items():
        for term, text in terms.items():
            if section == vocabulary.ENUM:
                assert all(str(v).strip() for v in text.values()), f"{lang}: empty label in enum.{term}"
                continue
            assert str(text).strip(), f"{lang}: {section}.{term} is empty"
            assert _fields(str(text)) == _fields(str(english[section][term])), f"{lang}: fields of {section}.{term}"


def test_every_key_the_code_and_templates_ask_for_exists() -> None:
    sources = [*(ROOT / "keykis").rglob("*.py"), *(ROOT / "templates").rglob("*.j2")]
    asked = {key for f in sources for key in SAY_CALL.findall(f.read_text(encoding="utf-8"))}
    assert asked, "the scan found no say() calls"
    assert not {k for k in asked if not known(k)}, "keys asked for but not in the catalogues"


def test_every_enum_label_is_a_value_of_the_case_schema() -> None:
    schema = str(case_schema())
    for kind in ("actor_kind", "environment", "activity", "product", "level", "size", "difficulty", "status",
                 "source_type", "government_level", "session_format"):
        for value in catalogue("en")[vocabulary.ENUM][kind]:
            assert f"'{value}'" in schema, f"enum.{kind}.{value} is not a value of the case schema"


def test_one_fallback_rule_a_language_without_a_catalogue_reads_english() -> None:
    assert say("editor.saved", "de", path="x") == say("editor.saved", "en", path="x") == "Saved x"
    assert say("editor.saved", "kk", path="x") == "Сақталды: x"
    assert label("actor_kind", "person", "ru") == "лицо"
    assert label("actor_kind", "persn", "ru") == "persn"
    with pytest.raises(KeyError):
        say("editor.no_such_word", "ru")


def test_a_date_is_written_as_each_language_writes_it() -> None:
    from datetime import date

    from keykis.vocabulary.dates import long_date

    nbsp = "\u00a0"
    assert long_date("2026-12-07", "ru") == f"7{nbsp}декабря 2026{nbsp}г."
    assert long_date("2026-12-07", "kk") == f"2026{nbsp}жылғы 7{nbsp}желтоқсан"
    assert long_date(date(2026, 12, 7), "en") == f"7{nbsp}December 2026"
    assert long_date("2024-03", "ru") == f"март 2024{nbsp}г." and long_date("2024-03", "kk") == f"2024{nbsp}жылғы наурыз"
    assert long_date("2026-05-01T09:30:00", "ru") == f"1{nbsp}мая 2026{nbsp}г."
    for kept in ("осень 2023", "2026-02-30", "2026-13", "", "2026"):  # not a calendar date: printed as written
        assert long_date(kept, "ru") == kept
    assert long_date(None, "kk") == ""
    for lang in LANGS:
        assert len(catalogue(lang)["date"]["months"]) == len(catalogue(lang)["date"]["months_alone"]) == 12
