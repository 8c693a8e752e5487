"""The morphological matrix: one chosen item per field, and a chain that holds."""

from __future__ import annotations

import re
from collections.abc import Iterator

from keykis.check.findings import Hit
from keykis.method import Method, name
from keykis.model import FIELDS, Case

_FIELD_NAMES = {
    "questions": {"ru": "вопросы", "kk": "сұрақтар", "en": "questions"},
    "problems": {"ru": "проблемы", "kk": "мәселелер", "en": "problems"},
    "tasks": {"ru": "задачи", "kk": "міндеттер", "en": "tasks"},
    "solutions": {"ru": "решения", "kk": "шешімдер", "en": "solutions"},
}
_WORD = re.compile(r"[\w’'-]+")


def word_count(text: str) -> int:
    """Words in a formulation, as a reader would count them."""
    return len(_WORD.findall(text))


def chosen_items(case: Case, m: Method) -> Iterator[Hit]:
    for f in FIELDS:
        fld = case.field(f)
        if case.items(f) and "chosen" not in fld:
            yield Hit("matrix-chosen", ("matrix", f), {"field": _FIELD_NAMES[f]}, key=True)


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
        yield Hit("task-parts", ("matrix", "tasks", "items", i), {"id": task.get("id"), "missing": ", ".join(missing)})


def solution_labels(case: Case, m: Method) -> Iterator[Hit]:
    for i, s in enumerate(case.items("solutions")):
        at = ("matrix", "solutions", "items", i)
        if not s.get("strategy"):
            yield Hit("solution-strategy", at, {"id": s.get("id")})
        if not s.get("directed_at"):
            yield Hit("solution-target", at, {"id": s.get("id")})


def strategy_names(m: Method, ids: list[str], lang: str) -> str:
    """Strategy ids as words, joined with '+' as in Figure 1 of the method."""
    return " + ".join(name(m.strategies[s], lang) if s in m.strategies else s for s in ids)


RULES = [chosen_items, chain, title_question, problem_length, problem_focus, task_parts, solution_labels]
