"""Limits that measure the right thing: aliases counted as aliases, texts per field and per case."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis import yamlsafe
from keykis.errors import CaseFileError
from tests.hostile.bigcase import write_big_case


def test_keys_are_not_alias_references() -> None:
    text = "".join(f"k{i}: {{a: 1, b: 2}}\n" for i in range(1500))  # 4,500 keys, no alias
    assert len(yamlsafe.loads(text)) == 1500


def test_alias_references_are_still_limited() -> None:
    ok = "x: &x 1\n" + "".join(f"k{i}: *x\n" for i in range(yamlsafe.MAX_ALIASES))
    assert len(yamlsafe.loads(ok)) == yamlsafe.MAX_ALIASES + 1
    with pytest.raises(CaseFileError, match="too many alias references"):
        yamlsafe.loads(ok + "one_more: *x\n")


def test_a_500_actor_1000_relation_case_loads_and_checks(tmp_path: Path) -> None:
    from keykis.check import check_path

    findings = check_path(write_big_case(tmp_path / "big"), lang="en")
    assert not [f for f in findings if f.severity == "error"], findings[:3]
    too_big = [f.message for f in findings if f.rule == "graph-too-big"]
    assert any("506 actors" in m for m in too_big) and any("1006 relations" in m for m in too_big)
