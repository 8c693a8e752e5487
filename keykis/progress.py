"""How far the author has got: the state of each of the 25 steps.

The steps sidebar of the editor (and the student's study mode) shows each
step as empty, in progress, done or with errors. The state is read from the
case itself and from the checker's findings, so it never needs storing.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from keykis.check.findings import Finding
from keykis.method import Step, load_data, method
from keykis.model import Case, filled, value_at

EMPTY, IN_PROGRESS, DONE, ERRORS = "empty", "in progress", "done", "errors"


def reflection_done(case: Case, step: Step) -> bool:
    """Whether every reflection question of ``step`` is ticked."""
    answers = value_at(case.data, f"reflection.{step.id}")
    answers = answers if isinstance(answers, dict) else {}
    return all(isinstance(answers.get(q), dict) and answers[q].get("done") is True for q in step.reflection)


def step_filled(case: Case, step: Step) -> bool:
    """Whether the author wrote anything for ``step`` (its fields or its prose)."""
    values = [value_at(case.data, f) for f in step.fields] + [value_at(case.data, f"narrative.{step.id}")]
    return any(filled(v, flags_count=True) for v in values)


def step_states(case: Case, findings: list[Finding]) -> dict[str, str]:
    """State of every step by id: ``empty``, ``in progress``, ``done`` or ``errors``."""
    with_errors = {f.step_id for f in findings if f.severity == "error" and f.step_id}
    lacking = {f.step_id for f in findings if f.rule == "step-open" and f.step_id}
    out: dict[str, str] = {}
    for step in method().steps:
        if step.id in with_errors:
            out[step.id] = ERRORS
        elif not step_filled(case, step):
            out[step.id] = EMPTY
        elif reflection_done(case, step) and step.id not in lacking:
            out[step.id] = DONE
        else:
            out[step.id] = IN_PROGRESS
    return out


@cache
def iteration() -> dict[str, dict[str, Any]]:
    """The method's iteration data from ``schemas/iteration.yaml``."""
    data = load_data("iteration.yaml")
    return {"revisit": dict(data.get("revisit") or {}), "final_of": dict(data.get("final_of") or {})}


def revisit(step_id: str) -> list[Step]:
    """Steps that depend on ``step_id`` and may need a second look after it changes."""
    m = method()
    return [m.step_by_id[s] for s in iteration()["revisit"].get(step_id, []) if s in m.step_by_id]
