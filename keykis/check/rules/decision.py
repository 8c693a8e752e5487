"""The decision matrix (steps 17-20): the choice fits goals and values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from keykis.check.findings import Hit
from keykis.method import Method
from keykis.model import Case, score_total


def matrices(case: Case) -> list[dict[str, Any]]:
    """Every decision matrix of the case (step 19): the main one (``decision.scores``) and
    the others (``decision.matrices``: marketing, management, finance...), each as
    ``{"id", "name", "scores", "at"}`` with well-formed cells only."""
    decision = case.data.get("decision")
    if not isinstance(decision, dict):
        return []
    out: list[dict[str, Any]] = []
    if "scores" in decision:
        out.append({"id": "main", "name": "", "scores": _cells(decision.get("scores")), "at": ("decision", "scores")})
    for i, mx in enumerate(decision.get("matrices") or []):
        if isinstance(mx, dict):
            out.append({"id": str(mx.get("id", i)), "name": str(mx.get("name", "")), "scores": _cells(mx.get("scores")),
                        "at": ("decision", "matrices", i, "scores")})
    return out


def scores(case: Case) -> dict[str, dict[str, dict[str, Any]]]:
    """solution id -> criterion id -> cell of the main matrix, keeping only well-formed cells."""
    decision = case.data.get("decision")
    return _cells(decision.get("scores") if isinstance(decision, dict) else None)


def _cells(raw: Any) -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for sid, row in (raw or {}).items() if isinstance(raw, dict) else ():
        if isinstance(row, dict):
            out[str(sid)] = {str(c): cell for c, cell in row.items() if isinstance(cell, dict)}
    return out


total = score_total
"""The sum of one row's scores: see :func:`keykis.model.score_total`."""


def _candidates(case: Case) -> list[str]:
    task = case.chosen("tasks")
    tid = task.get("id") if task else None
    return [str(s.get("id")) for s in case.items("solutions") if s.get("task", tid) == tid]


def completeness(case: Case, m: Method) -> Iterator[Hit]:
    criteria = [str(c.get("id")) for c in case.criteria()]
    for mx in matrices(case):
        table, at = mx["scores"], mx["at"]
        if not table:
            continue
        for sid in _candidates(case):
            for cid in criteria:
                cell = table.get(sid, {}).get(cid)
                if cell is None:
                    yield Hit("decision-incomplete", at, {"id": sid, "criterion": cid}, key=True)
                elif not str(cell.get("reason", "")).strip():
                    yield Hit("decision-reason", (*at, sid, cid), {"id": sid, "criterion": cid})


def choice(case: Case, m: Method) -> Iterator[Hit]:
    table = scores(case)
    chosen = case.chosen("solutions")
    decision = case.data.get("decision")
    reason = str(decision.get("choice_reason", "")).strip() if isinstance(decision, dict) else ""
    if not table or not chosen or reason:
        return
    sid = str(chosen.get("id"))
    row = table.get(sid, {})
    at = ("matrix", "solutions", "chosen")
    for cid, cell in row.items():
        if cell.get("score") == -2:
            yield Hit("decision-conflict", at, {"id": sid, "criterion": cid})
    totals = {s: total(table[s]) for s in _candidates(case) if s in table}
    if totals:
        best = max(totals, key=lambda s: totals[s])
        if totals[best] > totals.get(sid, total(row)):
            yield Hit("decision-not-best", at, {"id": sid, "score": total(row), "best": best, "best_score": totals[best]})


RULES = [completeness, choice]
