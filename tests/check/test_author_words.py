"""Findings speak of the fields an author sees, never of the keys and paths of the YAML file.

The checker runs over every broken example, the bad inputs and a fresh
skeleton, in Russian and Kazakh; no message may name a key of the case
schema (``«chosen: <id>»``, ``(boundary.description)``), a dotted path
(``matrix.solutions.items.0.text``) or a snake_case key. Ids the case itself
gives (actors, problems...) are the author's own words and may be quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from keykis.check import check_path
from keykis.method import case_schema
from keykis.skeleton import new_case
from keykis.vocabulary import place
from tests.helpers import DATA

# Rules whose subject is the text of the file, not a field: an unknown key typed by hand, and a file that
# does not parse (a duplicate key, a syntax error), where there are no fields yet, only lines.
ALLOWED_RULES = {"unknown-key", "file"}
DOTTED = re.compile(r"\b[a-z_]+(?:\.[a-z_0-9<>]+)+\b")
KEY_COLON = re.compile(r"\b[a-z_]+:\s")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
QUOTED = re.compile(r"[«'(]([a-z_]+)[»')]")


def _keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                yield from v
            yield from _keys(v)
    elif isinstance(node, list):
        for v in node:
            yield from _keys(v)


SCHEMA_KEYS = frozenset(_keys(case_schema()))


def _ids(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return set(re.findall(r"\b(?:id|main_actor|owner|from|to|chosen|problem|task):\s*([\w-]+)", text)) | set(
        re.findall(r"^\s*-\s*([a-z][\w-]*)\s*$", text, re.M))


def yaml_words(message: str, ids: set[str]) -> list[str]:
    """The pieces of ``message`` that speak YAML."""
    found = DOTTED.findall(message) + KEY_COLON.findall(message) + SNAKE.findall(message)
    found += [k for k in QUOTED.findall(message) if k in SCHEMA_KEYS and k not in ids]
    return found


def _cases(tmp: Path) -> list[Path]:
    draft = new_case(tmp / "cases" / "draft", lang="ru")
    text = draft.read_text(encoding="utf-8")
    required = tmp / "required.yaml"
    required.write_text(text.replace("  - id: main\n", "  - \n", 1), encoding="utf-8")
    return [*sorted((DATA / "invalid").glob("*.yaml")), *sorted((DATA / "bad_input").glob("*.yaml")), draft, required]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_no_finding_speaks_yaml(lang: str, tmp_path: Path) -> None:
    bad: list[str] = []
    seen = 0
    for path in _cases(tmp_path):
        ids = _ids(path)
        for f in check_path(path, lang=lang):
            seen += 1
            if f.rule not in ALLOWED_RULES and (words := yaml_words(f.message, ids)):
                bad.append(f"{path.name}: [{f.rule}] {f.message}  ← {words}")
    assert seen > 100, seen
    assert not bad, "\n".join(bad)


def test_the_scan_catches_what_it_is_meant_to() -> None:
    assert yaml_words("в поле «задачи» не выбран ни один вариант: укажите «chosen: <id>»", set())
    assert yaml_words("почти повторяет matrix.solutions.items.0.text", set())
    assert yaml_words("шаг 5 ещё не готов: граница (boundary)", set())
    assert yaml_words("не хватает: when, how_much", set())
    assert not yaml_words("у решения «s2» нет стратегии: отметьте одну или несколько в «Стратегии»", {"s2"})


def test_a_place_is_named_by_the_fields_labels() -> None:
    assert place("matrix.problems.items.1.text", "ru") == "Поле проблем, № 2 › Формулировка"
    assert place(("objects", 0), "kk") == "Объектілер, № 1"
    assert place(("matrix", "tasks", "items", 2), "en").endswith("no. 3")


def test_every_field_a_message_names_has_a_label() -> None:
    """``{part[...]}`` in a rule's message is a field the editor labels (else the key itself would show)."""
    from keykis.method import method
    from keykis.vocabulary import known

    named = {p for spec in method().rules.values() for text in spec["message"].values()
             for p in re.findall(r"\{part\[([^\]]+)\]\}", str(text))}
    assert named, "the templates name fields"
    for path in named:
        names = path.split(".")
        assert any(known(f"case_part.{t}") for t in (path, ".".join(names[-2:]), names[-1])), path
