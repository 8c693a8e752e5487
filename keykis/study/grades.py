"""The instructor's grading file, ``grades.yaml``: automatic levels, overrides and comments.

``keykis review`` writes it beside the review and reads it back on the next
run. Per worksheet it holds the rubric's automatic points (``auto``, written
by every run), the instructor's points (``instructor``: to change an
automatic level or to set an open one) and ``comment``, and the resulting
``grade``. Only ``auto``, ``who`` and ``grade`` are ever rewritten: what the
instructor typed, their comments and the file's own comments survive every
run (a ruamel.yaml round trip). The review PDF, the feedback PDFs and the
gradebook CSV use the merged result.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from keykis import atomic, yamlsafe
from keykis.errors import CaseFileError, UserError
from keykis.study.rubric import Rubric, level_of_points, points_of

GRADES_FILE = "grades.yaml"
HEAD = ("keykis grades: 'auto' and 'grade' are rewritten by every keykis review; 'instructor' (points of a\n"
        "rubric level, to change an automatic level or to set an open one) and 'comment' are yours and are kept.\n")


@dataclass
class Note:
    """A value in grades.yaml the review could not use (it is kept in the file as typed)."""

    key: str
    """The worksheet's key in the file."""
    criterion: str
    """The criterion, or ``""`` for the entry itself."""
    value: str
    """What was typed."""
    allowed: str = ""
    """The points the criterion allows."""


@dataclass
class Grades:
    """grades.yaml as a round-trip tree."""

    path: Path
    tree: CommentedMap = field(default_factory=CommentedMap)
    notes: list[Note] = field(default_factory=list)

    def students(self) -> CommentedMap:
        """The ``students`` mapping (created when missing)."""
        if not isinstance(self.tree.get("students"), dict):
            self.tree["students"] = CommentedMap()
        students: CommentedMap = self.tree["students"]
        return students

    def entry(self, key: str) -> CommentedMap:
        """The mapping of one worksheet (created when missing)."""
        students = self.students()
        if not isinstance(students.get(key), dict):
            students[key] = CommentedMap()
        entry: CommentedMap = students[key]
        return entry

    def instructor(self, key: str) -> dict[str, Any]:
        """The instructor's points per criterion for a worksheet, as typed."""
        raw = (self.students().get(key) or {}).get("instructor") if isinstance(self.students().get(key), dict) else None
        return dict(raw) if isinstance(raw, dict) else {}

    def comment(self, key: str) -> str:
        """The instructor's comment on a worksheet."""
        e = self.students().get(key)
        value = e.get("comment") if isinstance(e, dict) else None
        return str(value).strip() if value is not None else ""

    def set_instructor(self, key: str, criterion: str, points: float | None) -> None:
        """Set (or clear, with None) the instructor's points for one criterion."""
        e = self.entry(key)
        if not isinstance(e.get("instructor"), dict):
            e["instructor"] = CommentedMap()
        e["instructor"][criterion] = _number(points)

    def set_comment(self, key: str, text: str) -> None:
        """Set the instructor's comment."""
        self.entry(key)["comment"] = text

    def text(self) -> str:
        """The file's text."""
        out = StringIO()
        _yaml().dump(self.tree, out)
        return out.getvalue()

    def save(self) -> None:
        """Write the file atomically."""
        atomic.write_text(self.path, self.text())


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.allow_unicode = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _number(points: float | None) -> int | float | None:
    if points is None:
        return None
    return int(points) if float(points).is_integer() else float(points)


def load_grades(path: Path) -> Grades:
    """Read grades.yaml (an empty one when the file does not exist); refuse a file that is not YAML."""
    if not path.exists():
        tree = CommentedMap()
        tree.yaml_set_start_comment(HEAD)
        return Grades(path, tree)
    text = yamlsafe.read_text(path)
    yamlsafe.loads(text, str(path))  # the safe loader's limits and messages first
    try:
        tree = _yaml().load(text) if text.strip() else CommentedMap()
    except YAMLError as exc:  # pragma: no cover - the safe loader refuses first
        raise CaseFileError(f"the grades file cannot be read: {exc}", path=str(path),
                            words=("file.grades_unreadable", {"error": exc})) from exc
    if tree is None:
        tree = CommentedMap()
    if not isinstance(tree, CommentedMap) or not isinstance(tree.get("students", {}) or {}, dict):
        raise UserError("the grades file must be a mapping with 'students:'", path=str(path),
                        words=("file.grades_shape", {}))
    for key, entry in (tree.get("students") or {}).items():
        parts = entry if isinstance(entry, dict) else None
        if entry is not None and (parts is None or not isinstance(parts.get("instructor") or {}, dict)
                                  or not isinstance(parts.get("comment") or "", str)):
            raise UserError(f"'{key}' in the grades file must hold 'instructor:' (criterion: points) and "
                            "'comment:' (text); nothing was changed", path=str(path),
                            words=("file.grades_entry", {"key": str(key)}))
    return Grades(path, tree)


def key_for(worksheet: str, grades_path: Path) -> str:
    """A worksheet's key in grades.yaml: its path relative to the grades file's folder."""
    try:
        return Path(os.path.relpath(Path(worksheet).resolve(), grades_path.resolve().parent)).as_posix()
    except ValueError:  # another drive
        return Path(worksheet).resolve().as_posix()


def merge(grades: Grades, key: str, rubric: Rubric, auto: dict[str, int | None]) -> dict[str, Any]:
    """The marks of one worksheet: the automatic levels with the instructor's points laid over them.

    Returns ``marks`` (per criterion: id, auto, instructor, level, points, best, by),
    ``grade`` (None while a level is open), ``best``, ``open`` and ``comment``.
    A value the rubric does not allow is reported in ``grades.notes`` and left as typed.
    """
    typed = grades.instructor(key)
    marks: list[dict[str, Any]] = []
    for c in rubric.criteria:
        level = auto.get(c.id)
        raw = typed.get(c.id)
        mine = level_of_points(c, raw) if raw is not None else None
        if raw is not None and mine is None:
            grades.notes.append(Note(key, c.id, str(raw), ", ".join(f"{p:g}" for p in c.points)))
        final = mine if mine is not None else level
        marks.append({"id": c.id, "auto": points_of(c, level), "instructor": points_of(c, mine),
                      "level": final, "points": points_of(c, final), "best": c.best,
                      "by": "instructor" if mine is not None else "auto" if level is not None else None})
    for cid in typed:
        if rubric.get(str(cid)) is None:
            grades.notes.append(Note(key, str(cid), str(typed[cid])))
    open_ = [m["id"] for m in marks if m["level"] is None]
    grade = None if open_ else sum(float(m["points"]) for m in marks)
    return {"marks": marks, "grade": grade, "best": rubric.best, "open": open_, "comment": grades.comment(key)}


def record(grades: Grades, key: str, who: str, result: dict[str, Any]) -> None:
    """Write the review's part of one worksheet's entry (``who``, ``auto``, ``grade``); keep the rest."""
    e = grades.entry(key)
    e["who"] = who
    auto = e.get("auto") if isinstance(e.get("auto"), dict) else CommentedMap()
    for m in result["marks"]:
        auto[m["id"]] = _number(m["auto"])
    e["auto"] = auto
    if not isinstance(e.get("instructor"), dict):
        e["instructor"] = CommentedMap((m["id"], None) for m in result["marks"] if m["auto"] is None)
    if "comment" not in e:
        e["comment"] = ""
    e["grade"] = _number(result["grade"])
