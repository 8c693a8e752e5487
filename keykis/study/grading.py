"""A grading session: one student at a time, levels and comments saved to grades.yaml at once.

The grading screen (``keykis review … --grade``) is a front door over this
class; everything it does is here, so that it can be tested without a
terminal. The session reviews the class once, then each change of a level
or a comment updates the worksheet's marks and is written to grades.yaml
straight away (an atomic write of a small file), so a closed terminal loses
nothing. ``export`` writes the review and the gradebook from the merged
result, as ``keykis review`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from keykis.gate import ReadyCase
from keykis.study.grades import Grades, key_for, load_grades, merge, record
from keykis.study.review import Entry, Review, grade, review_class
from keykis.study.rubric import Rubric, rubric_for
from keykis.study.worksheet import Worksheet, load_worksheet


class GradingSession:
    """The class, its rubric and grades.yaml, for grading student by student."""

    def __init__(self, case: ReadyCase, files: list[Path], grades_path: Path, *, lang: str = "en",
                 group: str | None = None) -> None:
        self.case, self.lang = case, lang
        self.rubric: Rubric = rubric_for(case.folder)
        self.review: Review = review_class(case, files, lang=lang, group=group, rubric=self.rubric)
        self.grades: Grades = load_grades(grades_path)
        grade(self.review, self.rubric, self.grades)
        self.grades.save()
        self.entries: list[Entry] = sorted(self.review.counted, key=lambda e: (e.group, e.label.casefold(), e.file))
        """The worksheets to grade (the counted ones), by group and name."""

    def key(self, entry: Entry) -> str:
        """The worksheet's key in grades.yaml."""
        return key_for(entry.file, self.grades.path)

    def worksheet(self, entry: Entry) -> Worksheet:
        """The worksheet file of an entry, as it is on disk."""
        return load_worksheet(Path(entry.file))

    def set_level(self, entry: Entry, criterion: str, level: int | None) -> None:
        """Set the instructor's level (index, lowest 0) of one criterion, or clear it (None); save at once."""
        c = self.rubric.get(criterion)
        if c is None:
            return
        points = None if level is None else c.levels[max(0, min(level, len(c.levels) - 1))][0]
        self.grades.set_instructor(self.key(entry), criterion, points)
        self._refresh(entry)

    def set_comment(self, entry: Entry, text: str) -> None:
        """Set the instructor's comment; save at once."""
        self.grades.set_comment(self.key(entry), text.strip())
        self._refresh(entry)

    def step(self, entry: Entry, criterion: str, delta: int) -> None:
        """Move one criterion's level up or down by ``delta`` from where it stands now."""
        c = self.rubric.get(criterion)
        if c is None:
            return
        mark = next(m for m in entry.marks if m["id"] == criterion)
        now = mark["level"]
        start = (0 if delta > 0 else len(c.levels) - 1) if now is None else now + delta
        self.set_level(entry, criterion, max(0, min(start, len(c.levels) - 1)))

    def _refresh(self, entry: Entry) -> None:
        key = self.key(entry)
        self.grades.notes.clear()
        result = merge(self.grades, key, self.rubric, entry.auto)
        entry.marks, entry.grade, entry.grade_best = result["marks"], result["grade"], result["best"]
        entry.open, entry.comment = result["open"], result["comment"]
        who = ", ".join(f"{n} ({i})" if i else n for n, i in zip(entry.students, entry.ids, strict=False))
        record(self.grades, key, who or entry.label, result)
        self.grades.save()

    def level_text(self, criterion: str, level: int | None) -> str:
        """The description of a level in the session's language."""
        c = self.rubric.get(criterion)
        if c is None or level is None:
            return ""
        words = c.levels[level][1]
        return words.get(self.lang) or words.get("en") or ""

    def criterion_name(self, criterion: str) -> str:
        """A criterion's name in the session's language."""
        c = self.rubric.get(criterion)
        return (c.name.get(self.lang) or c.name.get("en") or criterion) if c else criterion

    def export(self, output: Path, *, csv: Path | None = None, dialect: str = "comma") -> list[Path]:
        """Write review.json, review.pdf and the gradebook CSV from the merged grades; return the paths."""
        from keykis.study.report import write_csv, write_review

        grade(self.review, self.rubric, self.grades)
        self.grades.save()
        output.mkdir(parents=True, exist_ok=True)
        written = write_review(self.review, output, lang=self.lang)
        written.append(write_csv(self.review, csv or output / "grades.csv", lang=self.lang, dialect=dialect))
        return written


def points_typed(session: GradingSession, entry: Entry) -> dict[str, Any]:
    """The instructor's points for an entry as grades.yaml holds them (for tests and the screen)."""
    return session.grades.instructor(session.key(entry))
