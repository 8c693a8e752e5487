"""The worksheet: a student's own chain for a case, kept in a separate file.

A student (or a team) never edits the case. Their problem field, chosen
problem, tasks, solutions and decision matrix live in a worksheet YAML file
whose ``matrix`` and ``decision`` parts have the same shape as the case's,
so the method rules that check a case check a worksheet too (see
``keykis.study.checks``). The top-level ``worksheet:`` key tells a worksheet
from a case file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keykis import atomic, yamlsafe
from keykis.documents import kind_of, kind_of_file
from keykis.errors import CaseFileError, UserError
from keykis.model import Case
from keykis.paths import schemas_dir

WORKSHEET_KEY = "worksheet"
"""The kind name and top-level key of a worksheet (see ``keykis.documents.KINDS``)."""
STUDENT_FIELDS = ("problems", "tasks", "solutions")


@dataclass(frozen=True)
class Student:
    """One person who made the worksheet."""

    name: str
    """Full name as it should appear on the submission."""
    id: str | None = None
    """Student number or login, when the course uses one."""
    username: str | None = None
    """Login in the course's learning system, when students are identified by it."""
    email: str | None = None
    """E-mail address as the learning system knows it, when students are identified by it."""


class Worksheet:
    """A loaded worksheet file and typed views of its parts."""

    def __init__(self, data: dict[str, Any], *, path: Path | None = None, text: str = "") -> None:
        self.data = data
        """The parsed YAML mapping, as written."""
        self.path = path
        """The worksheet file, when loaded from disk."""
        self.text = text
        """The source text (for locating findings)."""

    @property
    def head(self) -> dict[str, Any]:
        """The ``worksheet:`` block: case, revision, students, group, date."""
        return _mapping(self.data.get(WORKSHEET_KEY))

    @property
    def case_id(self) -> str:
        """Id of the case the worksheet was made for."""
        return str(self.head.get("case") or "")

    @property
    def revision(self) -> str | None:
        """The case revision the worksheet was started on."""
        value = self.head.get("revision")
        return str(value) if value else None

    @property
    def students(self) -> list[Student]:
        """The student, or the members of the team, in file order."""
        out = []
        for s in _list(self.head.get("students")):
            if isinstance(s, dict) and str(s.get("name") or "").strip():
                out.append(Student(str(s["name"]).strip(), *(str(s[k]).strip() if s.get(k) else None
                                                             for k in ("id", "username", "email"))))
        return out

    @property
    def team(self) -> str | None:
        """The team name, if any."""
        return str(self.head["team"]) if self.head.get("team") else None

    @property
    def group(self) -> str:
        """The study group or course."""
        return str(self.head.get("group") or "")

    @property
    def date(self) -> str:
        """The date of the work."""
        return str(self.head.get("date") or "")

    @property
    def label(self) -> str:
        """How the worksheet is named in a review: the team, or the students' names, or the file."""
        if self.team:
            return self.team
        names = ", ".join(s.name for s in self.students)
        return names or (self.path.name if self.path else "?")

    def as_case(self, case: Case) -> Case:
        """The worksheet laid over the case, so the case's method rules can read it.

        Actors, goals and values come from the case; the matrix fields below
        the research question and the decision matrix come from the worksheet.
        Paths such as ``matrix.problems.items.0.text`` mean the same place in
        the worksheet file, so findings are located in the worksheet's text.
        """
        matrix = _mapping(self.data.get("matrix"))
        data = {
            "id": case.id,
            "main_actor": case.data.get("main_actor"),
            "actors": case.data.get("actors"),
            "characters": case.data.get("characters"),
            "goals": case.data.get("goals"),
            "values": case.data.get("values"),
            "matrix": {"questions": case.field("questions"), **{f: matrix[f] for f in STUDENT_FIELDS if f in matrix}},
        }
        if "decision" in self.data:
            data["decision"] = self.data["decision"]
        return Case(data, path=self.path, text=self.text)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def is_worksheet(data: Any) -> bool:
    """Whether parsed YAML is a worksheet rather than a case (``keykis.documents``)."""
    return kind_of(data) == WORKSHEET_KEY


def is_worksheet_file(path: Path) -> bool:
    """Whether a file holds a worksheet (a top-level ``worksheet:`` key); False if unreadable."""
    return kind_of_file(path) == WORKSHEET_KEY


def load_worksheet(path: Path) -> Worksheet:
    """Load a worksheet file; raise ``CaseFileError`` if it cannot be read or is a case."""
    data, text = yamlsafe.load_mapping(path)
    if not is_worksheet(data):
        raise CaseFileError("this is not a worksheet: it has no 'worksheet:' key at the top", path=str(path),
                             words=("file.not_worksheet", {}))
    return Worksheet(data, path=path, text=text)


def parse_worksheet(text: str, name: str = "<worksheet>") -> Worksheet:
    """Parse worksheet text (as typed in the editor); raise ``CaseFileError`` on bad YAML."""
    data = yamlsafe.loads(text, name) if text.strip() else None
    if not isinstance(data, dict) or not is_worksheet(data):
        raise CaseFileError("this is not a worksheet: it has no 'worksheet:' key at the top", path=name,
                             words=("file.not_worksheet", {}))
    return Worksheet(data, path=Path(name) if name != "<worksheet>" else None, text=text)


def worksheet_text(case: Case, *, student: str = "", group: str = "", lang: str | None = None,
                   schema_ref: str | None = None) -> str:
    """The text of a new worksheet for ``case`` (see ``keykis.study.skeleton``)."""
    from keykis.study.skeleton import worksheet_text as skeleton

    return skeleton(case, student=student, group=group, lang=lang,
                    schema_ref=schema_ref or (schemas_dir() / "worksheet.schema.json").as_posix())


def schema_ref_for(path: Path) -> str:
    """The worksheet schema as a path relative to the worksheet's folder (absolute only across drives)."""
    schema = schemas_dir() / "worksheet.schema.json"
    try:
        return Path(os.path.relpath(schema.resolve(), path.parent.resolve())).as_posix()
    except ValueError:
        return schema.as_posix()


def save_text(path: Path, text: str) -> None:
    """Write worksheet text atomically (a crash never leaves half a file)."""
    atomic.write_text(path, text)


def new_worksheet(path: Path, case: Case, *, student: str = "", group: str = "", lang: str | None = None) -> Path:
    """Create a worksheet file for ``case`` in ``lang``; refuse to overwrite an existing file."""
    if path.exists():
        raise UserError("a file already exists here; nothing was changed", words=("file.exists", {}), path=str(path))
    save_text(path, worksheet_text(case, student=student, group=group, lang=lang, schema_ref=schema_ref_for(path)))
    return path


def find_case(ws: Worksheet) -> Path | None:
    """The ``case.yaml`` of the worksheet's case, looked up beside the worksheet and in the folders above it.

    At each level: ``case.yaml`` itself, ``<case id>/case.yaml`` and ``cases/<case id>/case.yaml``.
    """
    if not ws.path or not ws.case_id:
        return None
    start = ws.path.resolve().parent
    for folder in (start, *start.parents):
        for candidate in (folder / "case.yaml", folder / ws.case_id / "case.yaml",
                          folder / "cases" / ws.case_id / "case.yaml"):
            if candidate.is_file() and _case_id(candidate) == ws.case_id:
                return candidate
    return None


def _case_id(path: Path) -> str | None:
    try:
        data, _ = yamlsafe.load_mapping(path)
    except CaseFileError:
        return None
    return str(data.get("id") or path.parent.name)
