"""Every step present: what the article asks of steps 4-24, as errors for a complete case.

The requirements are data (``step_requirements`` in schemas/rules.yaml). A
complete or published case gets ``step-missing`` errors; a draft gets the same
knowledge as ``step-open`` notes, which are its per-step progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from keykis.check.findings import Hit
from keykis.method import Method
from keykis.model import Case, filled, mapping, value_at


def _internal_actors(case: Case) -> bool:
    return any(a.environment == "internal" for a in case.actors().values())


def _internal_objects(case: Case) -> bool:
    return any(isinstance(o, dict) and o.get("environment") == "internal" and filled(o.get("name"))
               for o in case.data.get("objects") or [])


def _external_activity(case: Case) -> bool:
    if filled(case.data.get("external_models")) or filled(case.narrative("external_activity")):
        return True
    return any(isinstance(a, dict) and a.get("environment") == "external" and filled(a.get("activity"))
               for a in case.data.get("actors") or [])


def _relations(case: Case) -> bool:
    actors = case.actors()
    return any(r.source in actors and r.target in actors for r in case.relations())


def _values(case: Case) -> bool:
    return filled(case.data.get("values"))


def _goals(case: Case) -> bool:
    return filled(case.data.get("goals"))


def _decision_matrix(case: Case) -> bool:
    from keykis.check.rules.decision import matrices

    return any(m["scores"] for m in matrices(case))


def _metrics_quantitative(case: Case) -> bool:
    metrics = mapping(case.data.get("metrics"))
    return any(filled(mapping(metrics.get(k)).get("indicators"))
               for k in ("observability", "controllability", "manageability"))


def _conclusion(case: Case) -> bool:
    return filled(case.data.get("conclusion")) or filled(case.narrative("conclusion"))


def _conclusion_alternatives(case: Case) -> bool:
    """The conclusion names a resolution besides the chosen one (an other solution, or says 'other ...')."""
    from keykis.check.rules.language import content_lemmas, other_resolution_marker

    text = " ".join(str(x) for x in (case.data.get("conclusion"), case.narrative("conclusion"))
                    if isinstance(x, str))
    if not text.strip():
        return False
    if other_resolution_marker(text):
        return True
    chosen = case.chosen("solutions")
    words = content_lemmas(text)
    for s in case.items("solutions"):
        if s is chosen:
            continue
        theirs = content_lemmas(str(s.get("text", "")))
        if theirs and len(words & theirs) >= min(2, len(theirs)):
            return True
    return False


_NAMED: dict[str, Callable[[Case], bool]] = {
    "internal_actors": _internal_actors, "internal_objects": _internal_objects,
    "external_activity": _external_activity, "relations": _relations, "values": _values, "goals": _goals,
    "decision_matrix": _decision_matrix, "metrics_quantitative": _metrics_quantitative,
    "conclusion": _conclusion, "conclusion_alternatives": _conclusion_alternatives,
}


def requirement_met(case: Case, requirement: str) -> bool:
    """Whether ``case`` meets one requirement of ``step_requirements``."""
    check = _NAMED.get(requirement)
    return check(case) if check else filled(value_at(case.data, requirement))


def _place(case: Case, requirement: str) -> tuple[tuple[str | int, ...], bool]:
    """Where to point: the requirement's own key when present, else its nearest present parent."""
    parts = requirement.split(".") if requirement not in _NAMED else []
    while parts:
        if value_at(case.data, ".".join(parts)) is not None:
            return tuple(parts), True
        parts.pop()
    return (), False


def missing(case: Case, m: Method) -> Iterator[tuple[int, str, str]]:
    """(step number, step id, requirement) for every requirement the case does not meet."""
    for step in m.steps:
        for req in m.requirements.get(step.id, ()):
            if not requirement_met(case, req):
                yield step.n, step.id, req


def steps_present(case: Case, m: Method) -> Iterator[Hit]:
    rule = "step-missing" if case.complete else "step-open"
    for n, step, req in missing(case, m):
        at, key = _place(case, req)
        yield Hit(rule, at, {"n": n, "what": m.requirement_words.get(req, req)}, key=key, step=step)


RULES = [steps_present]
