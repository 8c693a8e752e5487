"""Method rules. Each rule is a function ``(case, method) -> Iterator[Hit]``.

Rules are grouped by the part of the method they guard; ``all_rules()``
lists them in the order their findings are most useful to read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from keykis.check.findings import Hit
from keykis.method import Method
from keykis.model import Case

Rule = Callable[[Case, Method], Iterator[Hit]]
Texts = list[tuple[tuple[str | int, ...], str]]


def per_unit(case: Case, kind: str, context: tuple[object, ...], scan: Callable[[Texts], list[Hit]]) -> list[Hit]:
    """The hits of a rule that looks at each text on its own, ``scan`` run over each unit of texts.

    In the editor a unit whose part and ``context`` did not change since the last check keeps its hits
    (``Case.kept``), so one keystroke costs the scan of one unit, not of every text of the case.
    """
    out: list[Hit] = []
    for where, node, texts in case.text_units():
        out.extend(case.kept(kind, where, node, context, partial(scan, texts)))
    return out


def all_rules() -> list[Rule]:
    """Every method rule, in reading order."""
    from keykis.check.rules import (
        characters,
        completeness,
        decision,
        environment,
        guidelines,
        ids,
        language,
        matrix,
        publishing,
        size,
        steps,
        synopsis,
    )

    return [
        *ids.RULES, *matrix.RULES, *environment.RULES, *characters.RULES, *language.RULES,
        *decision.RULES, *guidelines.RULES, *publishing.RULES, *synopsis.RULES, *completeness.RULES, *steps.RULES, *size.RULES,
    ]
