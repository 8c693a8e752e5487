"""The rubric: a worksheet's grade as the total of its criteria's levels.

The criteria, their levels and points live in ``schemas/rubric.yaml`` (a
course may put its own ``rubric.yaml`` beside its ``keykis.yaml``). The
criteria the worksheet shows are measured here, with the fan limits of
``rules.yaml``; the criteria that are a judgement are left open for the
instructor, unless the student wrote nothing there. A worksheet's grade is
the rubric total, never the student's own decision-matrix sum.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from keykis import yamlsafe
from keykis.errors import UserError
from keykis.method import load_data, method
from keykis.model import Case
from keykis.study.checks import is_placeholder
from keykis.study.worksheet import Worksheet

RUBRIC_FILE = "rubric.yaml"
SCORED = ("auto", "instructor")
TASK_PARTS = ("what", "who", "to_whom", "when", "where", "how_much", "means", "requirements", "report")
TASK_PARTS_NEEDED = ("what", "when", "where", "how_much")
"""The parts of the chosen task the top level of ``tasks`` asks for (the task's own questions, Table 2)."""


@dataclass(frozen=True)
class Criterion:
    """One criterion of the rubric."""

    id: str
    """Short id, the key in grades.yaml."""
    name: dict[str, str]
    """The criterion's name per language."""
    scored: str
    """``auto`` (measured from the worksheet) or ``instructor`` (a judgement)."""
    measure: str | None
    """The measure of the worksheet that sets or pre-sets the level."""
    levels: tuple[tuple[float, dict[str, str]], ...]
    """(points, description per language), lowest first."""
    step: str | None = None
    """The step of the method the criterion checks."""

    @property
    def points(self) -> tuple[float, ...]:
        """The points of each level, lowest first."""
        return tuple(p for p, _ in self.levels)

    @property
    def best(self) -> float:
        """The points of the highest level."""
        return max(self.points)


@dataclass(frozen=True)
class Rubric:
    """The criteria a worksheet is graded by."""

    criteria: tuple[Criterion, ...]
    source: str
    """The file the rubric came from."""

    @property
    def best(self) -> float:
        """The highest total."""
        return sum(c.best for c in self.criteria)

    def get(self, cid: str) -> Criterion | None:
        """The criterion with id ``cid``."""
        return next((c for c in self.criteria if c.id == cid), None)


def _text(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {"en": str(value or "")}


def parse_rubric(data: dict[str, Any], source: str) -> Rubric:
    """A rubric from its YAML mapping; refuse a malformed one with a clear message."""
    def bad(detail: str) -> UserError:
        return UserError(f"the rubric is malformed: {detail}", path=source, words=("file.rubric", {"detail": detail}))

    raw = data.get("criteria")
    if not isinstance(raw, list) or not raw:
        raise bad("'criteria' must be a list")
    out: list[Criterion] = []
    for n, c in enumerate(raw, 1):
        if not isinstance(c, dict) or not c.get("id"):
            raise bad(f"criterion {n} has no id")
        cid = str(c["id"])
        scored = str(c.get("scored") or "instructor")
        if scored not in SCORED:
            raise bad(f"{cid}: scored must be auto or instructor")
        measure = str(c["measure"]) if c.get("measure") else None
        if measure is not None and measure not in MEASURES:
            raise bad(f"{cid}: unknown measure {measure!r} (known: {', '.join(sorted(MEASURES))})")
        if scored == "auto" and measure is None:
            raise bad(f"{cid}: an automatic criterion needs a measure")
        levels = c.get("levels")
        if not isinstance(levels, list) or len(levels) < 2:
            raise bad(f"{cid}: at least two levels are needed")
        parsed: list[tuple[float, dict[str, str]]] = []
        for level in levels:
            points = level.get("points") if isinstance(level, dict) else None
            if not isinstance(points, (int, float)) or isinstance(points, bool):
                raise bad(f"{cid}: every level needs a number of points")
            parsed.append((float(points), _text(level.get("text"))))
        if any(b[0] <= a[0] for a, b in zip(parsed, parsed[1:], strict=False)):
            raise bad(f"{cid}: levels must rise in points")
        if any(o.id == cid for o in out):
            raise bad(f"{cid}: the id is used twice")
        out.append(Criterion(cid, _text(c.get("name") or cid), scored, measure, tuple(parsed),
                             str(c["step"]) if c.get("step") else None))
    return Rubric(tuple(out), source)


@cache
def _rubric_file(path: Path) -> Rubric:
    data, _ = yamlsafe.load_mapping(path)
    return parse_rubric(data, str(path))


def rubric_for(folder: Path | None = None) -> Rubric:
    """The rubric that applies to a case in ``folder``: the nearest ``rubric.yaml`` above it, else the method's."""
    if folder is not None:
        for d in (folder, *folder.parents):
            if (d / RUBRIC_FILE).is_file():
                return _rubric_file(d / RUBRIC_FILE)
            if (d / ".git").exists():
                break
    return parse_rubric(load_data(RUBRIC_FILE), "schemas/" + RUBRIC_FILE)


def _filled(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and bool(str(value).strip()) and not is_placeholder(str(value))


def _field(view: Case, case: Case) -> int:
    lim = method().limits
    problems = view.items("problems")
    owners = {str(p.get("owner")) for p in problems if p.get("owner")}
    if len(problems) < int(lim["fan_problems"]) or len(owners) < int(lim["fan_problem_owners"]):
        return 0
    actors = set(case.actors())
    return 2 if all(str(p.get("owner") or "") in actors for p in problems) else 1


def _contradiction(view: Case, case: Case) -> int:
    problem = view.chosen("problems")
    c = problem.get("contradiction") if problem else None
    if not isinstance(c, dict) or not (_filled(c.get("text")) or c.get("between")):
        return 0
    between = c.get("between")
    kinds = {str(k) for k in between if str(k) in method().resource_kinds} if isinstance(between, list) else set()
    return 2 if len(kinds) >= 2 and _filled(c.get("text")) else 1


def _tasks(view: Case, case: Case) -> int:
    task, problem = view.chosen("tasks"), view.chosen("problems")
    if not task:
        return 0
    pid = problem.get("id") if problem else None
    fan = [t for t in view.items("tasks") if t.get("problem", pid) == pid]
    parts = all(_filled(task.get(p)) for p in TASK_PARTS_NEEDED)
    return 2 if len(fan) >= int(method().limits["fan_tasks"]) and parts else 1


def _solutions(view: Case, case: Case) -> int:
    solution, task = view.chosen("solutions"), view.chosen("tasks")
    if not solution:
        return 0
    tid = task.get("id") if task else None
    fan = [s for s in view.items("solutions") if s.get("task", tid) == tid]
    strategies = all(isinstance(s.get("strategy"), list) and s.get("strategy") for s in fan)
    return 2 if len(fan) >= int(method().limits["fan_solutions"]) and strategies else 1


def _reasons(view: Case, case: Case) -> int:
    table = view.scores()
    if not table:
        return 0
    criteria = [str(c.get("id")) for c in case.criteria()]
    solutions = [str(s.get("id")) for s in view.items("solutions")]
    every = all(_filled((table.get(s, {}).get(c) or {}).get("reason")) for s in solutions for c in criteria)
    return 2 if every and solutions and criteria else 1


def _nothing_or_open(present: bool) -> int | None:
    return None if present else 0


def _reflection(view: Case, case: Case, ws: Worksheet | None = None) -> int | None:
    return _nothing_or_open(bool(ws and reflection_answers(ws.data, "en")))


def _defence(view: Case, case: Case, ws: Worksheet | None = None) -> int | None:
    return _nothing_or_open(bool(ws and _filled(ws.data.get("defence"))))


MEASURES: dict[str, Callable[..., int | None]] = {
    "field": _field, "contradiction": _contradiction, "tasks": _tasks, "solutions": _solutions,
    "reasons": _reasons, "reflection": _reflection, "defence": _defence,
}
"""Each measure gives a level number (0 = lowest, 1, 2 = the third level, capped at the criterion's
highest) or None (open: the instructor decides)."""


def reflection_answers(data: dict[str, Any] | None, lang: str) -> list[dict[str, str]]:
    """The student's answers to reflection questions: step, question (in ``lang``) and answer, in step order."""
    raw = data.get("reflection") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        return []
    m = method()
    order = {s.id: s.n for s in m.steps}
    out = []
    for step_id in sorted(raw, key=lambda s: (order.get(str(s), 99), str(s))):
        answers = raw[step_id]
        if not isinstance(answers, dict):
            continue
        step = m.step_by_id.get(str(step_id))
        for qid, answer in answers.items():
            note = answer.get("note") if isinstance(answer, dict) else answer
            if not _filled(note):
                continue
            question = (step.reflection.get(str(qid)) or {}) if step else {}
            out.append({"step": str(step_id), "n": str(step.n) if step else "",
                        "step_title": (step.title.get(lang) or step.title.get("en", "")) if step else str(step_id),
                        "question_id": str(qid),
                        "question": str(question.get(lang) or question.get("en") or qid),
                        "answer": str(note).strip()})
    return out


def measure(rubric: Rubric, ws: Worksheet, case: Case) -> dict[str, int | None]:
    """The level (index, lowest 0) each criterion's measure gives the worksheet, None where it is open."""
    view = ws.as_case(case)
    out: dict[str, int | None] = {}
    for c in rubric.criteria:
        fn = MEASURES.get(c.measure or "")
        if fn is None:
            out[c.id] = None
            continue
        level = fn(view, case, ws) if c.measure in ("reflection", "defence") else fn(view, case)
        out[c.id] = None if level is None else min(level, len(c.levels) - 1)
    return out


def points_of(criterion: Criterion, level: int | None) -> float | None:
    """The points of a level index, None when the level is open."""
    return None if level is None else criterion.levels[level][0]


def level_of_points(criterion: Criterion, points: Any) -> int | None:
    """The level index whose points are ``points`` (as typed in grades.yaml), None if there is none."""
    if isinstance(points, bool) or not isinstance(points, (int, float)):
        return None
    return next((n for n, (p, _) in enumerate(criterion.levels) if p == float(points)), None)
