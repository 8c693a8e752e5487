"""The published documents stay in step with the method data they describe."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from keykis.method import case_schema_json, method
from tests.helpers import ROOT

DOCS = ROOT / "docs"
RULES_MD = DOCS / "rules.md"
YAML_DOCS = ["rules.md", "case-format.md"]


def _headings(text: str) -> list[str]:
    return re.findall(r"^## (.+?)\s*$", text, re.MULTILINE)


def _case_rules() -> set[str]:
    return {r for r in method().rules if not r.startswith("worksheet-")}


def test_every_rule_has_a_section_named_by_its_id() -> None:
    headings = set(_headings(RULES_MD.read_text(encoding="utf-8")))
    assert sorted(_case_rules() - headings) == []


def test_no_section_for_a_rule_that_does_not_exist() -> None:
    ids = {h for h in _headings(RULES_MD.read_text(encoding="utf-8")) if re.fullmatch(r"[a-z][a-z-]*", h)}
    assert sorted(ids - _case_rules()) == []


def test_each_rule_section_gives_severity_a_bad_and_a_good_example() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    sections = dict(zip(_headings(text), re.split(r"^## .+$", text, flags=re.MULTILINE)[1:], strict=True))
    for rule in sorted(_case_rules()):
        body = sections[rule]
        severity = method().rules[rule]["severity"]
        assert f"**Severity:** {severity}." in body, rule
        assert "**Bad" in body and "**Good" in body, rule


def test_limits_in_the_docs_match_the_rules_file() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    for key, value in method().limits.items():
        assert re.search(rf"^\| `{key}` \| {value} \|", text, re.MULTILINE), key


@pytest.mark.parametrize("name", YAML_DOCS)
def test_yaml_examples_in_the_docs_parse(name: str) -> None:
    text = (DOCS / name).read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert blocks
    for block in blocks:
        yaml.safe_load(block)


@pytest.mark.parametrize("source", ["resource_kinds", "strategies", "relation_types"])
def test_glossary_has_a_row_per_method_term_with_its_three_names(source: str) -> None:
    rows = {tuple(c.strip() for c in line.strip("|").split("|")[:3])
            for line in (DOCS / "glossary.md").read_text(encoding="utf-8").splitlines() if line.startswith("| ")}
    for entry in getattr(method(), source).values():
        names = [entry["name"][lang] for lang in ("ru", "kk", "en")]
        assert any(all(c == n or c.startswith(f"{n},") for n, c in zip(names, row, strict=False)) for row in rows), \
            entry["id"]


def test_case_format_lists_every_step_with_its_id() -> None:
    text = (DOCS / "case-format.md").read_text(encoding="utf-8")
    for step in method().steps:
        assert re.search(rf"^\| {step.n}\. [^|]+ \| `{step.id}` \|", text, re.MULTILINE), step.id


def test_published_schema_is_the_schema_keykis_prints() -> None:
    published = json.loads((ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
    assert published == json.loads(case_schema_json())
