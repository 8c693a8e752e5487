"""The morphological matrix: one chosen item per field, and a chain that holds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from keykis.check.findings import Hit
from keykis.method import Method
from keykis.model import FIELDS, Case
from keykis.vocabulary import LANGS, in_every_language, label, parts_in_every_language


def _field_names(field: str) -> dict[str, str]:
    return {lang: label("field", field, lang) for lang in LANGS}


_WORD = re.compile(r"[\w’'-]+")


def word_count(text: str) -> int:
    """Words in a formulation, as a reader would count them."""
    return len(_WORD.findall(text))


def chosen_items(case: Case, m: Method) -> Iterator[Hit]:
    for f in FIELDS:
        fld = case.field(f)
        if case.items(f) and "chosen" not in fld:
            yield Hit("matrix-chosen", ("matrix", f), {"field": _field_names(f)}, key=True)


def chain(case: Case, m: Method) -> Iterator[Hit]:
    for child, link, parent in (("tasks", "problem", "problems"), ("solutions", "task", "tasks")):
        picked, above = case.chosen(child), case.chosen(parent)
        if picked and above and picked.get(link, above.get("id")) != above.get("id"):
            yield Hit("matrix-chain", ("matrix", child, "chosen"),
                      {"id": picked.get("id"), "parent": picked.get(link), "chosen": above.get("id")})


def title_question(case: Case, m: Method) -> Iterator[Hit]:
    question = case.chosen("questions")
    if question and case.title.strip() != str(question.get("text", "")).strip():
        yield Hit("title-is-question", ("title",), {"question": question.get("text", "")})
    if case.title.strip() and not case.title.strip().endswith("?"):
        yield Hit("title-not-question", ("title",))


def problem_length(case: Case, m: Method) -> Iterator[Hit]:
    limit = int(m.limits["problem_max_words"])
    for i, p in enumerate(case.items("problems")):
        words = word_count(str(p.get("text", "")))
        if words > limit:
            yield Hit("problem-too-long", ("matrix", "problems", "items", i, "text"), {"words": words, "limit": limit})


def problem_focus(case: Case, m: Method) -> Iterator[Hit]:
    problem = case.chosen("problems")
    if not problem:
        return
    i = case.items("problems").index(problem)
    at = ("matrix", "problems", "items", i)
    c = problem.get("contradiction")
    if not (isinstance(c, dict) and str(c.get("text", "")).strip() and len(c.get("between") or []) >= 2):
        yield Hit("problem-contradiction", at, {"id": problem.get("id")})
    if not problem.get("resources"):
        yield Hit("problem-resources", at, {"id": problem.get("id")})


def task_parts(case: Case, m: Method) -> Iterator[Hit]:
    task = case.chosen("tasks")
    if not task:
        return
    required = m.matrix["task_parts"]["required"]
    missing = [p for p in required if not str(task.get(p, "")).strip()]
    if missing:
        i = case.items("tasks").index(task)
        yield Hit("task-parts", ("matrix", "tasks", "items", i), {"id": task.get("id"),
                                                             "missing": parts_in_every_language(*missing)})


def solution_labels(case: Case, m: Method) -> Iterator[Hit]:
    for i, s in enumerate(case.items("solutions")):
        at = ("matrix", "solutions", "items", i)
        if not s.get("strategy"):
            yield Hit("solution-strategy", at, {"id": s.get("id")})
        if not s.get("directed_at"):
            yield Hit("solution-target", at, {"id": s.get("id")})


def _fan(field: str, what: str, count: int, limit: int, at: tuple[str | int, ...], item: str | None = None) -> Hit:
    words = (in_every_language("check.fan_typical_solutions", task=item) if item
             else in_every_language(f"check.fan_{what}"))
    return Hit("field-fan", at, {"field": _field_names(field), "count": count, "limit": limit, "what": words},
               key=True, step=m_step(field))


def m_step(field: str) -> str:
    """The step at which a field of the matrix is filled."""
    return {"questions": "title", "problems": "problems", "tasks": "tasks", "solutions": "solutions"}[field]


def fans(case: Case, m: Method) -> Iterator[Hit]:
    """Each field of the matrix is a fan of alternatives (Table 2, Figure 1)."""
    lim = m.limits
    problems = case.items("problems")
    if problems or case.complete:
        at = ("matrix", "problems")
        if len(problems) < int(lim["fan_problems"]):
            yield _fan("problems", "problems", len(problems), int(lim["fan_problems"]), at)
        owners = {p.get("owner") for p in problems if p.get("owner")}
        if problems and len(owners) < int(lim["fan_problem_owners"]):
            yield _fan("problems", "owners", len(owners), int(lim["fan_problem_owners"]), at)
    problem, task = case.chosen("problems"), case.chosen("tasks")
    if problem:
        pid = problem.get("id")
        tasks = [t for t in case.items("tasks") if t.get("problem", pid) == pid]
        if len(tasks) < int(lim["fan_tasks"]):
            yield _fan("tasks", "tasks", len(tasks), int(lim["fan_tasks"]), ("matrix", "tasks"))
        per_task = int(lim.get("fan_solutions_per_task", 0))
        for t in tasks:
            if t is task or not per_task:
                continue
            n = sum(1 for s in case.items("solutions") if s.get("task") == t.get("id"))
            if n < per_task:
                i = case.items("tasks").index(t)
                yield _fan("solutions", "solutions", n, per_task, ("matrix", "tasks", "items", i), str(t.get("id")))
    if task:
        tid = task.get("id")
        sols = [s for s in case.items("solutions") if s.get("task", tid) == tid]
        if len(sols) < int(lim["fan_solutions"]):
            yield _fan("solutions", "solutions", len(sols), int(lim["fan_solutions"]), ("matrix", "solutions"))


def chosen_owner(case: Case, m: Method) -> Iterator[Hit]:
    """The chosen problem belongs to the main actor or its internal environment."""
    problem = case.chosen("problems")
    owner = case.actors().get(str(problem.get("owner"))) if problem else None
    if problem and owner and owner.environment == "external":
        i = case.items("problems").index(problem)
        yield Hit("problem-owner", ("matrix", "problems", "items", i, "owner"), {"id": problem.get("id"), "owner": owner.id})


def actors_problems(case: Case, m: Method) -> Iterator[Hit]:
    """Each actor of the graph states a problem of its own, or the case says why not (step 12)."""
    if not case.items("problems"):
        return
    owners = {p.get("owner") for p in case.items("problems")}
    members: dict[str, list[str]] = {}
    for a in case.data.get("actors") or []:
        if isinstance(a, dict) and isinstance(a.get("id"), str):
            members[a["id"]] = [x for x in a.get("members") or [] if isinstance(x, str)]
    index = {a.get("id"): i for i, a in enumerate(case.data.get("actors") or []) if isinstance(a, dict)}
    in_owner = {x for org, ms in members.items() if org in owners for x in ms}  # members of an owning group
    for aid in case.characters():
        if aid not in index or aid in owners or set(members.get(aid, ())) & owners:
            continue
        if aid in in_owner:
            continue
        actor = case.data["actors"][index[aid]]
        if isinstance(actor, dict) and str(actor.get("no_problem") or "").strip():
            continue
        yield Hit("actor-problem", ("actors", index[aid]), {"id": aid})


def resources(case: Case, m: Method) -> Iterator[Hit]:
    """Questions, problems, tasks and solutions are stated in resource kinds (Table 1)."""
    chosen_problem = case.chosen("problems")
    for f in FIELDS:
        for i, item in enumerate(case.items(f)):
            if not item.get("resources") and item is not chosen_problem:  # that one is problem-resources
                yield Hit("resources-missing", ("matrix", f, "items", i), {"id": item.get("id")}, key=True)


RULES = [fans, chosen_owner, actors_problems, resources,
         chosen_items, chain, title_question, problem_length, problem_focus, task_parts, solution_labels]
