"""Helpers shared by the tests that pin the bundled cases."""

from __future__ import annotations

import copy
import re

from keykis.check import check_case
from keykis.model import Case


def words(node: object) -> int:
    """Words in every text under ``node``."""
    if isinstance(node, str):
        return len(re.findall(r"\w+", node))
    if isinstance(node, dict):
        return sum(words(v) for v in node.values())
    if isinstance(node, list):
        return sum(words(v) for v in node)
    return 0


def rules(case: Case) -> dict[str, list[str]]:
    """Findings of ``case`` in English, grouped by rule."""
    out: dict[str, list[str]] = {}
    for f in check_case(case, lang="en"):
        out.setdefault(f.rule, []).append(f.message)
    return out


def copy_case(case: Case) -> Case:
    """A deep copy of ``case`` to break on purpose."""
    return Case(copy.deepcopy(case.data), path=case.path, text=case.text)
