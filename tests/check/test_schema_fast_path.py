"""The compiled schema (jsonschema-rs) only confirms valid cases: the errors are always jsonschema's own."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from keykis import yamlsafe
from keykis.check.structure import _validator, schema_errors
from tests.helpers import CASES, EXAMPLE


def _errors(found: Any) -> list[tuple[str, str, str]]:
    return sorted((".".join(map(str, e.absolute_path)), str(e.validator), e.message) for e in found)


def _example() -> dict[str, Any]:
    return yamlsafe.loads(EXAMPLE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "case.yaml").exists()))
def test_bundled_cases_agree(case: str) -> None:
    data = yamlsafe.loads((CASES / case / "case.yaml").read_text(encoding="utf-8"))
    assert _errors(schema_errors(data)) == _errors(_validator().iter_errors(data))


def _slips() -> list[tuple[str, Any]]:
    """Ways a case breaks its schema, each one the validators might read differently."""
    def change(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
        data = _example()
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
        return data

    keys = _example()
    keys[2024] = "a year as a key"  # YAML allows a number as a key; JSON does not
    newline_id = change(("id",), "ozerny-service-centre\n")  # Python's $ matches before a final newline
    return [
        ("number for a text", change(("title",), 42)),
        ("true for a text", change(("title",), True)),
        ("unknown key", change(("titel",), "x")),
        ("number as a key", keys),
        ("id with a newline", newline_id),
        ("id with capitals", change(("id",), "Ozerny")),
        ("list for a mapping", change(("meta",), ["a", "b"])),
        ("nothing for a list", change(("actors",), None)),
        ("huge number", change(("title",), 10**40)),
        ("float for a text", change(("title",), 1.5)),
    ]


@pytest.mark.parametrize(("name", "data"), _slips(), ids=[n for n, _ in _slips()])
def test_broken_cases_get_jsonschema_errors(name: str, data: dict[str, Any]) -> None:
    slow = _errors(_validator().iter_errors(data))
    assert _errors(schema_errors(copy.deepcopy(data))) == slow


def test_removed_required_key_is_reported() -> None:
    data = _example()
    del data["title"]
    found = _errors(schema_errors(data))
    assert any(v == "required" and "title" in msg for _, v, msg in found)


def test_no_compiled_schema_means_python(monkeypatch: pytest.MonkeyPatch) -> None:
    import keykis.check.structure as structure

    monkeypatch.setattr(structure, "_fast_validator", lambda: None)
    data = _example()
    data["title"] = 7
    assert any(v == "type" for _, v, _ in _errors(schema_errors(data)))
