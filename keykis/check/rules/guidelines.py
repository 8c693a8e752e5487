"""Teacher guidelines: objectives meet questions, questions have answers, the plan adds up."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from keykis.check.findings import Hit
from keykis.method import Method
from keykis.model import Case, mapping


def _guidelines(case: Case) -> dict[str, Any]:
    g = case.data.get("guidelines")
    return g if isinstance(g, dict) else {}


def presence(case: Case, m: Method) -> Iterator[Hit]:
    if case.complete and not _guidelines(case):
        yield Hit("guidelines-missing", ("meta", "status"))


def objectives_linked(case: Case, m: Method) -> Iterator[Hit]:
    g = _guidelines(case)
    objectives = mapping(g.get("objectives"))
    linked = {o for q in g.get("questions") or [] if isinstance(q, dict) for o in q.get("objectives") or []}
    for part in ("main", "auxiliary"):
        for i, obj in enumerate(objectives.get(part) or []):
            if isinstance(obj, dict) and obj.get("id") not in linked:
                yield Hit("guidelines-objective", ("guidelines", "objectives", part, i), {"id": obj.get("id")})


def questions_answered(case: Case, m: Method) -> Iterator[Hit]:
    for i, q in enumerate(_guidelines(case).get("questions") or []):
        if isinstance(q, dict) and not str(q.get("expected", "")).strip():
            yield Hit("guidelines-answer", ("guidelines", "questions", i), {"id": q.get("id")})


def plan_timing(case: Case, m: Method) -> Iterator[Hit]:
    session = _guidelines(case).get("session")
    if not isinstance(session, dict) or not isinstance(session.get("length"), int):
        return
    plan = [b for b in session.get("plan") or [] if isinstance(b, dict) and isinstance(b.get("minutes"), int)]
    total = sum(b["minutes"] for b in plan)
    if plan and total != session["length"]:
        yield Hit("guidelines-timing", ("guidelines", "session", "plan"), {"total": total, "length": session["length"]},
                  key=True)


RULES = [presence, objectives_linked, questions_answered, plan_timing]
