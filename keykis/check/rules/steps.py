"""Every step present: what the article asks of steps 4-24, as errors for a complete case.

The requirements are data (``step_requirements`` in schemas/rules.yaml). A
complete or published case gets ``step-missing`` errors; a draft gets the same
knowledge as ``step-open`` notes, which are its per-step progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from keykis.check.findings import Hit
from keykis.check.rules.content import (
    has_content,
    is_empty_indicator,
    is_measurable,
    is_statement,
    placeholders_in,
)
from keykis.method import Method
from keykis.model import Case, mapping, value_at
from keykis.vocabulary import LANGS, in_every_language

METRICS = ("observability", "controllability", "manageability")


def _internal_actors(case: Case) -> bool:
    return any(a.environment == "internal" for a in case.actors().values())


def _internal_objects(case: Case) -> bool:
    return any(isinstance(o, dict) and o.get("environment") == "internal" and has_content(o.get("name"))
               for o in case.data.get("objects") or [])


def _external_activity(case: Case) -> bool:
    if has_content(case.data.get("external_models")) or has_content(case.narrative("external_activity")):
        return True
    return any(isinstance(a, dict) and a.get("environment") == "external" and has_content(a.get("activity"))
               for a in case.data.get("actors") or [])


def _relations(case: Case) -> bool:
    actors = case.actors()
    return any(r.source in actors and r.target in actors for r in case.relations())


def _values(case: Case) -> bool:
    return has_content(case.data.get("values"))


def _goals(case: Case) -> bool:
    return has_content(case.data.get("goals"))


def _decision_matrix(case: Case) -> bool:
    from keykis.check.rules.decision import matrices

    return any(m["scores"] for m in matrices(case))


def _indicators(case: Case) -> list[str]:
    metrics = mapping(case.data.get("metrics"))
    return [str(i) for k in METRICS for i in mapping(metrics.get(k)).get("indicators") or []
            if isinstance(i, str | int | float) and str(i).strip()]


def _metrics_quantitative(case: Case) -> bool:
    """Quantitative indicators beside the qualitative text, each naming a measurable quantity."""
    indicators = _indicators(case)
    return any(is_measurable(i) for i in indicators) and not any(is_empty_indicator(i) for i in indicators)


def _metric(case: Case, key: str) -> bool:
    """One of the three metrics of step 21: an observable statement (and measurable indicators, if only those)."""
    metric = mapping(mapping(case.data.get("metrics")).get(key))
    text = metric.get("text")
    if isinstance(text, str) and text.strip():
        return is_statement(text)
    indicators = [str(i) for i in metric.get("indicators") or [] if str(i).strip()]
    return any(is_measurable(i) for i in indicators) and not any(is_empty_indicator(i) for i in indicators)


def _conclusion(case: Case) -> bool:
    return has_content(case.data.get("conclusion")) or has_content(case.narrative("conclusion"))


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
    """Whether ``case`` meets one requirement of ``step_requirements`` (a placeholder does not)."""
    check = _NAMED.get(requirement)
    if check:
        return check(case)
    parts = requirement.split(".")
    if len(parts) == 2 and parts[0] == "metrics" and parts[1] in METRICS:
        return _metric(case, parts[1])
    return has_content(value_at(case.data, requirement))


def _why(case: Case, requirement: str) -> dict[str, str] | None:
    """Why a requirement that has some text is still unmet: a placeholder, a lone rating, an unmeasurable indicator."""
    def say(key: str, text: str) -> dict[str, str]:
        return in_every_language(key, text=" ".join(text.split())[:60])

    if requirement == "metrics_quantitative":
        indicators = _indicators(case)
        bad = next((i for i in indicators if is_empty_indicator(i)), None) or next(
            (i for i in indicators if not is_measurable(i)), None)
        return say("check.indicator_not_measurable", bad) if bad else None
    parts = requirement.split(".")
    if len(parts) == 2 and parts[0] == "metrics" and parts[1] in METRICS:
        metric = mapping(mapping(case.data.get("metrics")).get(parts[1]))
        text = metric.get("text")
        if isinstance(text, str) and text.strip():
            return say("check.metric_not_statement", text)
        bad = next((str(i) for i in metric.get("indicators") or [] if is_empty_indicator(str(i))), None)
        return say("check.indicator_not_measurable", bad) if bad else None
    sources = {"external_activity": [case.data.get("external_models"), case.narrative("external_activity")],
               "conclusion": [case.data.get("conclusion"), case.narrative("conclusion")]}
    values = sources.get(requirement) or ([] if requirement in _NAMED else [value_at(case.data, requirement)])
    if requirement in ("values", "goals"):
        values = [case.data.get(requirement)]
    found = [p for v in values for p in placeholders_in(v)]
    return say("check.placeholder_why", found[0]) if found else None


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
        what: dict[str, str] | str = m.requirement_words.get(req, req)
        why = _why(case, req)
        if why and isinstance(what, dict):
            what = {lang: f"{what.get(lang, req)} ({why[lang]})" for lang in LANGS}
        yield Hit(rule, at, {"n": n, "what": what}, key=key, step=step)


RULES = [steps_present]
