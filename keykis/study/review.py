"""The class review: what a class chose, set against the author's chain.

An instructor runs ``keykis review CASE WORKSHEETS…`` after a session.
Every worksheet is read and checked; a broken one, one made for another
case, or one made for another revision of this case is listed and kept out
of the figures (other revisions can be let in on purpose). The figures are
plain counts, so that ``review.json`` can be read by other tools and the
PDF can show them as charts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from keykis.check.findings import Finding
from keykis.check.rules.decision import scores
from keykis.errors import CaseFileError
from keykis.method import method, name
from keykis.model import Case
from keykis.study.checks import check_worksheet
from keykis.study.student import study_settings
from keykis.study.worksheet import Worksheet, load_worksheet

SCORE_RANGE = (-2, -1, 0, 1, 2)


@dataclass
class Entry:
    """One worksheet as the review lists it."""

    file: str
    """The worksheet file as given on the command line."""
    label: str = ""
    """Team name or students' names."""
    students: list[str] = field(default_factory=list)
    """Every student named on the worksheet."""
    group: str = ""
    """Study group."""
    errors: int = 0
    """Number of error findings."""
    warnings: int = 0
    """Number of warning findings."""
    rules: list[str] = field(default_factory=list)
    """Rule ids of the errors, sorted, without repeats."""
    reason: str | None = None
    """Why the worksheet was skipped: ``broken``, ``wrong-case`` or ``other-revision``."""
    message: str = ""
    """The first error, in words, for a skipped worksheet."""


@dataclass
class Review:
    """The class at a glance: counts of choices, and the worksheets behind them."""

    case: dict[str, Any]
    author: dict[str, Any]
    counted: list[Entry] = field(default_factory=list)
    skipped: list[Entry] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)
    strategies: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[dict[str, Any]] = field(default_factory=list)
    scores: list[dict[str, Any]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def with_errors(self) -> list[Entry]:
        """Counted worksheets that still have errors."""
        return [e for e in self.counted if e.errors]

    def as_dict(self) -> dict[str, Any]:
        """The JSON form written to ``review.json``."""
        out = asdict(self)
        out["with_errors"] = [asdict(e) for e in self.with_errors]
        out["summary"] = {"worksheets": len(self.counted) + len(self.skipped), "counted": len(self.counted),
                          "skipped": len(self.skipped), "with_errors": len(self.with_errors)}
        return out


def _author(case: Case, lang: str) -> dict[str, Any]:
    problem, task, solution = (case.chosen(f) for f in ("problems", "tasks", "solutions"))
    return {
        "problem": problem.get("id") if problem else None,
        "owner": problem.get("owner") if problem else None,
        "between": sorted((problem.get("contradiction") or {}).get("between") or []) if problem else [],
        "task": task.get("id") if task else None,
        "solution": solution.get("id") if solution else None,
        "strategy": list(solution.get("strategy") or []) if solution else [],
        "directed_at": list(solution.get("directed_at") or []) if solution else [],
    }


def _skip(entry: Entry, findings: list[Finding], reason: str) -> Entry:
    entry.reason = reason
    first = next((f for f in findings if f.severity == "error" or f.rule == "worksheet-revision"), None)
    entry.message = f"{first.line}:{first.column} {first.message}" if first else ""
    return entry


def _classify(path: Path, case: Case, lang: str, include_other: bool) -> tuple[Entry, Worksheet | None]:
    entry = Entry(file=str(path))
    try:
        ws = load_worksheet(path)
    except CaseFileError as exc:
        entry.reason = "broken"
        entry.message = f"{exc.line}:{exc.column or 1} {exc.message}" if exc.line else exc.message
        return entry, None
    entry.label, entry.group = ws.label, ws.group
    entry.students = [s.name for s in ws.students]
    findings = check_worksheet(ws, case, lang=lang)
    errors = [f for f in findings if f.severity == "error"]
    entry.errors, entry.warnings = len(errors), sum(f.severity == "warning" for f in findings)
    entry.rules = sorted({f.rule for f in errors})
    if any(f.rule == "worksheet-case" for f in findings):
        return _skip(entry, findings, "wrong-case"), None
    if any(f.rule in ("schema", "unknown-key") for f in errors):
        return _skip(entry, findings, "broken"), None
    if not include_other and any(f.rule == "worksheet-revision" for f in findings):
        return _skip(entry, findings, "other-revision"), None
    return entry, ws


def _match_task(text: str, author_tasks: list[dict[str, Any]], cutoff: float) -> str | None:
    best, best_score = None, cutoff
    for t in author_tasks:
        score = fuzz.token_set_ratio(text.lower(), str(t.get("text", "")).lower())
        if score >= best_score:
            best, best_score = str(t.get("id")), score
    return best


def _rows(counter: Counter[str], labels: dict[str, str], author: set[str]) -> list[dict[str, Any]]:
    keys = sorted(counter, key=lambda k: (-counter[k], k))
    return [{"id": k, "name": labels.get(k, k), "count": counter[k], "author": k in author} for k in keys]


def review_class(case: Case, paths: list[Path], *, lang: str = "en",
                 include_other_revisions: bool | None = None) -> Review:
    """Read and check every worksheet, and count what the counted ones chose."""
    settings = study_settings()
    include = settings["include_other_revisions"] if include_other_revisions is None else include_other_revisions
    m = method()
    author = _author(case, lang)
    review = Review(case={"id": case.id, "title": case.title, "revision": case.meta.get("revision")}, author=author)
    names = {aid: case.public_name(aid) for aid in case.actors()}
    owners: Counter[str] = Counter()
    between: Counter[str] = Counter()
    tasks: Counter[str] = Counter()
    strategies: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    left_out: Counter[str] = Counter({a: 0 for a in case.characters()})
    cells: dict[str, Counter[int]] = {str(c.get("id")): Counter() for c in case.criteria()}
    totals: Counter[int] = Counter()
    author_tasks = case.items("tasks")
    cutoff = float(settings["task_match_similarity"])
    for path in paths:
        entry, ws = _classify(path, case, lang, bool(include))
        (review.skipped if ws is None else review.counted).append(entry)
        if ws is None:
            continue
        view = ws.as_case(case)
        owned = {p.get("owner") for p in view.items("problems")}
        left_out.update(a for a in case.characters() if a not in owned)
        problem, task, solution = (view.chosen(f) for f in ("problems", "tasks", "solutions"))
        if problem:
            owners[str(problem.get("owner"))] += 1
            pair = sorted((problem.get("contradiction") or {}).get("between") or [])
            if pair:
                between[" ↔ ".join(pair)] += 1
        if task:
            tasks[_match_task(str(task.get("text", "")), author_tasks, cutoff) or "own"] += 1
        if solution:
            strategies.update(str(s) for s in solution.get("strategy") or [])
            targets.update(str(a) for a in solution.get("directed_at") or [])
            row = scores(view).get(str(solution.get("id")), {})
            for cid, cell in row.items():
                if cid in cells and isinstance(cell.get("score"), int):
                    cells[cid][cell["score"]] += 1
            if row:
                totals[sum(int(c.get("score", 0)) for c in row.values() if isinstance(c.get("score"), int))] += 1
    review.problems = _rows(owners, names, {author["owner"]} if author["owner"] else set())
    kinds = {k: " ↔ ".join(name(m.resource_kinds[r], lang) if r in m.resource_kinds else r for r in k.split(" ↔ "))
             for k in between}
    review.contradictions = _rows(between, kinds, {" ↔ ".join(author["between"])} if author["between"] else set())
    task_names = {str(t.get("id")): str(t.get("text", "")) for t in author_tasks}
    review.tasks = _rows(tasks, task_names, {author["task"]} if author["task"] else set())
    review.strategies = _rows(strategies, {s: name(m.strategies[s], lang) for s in m.strategies}, set(author["strategy"]))
    review.targets = _rows(targets, names, set(author["directed_at"]))
    review.left_out = [{"id": a, "name": names.get(a, a), "count": left_out[a]} for a in case.characters()]
    review.scores = _score_rows(case, cells)
    review.totals = {str(k): totals[k] for k in sorted(totals)}
    return review


def _score_rows(case: Case, cells: dict[str, Counter[int]]) -> list[dict[str, Any]]:
    author_row = scores(case).get(str((case.chosen("solutions") or {}).get("id")), {})
    out = []
    for c in case.criteria():
        cid = str(c.get("id"))
        counts = cells[cid]
        n = sum(counts.values())
        mean = round(sum(k * v for k, v in counts.items()) / n, 2) if n else None
        out.append({"id": cid, "text": str(c.get("text", "")), "counts": {str(s): counts[s] for s in SCORE_RANGE},
                    "mean": mean, "author": (author_row.get(cid) or {}).get("score")})
    return out
