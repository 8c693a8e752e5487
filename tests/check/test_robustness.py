"""Wrong types anywhere in a case give findings, never an exception."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest

from keykis.check import check_case
from keykis.model import Case, load_case
from tests.helpers import EXAMPLE

ODD_VALUES: list[Any] = [None, 0, -3, "", "text", [], [1, "a"], {}, {"x": 1}, True, 2.5]


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(paths(v, (*prefix, i)))
    return out


def replace(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@pytest.mark.slow
def test_random_wrong_types_never_raise() -> None:
    base = load_case(EXAMPLE)
    all_paths = paths(base.data)
    rng = random.Random(20261122)
    for _ in range(120):
        data = copy.deepcopy(base.data)
        for path in rng.sample(all_paths, 3):
            try:
                replace(data, path, copy.deepcopy(rng.choice(ODD_VALUES)))
            except (TypeError, KeyError, IndexError):
                pass
        findings = check_case(Case(data, path=base.path, text=base.text), lang="ru")
        assert all(f.message for f in findings)
