"""Every field the editor shows, in every step and every item form, is labelled from the vocabulary."""

from __future__ import annotations

import pytest

from keykis.method import method
from keykis.tui import fields
from keykis.tui.fields import FieldSpec


def _all_specs(specs: list[FieldSpec], lang: str, depth: int = 0) -> list[FieldSpec]:
    out = []
    for spec in specs:
        out.append(spec)
        out += _all_specs(spec.children, lang, depth)
        if spec.kind in ("items", "matrices") and spec.schema and depth < 4:
            out += _all_specs(fields.item_specs((*spec.path, 0), spec.schema, lang), lang, depth + 1)
    return out


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_no_field_label_is_a_raw_key(lang: str) -> None:
    raw = set()
    for step in method().steps:
        for spec in _all_specs(fields.step_specs(step, lang, ["ru"]), lang):
            key = str(spec.path[-1])
            if spec.label and spec.label == key.replace("_", " "):
                raw.add(".".join(str(p) for p in spec.path if not isinstance(p, int)))
    assert raw == set(), f"labels missing from keykis/vocabulary/{lang}.yaml case_part: {sorted(raw)}"


@pytest.mark.parametrize(("lang", "word"), [("ru", "информирование"), ("kk", "ақпараттандыру")])
def test_a_relation_in_a_list_shows_its_type_by_name(lang: str, word: str) -> None:
    line = fields.summary({"from": "akim", "to": "residents", "type": "information"}, lang)
    assert line == f"akim → residents: {word}"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_card_field_is_labelled(lang: str) -> None:
    card = fields.spec_for(("meta",), lang)
    raw = [".".join(map(str, spec.path)) for spec in _all_specs(card.children, lang) if spec.label == str(spec.path[-1])]
    assert raw == [], f"card fields shown by their keys: {raw}"
