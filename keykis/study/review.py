"""The class review: what a class chose, set against the author's chain.

An instructor runs ``keykis review CASE WORKSHEETS…`` after a session.
Every worksheet is read and checked, and every student is listed with their
chain, total score, findings and status. A worksheet that cannot be parsed,
one made for another case, or one made for another revision of this case is
listed and kept out of the figures (other revisions can be let in on
purpose); a worksheet that only breaks the schema in places is counted "with
errors" as far as it can be read. Identical and near-identical worksheets
are flagged. The figures are plain counts, so that ``review.json`` can be
read by other tools and the PDF can show them as charts.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from keykis import yamlsafe
from keykis.check import Finding
from keykis.errors import CaseFileError
from keykis.gate import ReadyCase
from keykis.method import load_data, method, name
from keykis.model import Case, case_number, score_total
from keykis.study.checks import check_worksheet
from keykis.study.gate import readable_part, require_worksheet
from keykis.study.gradebook import plan
from keykis.study.grades import GRADES_FILE, Grades, key_for, load_grades, merge, record
from keykis.study.rubric import Rubric, measure, reflection_answers, rubric_for
from keykis.study.student import study_settings
from keykis.study.worksheet import Worksheet, load_worksheet
from keykis.vocabulary import error_message

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
    ids: list[str] = field(default_factory=list)
    """Student numbers or logins, in the order of ``students`` (empty strings where none was given)."""
    usernames: list[str] = field(default_factory=list)
    """Logins in the learning system, in the order of ``students`` (empty where none was given)."""
    emails: list[str] = field(default_factory=list)
    """E-mail addresses, in the order of ``students`` (empty where none was given)."""
    reason: str | None = None
    """Why the worksheet was skipped: ``broken``, ``not-worksheet``, ``wrong-case`` or ``other-revision``."""
    message: str = ""
    """The first error, in words, for a skipped worksheet."""
    status: str = "clean"
    """``clean``, ``warnings``, ``errors``, or the reason it was skipped."""
    chain: dict[str, Any] = field(default_factory=dict)
    """The chosen chain: problem owner, contradiction, task, solution, strategy, targets (ids and words)."""
    total: int | None = None
    """The total score of the chosen solution in the worksheet's decision matrix."""
    findings: list[dict[str, Any]] = field(default_factory=list)
    """Every finding: line, column, severity, rule, message."""
    similar: list[dict[str, Any]] = field(default_factory=list)
    """Other worksheets that read the same or nearly the same: file, label, similarity (0-100)."""
    like: list[dict[str, Any]] = field(default_factory=list)
    """References the worksheet reads like: ``author`` (the case author's answer) or ``example`` (the student
    guide's worked example), with the similarity (0-100)."""
    auto: dict[str, int | None] = field(default_factory=dict)
    """The rubric level (index) each criterion's measure gives, None where the instructor decides."""
    marks: list[dict[str, Any]] = field(default_factory=list)
    """The rubric, merged with grades.yaml: per criterion id, auto, instructor, level, points, best, by."""
    grade: float | None = None
    """The rubric total (None while a level is open, or for a skipped worksheet)."""
    grade_best: float | None = None
    """The highest rubric total."""
    open: list[str] = field(default_factory=list)
    """Criteria still waiting for the instructor."""
    comment: str = ""
    """The instructor's comment (grades.yaml)."""
    reflection: list[dict[str, str]] = field(default_factory=list)
    """The student's answers to reflection questions: step, question, answer."""
    defence: str = ""
    """What the student will say in defence of the choice."""


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
    distribution: list[dict[str, Any]] = field(default_factory=list)
    """Totals of the chosen solution, high to low: score, number of worksheets, who."""
    group: str | None = None
    """The study group the review was limited to, if any."""
    board: list[dict[str, Any]] = field(default_factory=list)
    """The class's chosen problems for the board: per owner, per contradiction, the formulations and counts."""
    received: int = 0
    """Every file given to the review, whatever became of it."""
    rubric: dict[str, Any] = field(default_factory=dict)
    """The rubric in the review's language: source, best, criteria (id, name, scored, levels of points and text)."""
    other_groups: list[str] = field(default_factory=list)
    """With ``group``: the files of other study groups, left out of this review (listed, never silently dropped)."""

    @property
    def with_errors(self) -> list[Entry]:
        """Counted worksheets that still have errors."""
        return [e for e in self.counted if e.errors]

    @property
    def clean(self) -> list[Entry]:
        """Counted worksheets with neither errors nor warnings, that copy neither another one nor a reference."""
        return [e for e in self.counted if not e.errors and not e.warnings and not e.similar and not e.like]

    @property
    def entries(self) -> list[Entry]:
        """Every worksheet, counted or not, by group, then name, then file."""
        return sorted([*self.counted, *self.skipped], key=lambda e: (e.group, e.label.casefold(), e.file))

    @property
    def similar(self) -> list[dict[str, Any]]:
        """Pairs of identical or near-identical worksheets (each pair once)."""
        pairs = []
        for e in self.entries:
            pairs += [{"a": e.file, "a_label": e.label, "b": s["file"], "b_label": s["label"],
                       "similarity": s["similarity"]} for s in e.similar if e.file < s["file"]]
        return sorted(pairs, key=lambda p: (-p["similarity"], p["a"]))

    def as_dict(self) -> dict[str, Any]:
        """The JSON form written to ``review.json``."""
        out = asdict(self)
        out["with_errors"] = [asdict(e) for e in self.with_errors]
        out["clean"] = [asdict(e) for e in self.clean]
        out["students"] = [asdict(e) for e in self.entries]
        out["similar"] = self.similar
        out["gradebook"] = book = plan(out["students"])
        out["summary"] = {"received": self.received, "other_groups": len(self.other_groups),
                          "worksheets": len(self.counted) + len(self.skipped), "counted": len(self.counted),
                          "skipped": len(self.skipped), "with_errors": len(self.with_errors),
                          "clean": len(self.clean), "similar_pairs": len(self.similar),
                          "graded": sum(e.grade is not None for e in self.counted),
                          "gradebook_rows": len(book["rows"]), "needs_id": len(book["needs_id"]),
                          "duplicate_ids": sum(d["different"] for d in book["duplicates"])}
        return out


def case_head(case: Case) -> dict[str, Any]:
    """What the study documents print of their case: its title in every language it has, number, draft state.

    Also the printed order of its tasks, goals and values, so that a document
    names them as the case does («Задача 2», «Цель 1») and never by their ids.
    """
    titles = {case.language: case.title}
    given = case.data.get("titles")
    for code, text in (given.items() if isinstance(given, dict) else ()):
        if isinstance(text, str) and text.strip() and code not in titles:
            titles[str(code)] = text.strip()
    return {"id": case.id, "title": case.title, "revision": case.meta.get("revision"), "language": case.language,
            "titles": titles, "short_title": str(case.meta.get("short_title") or ""), "number": case_number(case),
            "draft": not case.complete, "tasks": [str(t.get("id")) for t in case.items("tasks")],
            "goals": [str(c.get("id")) for c in case.data.get("goals") or [] if isinstance(c, dict)],
            "values": [str(c.get("id")) for c in case.data.get("values") or [] if isinstance(c, dict)]}


def _author(case: Case, lang: str) -> dict[str, Any]:
    problem, task, solution = (case.chosen(f) for f in ("problems", "tasks", "solutions"))
    m = method()
    names = {aid: case.public_name(aid) for aid in case.actors()}
    words = _chain(case, names, m, lang, lambda _text: str(task.get("id")) if task else None)
    return {**{k: v for k, v in words.items() if k.endswith(("_name", "_names", "_text"))},
        "problem": problem.get("id") if problem else None,
        "owner": problem.get("owner") if problem else None,
        "between": sorted((problem.get("contradiction") or {}).get("between") or []) if problem else [],
        "task": task.get("id") if task else None,
        "solution": solution.get("id") if solution else None,
        "strategy": list(solution.get("strategy") or []) if solution else [],
        "directed_at": list(solution.get("directed_at") or []) if solution else [],
    }


def _skip(entry: Entry, findings: list[Finding], reason: str) -> Entry:
    entry.reason = entry.status = reason
    first = next((f for f in findings if f.severity == "error" or f.rule == "worksheet-revision"), None)
    entry.message = f"{first.line}:{first.column} {first.message}" if first else ""
    return entry


_HEAD_LINE = re.compile(r"^\s*(?:-\s+)?(name|id|group|team):\s*(.*?)\s*$")


def _head_from_text(entry: Entry, text: str) -> None:
    """Names, ids and group read line by line from a file YAML cannot parse (so nobody is dropped)."""
    head = text.split("\nmatrix:", 1)[0]
    for line in head.splitlines():
        match = _HEAD_LINE.match(line.split(" #", 1)[0])
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip("'\"")
        if key == "name":
            entry.students.append(value)
            entry.ids.append("")
        elif key == "id" and entry.ids:
            entry.ids[-1] = value
        elif key == "group":
            entry.group = value
        elif key == "team":
            entry.label = value
    entry.label = entry.label or ", ".join(entry.students) or Path(entry.file).name


def _readable_yaml(text: str, name: str) -> bool:
    """Whether ``text`` is YAML that parses (so a file that failed as a worksheet is something else)."""
    if not text.strip():
        return False
    try:
        yamlsafe.loads(text, name)
    except CaseFileError:
        return False
    return True


def _finding(f: Finding) -> dict[str, Any]:
    return {"line": f.line, "column": f.column, "severity": f.severity, "rule": f.rule, "message": f.message}


def _classify(path: Path, case: Case, lang: str, include_other: bool) -> tuple[Entry, Worksheet | None, str]:
    """The entry for one file, the worksheet when it is counted, and the text it was read from."""
    entry = Entry(file=str(path))
    try:
        ws = load_worksheet(path)
    except CaseFileError as exc:  # unreadable, not YAML, or YAML that is not a worksheet
        try:
            text = yamlsafe.read_text(path)
        except CaseFileError:
            text = ""
        not_worksheet = _readable_yaml(text, str(path))
        entry.reason = entry.status = "not-worksheet" if not_worksheet else "broken"
        message = error_message(exc, lang)
        entry.message = f"{exc.line}:{exc.column or 1} {message}" if exc.line else message
        entry.errors, entry.rules = 1, ["file"]
        entry.findings = [{"line": exc.line or 1, "column": exc.column or 1, "severity": "error", "rule": "file",
                           "message": message}]
        _head_from_text(entry, "" if not_worksheet else text)
        return entry, None, text
    findings = check_worksheet(ws, case, lang=lang)
    try:
        require_worksheet(ws.data, name=str(path))
    except CaseFileError:  # a value of the wrong type (reported by the checks): review what is left
        ws = Worksheet(readable_part(ws.data), path=ws.path, text=ws.text)
    entry.label, entry.group = ws.label, ws.group
    entry.students = [s.name for s in ws.students]
    entry.ids = [s.id or "" for s in ws.students]
    entry.usernames = [s.username or "" for s in ws.students]
    entry.emails = [s.email or "" for s in ws.students]
    errors = [f for f in findings if f.severity == "error"]
    entry.errors, entry.warnings = len(errors), sum(f.severity == "warning" for f in findings)
    entry.rules = sorted({f.rule for f in errors})
    entry.findings = [_finding(f) for f in findings]
    entry.status = "errors" if errors else "warnings" if entry.warnings else "clean"
    if any(f.rule == "worksheet-case" for f in findings):
        return _skip(entry, findings, "wrong-case"), None, ws.text
    if not include_other and any(f.rule == "worksheet-revision" for f in findings):
        return _skip(entry, findings, "other-revision"), None, ws.text
    return entry, ws, ws.text


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


def _strings(value: Any) -> list[str]:
    """A list of ids as strings, whatever a slipped worksheet holds there."""
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int))]
    return [str(value)] if isinstance(value, str) else []


def _chain(view: Case, names: dict[str, str], m: Any, lang: str, match: Any) -> dict[str, Any]:
    """The worksheet's chosen chain, as ids and as words."""
    problem, task, solution = (view.chosen(f) for f in ("problems", "tasks", "solutions"))
    c = problem.get("contradiction") if problem else None
    between = sorted(_strings(c.get("between"))) if isinstance(c, dict) else []
    strategy = _strings(solution.get("strategy")) if solution else []
    targets = _strings(solution.get("directed_at")) if solution else []
    owner = str(problem.get("owner")) if problem and problem.get("owner") else None
    return {
        "owner": owner, "owner_name": names.get(owner, owner) if owner else None,
        "problem_text": str(problem.get("text", "")) if problem else None,
        "between": between,
        "between_names": [name(m.resource_kinds[r], lang) if r in m.resource_kinds else r for r in between],
        "task": match(str(task.get("text", ""))) if task else None,
        "task_text": str(task.get("text", "")) if task else None,
        "solution": str(solution.get("id")) if solution else None,
        "solution_text": str(solution.get("text", "")) if solution else None,
        "strategy": strategy,
        "strategy_names": [name(m.strategies[x], lang) if x in m.strategies else x for x in strategy],
        "targets": targets, "target_names": [names.get(a, a) for a in targets],
    }


def _same_group(entry: Entry, group: str) -> bool:
    return entry.group.strip().casefold() == group.strip().casefold()


def review_class(case: ReadyCase, paths: list[Path], *, lang: str = "en",
                 include_other_revisions: bool | None = None, group: str | None = None,
                 rubric: Rubric | None = None) -> Review:
    """Read and check every worksheet, and count what the counted ones chose.

    With ``group``, only the worksheets of that study group are reviewed; the
    files of other groups are named in ``other_groups``, and a file whose
    group cannot be read (a broken one, a file that is not a worksheet) stays
    in the review as skipped, so that nothing given disappears.
    """
    settings = study_settings()
    rubric = rubric or rubric_for(case.folder)
    include = settings["include_other_revisions"] if include_other_revisions is None else include_other_revisions
    m = method()
    author = _author(case, lang)
    review = Review(case=case_head(case), author=author, group=group, received=len(paths))
    names = {aid: case.public_name(aid) for aid in case.actors()}
    owners: Counter[str] = Counter()
    between: Counter[str] = Counter()
    tasks: Counter[str] = Counter()
    strategies: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    left_out: Counter[str] = Counter({a: 0 for a in case.characters()})
    cells: dict[str, Counter[int]] = {str(c.get("id")): Counter() for c in case.criteria()}
    totals: dict[int, list[str]] = {}
    author_tasks = case.items("tasks")
    cutoff = float(settings["task_match_similarity"])
    texts: dict[str, str] = {}

    def match(text: str) -> str:
        return _match_task(text, author_tasks, cutoff) or "own"

    for path in paths:
        entry, ws, text = _classify(path, case, lang, bool(include))
        if group is not None and entry.group.strip() and not _same_group(entry, group):
            review.other_groups.append(entry.file)
            continue
        texts[entry.file] = own_text(ws.data if ws else None, text)
        (review.skipped if ws is None else review.counted).append(entry)
        if ws is None:
            continue
        view = ws.as_case(case)
        entry.auto = measure(rubric, ws, case)
        entry.reflection = reflection_answers(ws.data, lang)
        defence = ws.data.get("defence")
        entry.defence = str(defence).strip() if isinstance(defence, (str, int, float)) else ""
        owned = {p.get("owner") for p in view.items("problems")}
        left_out.update(a for a in case.characters() if a not in owned)
        entry.chain = chain = _chain(view, names, m, lang, match)
        if chain["owner"]:
            owners[chain["owner"]] += 1
        if len(chain["between"]) >= 2:
            between[" ↔ ".join(chain["between"])] += 1
        if chain["task"]:
            tasks[chain["task"]] += 1
        if chain["solution"]:
            strategies.update(chain["strategy"])
            targets.update(chain["targets"])
            row = view.scores().get(chain["solution"], {})
            for cid, cell in row.items():
                if cid in cells and cell.get("score") in SCORE_RANGE:
                    cells[cid][cell["score"]] += 1
            if row:
                entry.total = score_total(row)
                totals.setdefault(entry.total, []).append(entry.label)
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
    review.totals = {str(k): len(totals[k]) for k in sorted(totals)}
    author_total = case.total(str(author["solution"])) if author["solution"] else None
    author["total"] = author_total
    review.distribution = [{"total": k, "count": len(totals[k]), "who": sorted(totals[k]), "author": k == author_total}
                           for k in sorted(totals, reverse=True)]
    cutoff_similar = float(settings.get("similar_worksheets", 90))
    flag_similar([*review.counted, *review.skipped], texts, cutoff_similar)
    flag_like_references([*review.counted, *review.skipped], texts, references(case, settings), cutoff_similar)
    review.board = board(review.counted, author, names)
    review.rubric = rubric_words(rubric, lang)
    grade(review, rubric, None)
    return review


def grade_from_file(review: Review, case: ReadyCase, path: Path) -> Grades:
    """Lay the instructor's grades.yaml over the review and update the review's part of it (``save`` writes it)."""
    grades = load_grades(path)
    grade(review, rubric_for(case.folder), grades)
    return grades


def board(entries: list[Entry], author: dict[str, Any], names: dict[str, str]) -> list[dict[str, Any]]:
    """The class's own problem formulations grouped by owner, then by the contradiction's resource kinds.

    Owners and contradictions come most frequent first; formulations that
    read the same (case and spacing aside) are counted together. The author's
    owner and contradiction are marked.
    """
    owners: dict[str, dict[str, Any]] = {}
    for e in entries:
        c = e.chain
        if not c or not c.get("owner"):
            continue
        o = owners.setdefault(c["owner"], {"owner": c["owner"], "name": names.get(c["owner"], c["owner"]),
                                           "count": 0, "author": c["owner"] == author["owner"], "kinds": {}})
        o["count"] += 1
        key = " ↔ ".join(c["between"])
        k = o["kinds"].setdefault(key, {"between": c["between"], "names": c["between_names"], "count": 0,
                                        "author": o["author"] and c["between"] == author["between"], "texts": {}})
        k["count"] += 1
        text = " ".join(str(c.get("problem_text") or "").split())
        if text:
            t = k["texts"].setdefault(text.casefold(), {"text": text, "count": 0})
            t["count"] += 1
    out = []
    for o in sorted(owners.values(), key=lambda o: (-o["count"], o["name"])):
        kinds = []
        for k in sorted(o["kinds"].values(), key=lambda k: (-k["count"], k["names"])):
            kinds.append({**k, "texts": sorted(k["texts"].values(), key=lambda t: (-t["count"], t["text"]))})
        out.append({**o, "kinds": kinds})
    return out


def rubric_words(rubric: Rubric, lang: str) -> dict[str, Any]:
    """The rubric as the review's JSON shows it, in ``lang``."""
    def say(words: dict[str, str]) -> str:
        return words.get(lang) or words.get("en") or next(iter(words.values()), "")

    return {"source": rubric.source, "best": rubric.best, "criteria": [
        {"id": c.id, "name": say(c.name), "scored": c.scored, "step": c.step,
         "levels": [{"points": p, "text": say(t)} for p, t in c.levels]} for c in rubric.criteria]}


def grade(review: Review, rubric: Rubric, grades: Grades | None) -> None:
    """Set every counted worksheet's marks and grade: the automatic levels, with grades.yaml's laid over them.

    With ``grades`` (the instructor's file), the review's part of each entry
    is written into it too (``who``, ``auto``, ``grade``); the caller saves it.
    """
    book = grades or Grades(Path(GRADES_FILE))
    for e in review.counted:
        key = key_for(e.file, book.path)
        result = merge(book, key, rubric, e.auto)
        e.marks, e.grade, e.grade_best = result["marks"], result["grade"], result["best"]
        e.open, e.comment = result["open"], result["comment"]
        if grades is not None:
            who = ", ".join(f"{n} ({i})" if i else n for n, i in zip(e.students, e.ids, strict=False)) or e.label
            record(grades, key, who, result)


_PROSE = re.compile(r"^\s*(?:-\s+)?(?:text|reason|risks|budget|defence|choice_reason|what|when|where|how_much|"
                    r"to_whom|means|report|requirements):\s*(.+?)\s*$", re.MULTILINE)
_SKIP_KEYS = {"worksheet", "keykis"}


def own_text(data: dict[str, Any] | None, text: str) -> str:
    """The words a student wrote (not the names, ids or keys), to compare worksheets."""
    if data is None:
        return " ".join(_PROSE.findall(text))
    words: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and " " in value.strip():
            words.append(value.strip())

    for key, value in data.items():
        if key not in _SKIP_KEYS:
            walk(value)
    return " ".join(words)


def references(case: Case, settings: dict[str, Any]) -> dict[str, str]:
    """The texts no worksheet should copy: the author's answer, and the student guide's worked example."""
    answer = {"matrix": {f: case.field(f) for f in ("problems", "tasks", "solutions")},
              "decision": case.data.get("decision")}
    out = {"author": own_text(answer, "")}
    name = settings.get("worked_example")
    if name:
        try:
            out["example"] = own_text(load_data(str(name)), "")
        except CaseFileError:  # a course removed or broke its example: nothing to compare with
            pass
    return out


def flag_like_references(entries: list[Entry], texts: dict[str, str], refs: dict[str, str], cutoff: float) -> None:
    """Mark worksheets whose own words read like a reference text (similarity ≥ ``cutoff``)."""
    norm_refs = {k: " ".join(v.casefold().split()) for k, v in refs.items()}
    for e in entries:
        mine = " ".join(texts.get(e.file, "").casefold().split())
        if len(mine) < 40:
            continue
        for source, ref in norm_refs.items():
            score = 100.0 if mine == ref else fuzz.ratio(mine, ref, score_cutoff=cutoff)
            if len(ref) >= 40 and score >= cutoff:
                e.like.append({"source": source, "similarity": round(score)})


def flag_similar(entries: list[Entry], texts: dict[str, str], cutoff: float) -> None:
    """Mark worksheets whose own words are identical or nearly so (similarity ≥ ``cutoff``).

    Identical worksheets are grouped first: each group is linked through its
    first worksheet (n - 1 pairs, not n²/2), and only one worksheet of each
    group is compared with the others, so a class of copies costs what one
    worksheet costs.
    """
    norm = {e.file: " ".join(texts.get(e.file, "").casefold().split()) for e in entries}
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        if len(norm[e.file]) >= 40:
            groups.setdefault(norm[e.file], []).append(e)

    def link(a: Entry, b: Entry, score: float) -> None:
        a.similar.append({"file": b.file, "label": b.label, "similarity": round(score)})
        b.similar.append({"file": a.file, "label": a.label, "similarity": round(score)})

    heads = []
    for members in groups.values():
        heads.append(members[0])
        for b in members[1:]:
            link(members[0], b, 100.0)
    for i, j in candidate_pairs([norm[h.file] for h in heads]):
        a, b = heads[i], heads[j]
        score = fuzz.ratio(norm[a.file], norm[b.file], score_cutoff=cutoff)
        if score >= cutoff:
            link(a, b, score)


SHINGLE_WORDS = 4
"""Words per shingle when looking for look-alike worksheets."""
SKETCH = 24
"""Shingles kept per worksheet (the smallest hashes): two texts ≥ 90 % alike share some of them."""


def candidate_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs of texts worth comparing, found without comparing every pair (a bottom-k sketch of shingles).

    Each text is cut into overlapping runs of ``SHINGLE_WORDS`` words; the
    runs most texts share (the skeleton's words, a common phrase) are left
    out; of the rest each text keeps the ``SKETCH`` smallest hashes, and only
    texts that share one of them are compared. Texts that are 90 % alike
    share most of their runs, so they share kept hashes; unrelated texts
    seldom do, and the work grows with the number of texts, not its square.
    """
    sets = []
    for text in texts:
        words = text.split()
        runs = (" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1)))
        sets.append({zlib.crc32(r.encode("utf-8", "surrogatepass")) for r in runs})
    frequency: Counter[int] = Counter(h for s in sets for h in s)
    common = max(10, len(texts) // 5)
    index: dict[int, list[int]] = {}
    for n, s in enumerate(sets):
        for h in sorted(h for h in s if frequency[h] <= common)[:SKETCH]:
            index.setdefault(h, []).append(n)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():
        for x, a in enumerate(members):
            pairs.update((a, b) for b in members[x + 1:])
    return sorted(pairs)


def _score_rows(case: Case, cells: dict[str, Counter[int]]) -> list[dict[str, Any]]:
    author_row = case.scores().get(str((case.chosen("solutions") or {}).get("id")), {})
    out = []
    for c in case.criteria():
        cid = str(c.get("id"))
        counts = cells[cid]
        n = sum(counts.values())
        mean = round(sum(k * v for k, v in counts.items()) / n, 2) if n else None
        out.append({"id": cid, "text": str(c.get("text", "")), "counts": {str(s): counts[s] for s in SCORE_RANGE},
                    "mean": mean, "author": (author_row.get(cid) or {}).get("score")})
    return out
