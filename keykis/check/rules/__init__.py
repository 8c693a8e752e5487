"""Method rules. Each rule is a function ``(case, method) -> Iterator[Hit]``.

Rules are grouped by the part of the method they guard; ``all_rules()``
lists them in the order their findings are most useful to read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from keykis.check.findings import Hit
from keykis.method import Method
from keykis.model import Case

Rule = Callable[[Case, Method], Iterator[Hit]]


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
