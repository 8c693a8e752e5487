"""The grading screen: one student at a time, the rubric on the left, the worksheet on the right.

Keyboard only. ↑/↓ choose a criterion, ←/→ move its level (the instructor's
level, kept in grades.yaml), ``a`` gives it back to the automatic level,
``c`` writes the comment (Enter keeps it), PageDown/PageUp or ``n``/``p``
go to the next or previous student, ``e`` exports the review and the
gradebook, ``q`` quits. Every change is saved to grades.yaml at once.

The worksheet side is the study screen's morphological fan of the student's
chain, then the student's reflection answers and defence.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from keykis.errors import UserError
from keykis.study.grading import GradingSession
from keykis.study.review import Entry
from keykis.terminal import clean_line
from keykis.tui.widgets.views import MorphFan
from keykis.vocabulary import say

KEYS = (("down", "down", "key_down", False), ("up", "up", "key_up", False), ("right", "raise", "key_raise", True),
        ("left", "lower", "key_lower", True), ("a", "automatic", "key_clear", True),
        ("c", "comment", "key_comment", True), ("pagedown,n", "next", "key_next", True),
        ("pageup,p", "previous", "key_previous", True), ("e", "export", "key_export", True),
        ("q", "app.quit", "key_quit", True))
"""The rubric's keys: key, action of the screen, footer word (vocabulary ``review.<word>``), shown in the footer."""


class RubricView(Static, can_focus=True):
    """The rubric of one student: each criterion, its level and points; the chosen criterion marked.

    The keys are the rubric's own, so that the containers around it (which
    scroll with the arrows) and the comment field (which types letters) never
    take them.
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        for key, action, word, show in KEYS:
            target = action if action.startswith("app.") else f"screen.{action}"
            self._bindings.bind(key, target, say(f"review.{word}", lang), show=show)


class GradingScreen(Screen[None]):
    """Grade the class worksheet by worksheet."""

    CSS_PATH = Path(__file__).with_name("screen.tcss")

    def __init__(self, session: GradingSession, output: Path, *, lang: str = "en", csv: Path | None = None,
                 dialect: str = "comma") -> None:
        super().__init__()
        self.session, self.output, self.lang, self.csv, self.dialect = session, output, lang, csv, dialect
        self.index = 0
        self.row = 0
        self.exported: list[Path] = []

    def _say(self, key: str, **fields: object) -> str:
        return say(f"review.{key}", self.lang, **fields)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="status", markup=False)
        with Horizontal():
            with VerticalScroll(id="rubric-side"):
                yield RubricView(self.lang, id="rubric")
            with Vertical(id="sheet-side"):
                yield MorphFan("", id="chain")
                with VerticalScroll(id="voice-scroll"):
                    yield Static("", id="voice", markup=False)
        yield Input(placeholder=self._say("grading_comment"), id="comment")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self._say("grading_title")
        self.query_one("#rubric", RubricView).focus()
        self.show()

    @property
    def entry(self) -> Entry | None:
        """The student on screen."""
        entries = self.session.entries
        return entries[self.index] if entries else None

    def show(self) -> None:
        """Redraw everything for the student on screen."""
        e = self.entry
        status = self.query_one("#status", Static)
        if e is None:
            status.update(self._say("grading_nothing"))
            return
        total = len(self.session.entries)
        grade = f"{e.grade:g}/{e.grade_best:g}" if e.grade is not None else "…"
        status.update(clean_line(f"{self._say('grading_student', n=self.index + 1, total=total)} · {e.label}"
                                 f"{' (' + ', '.join(e.students) + ')' if len(e.students) > 1 else ''}"
                                 f" · {self._say('grade')}: {grade}"))
        self._rubric(e)
        self.query_one("#chain", MorphFan).show(self.session.worksheet(e).as_case(self.session.case), self.lang)
        voice = Text()
        for a in e.reflection:
            voice.append(clean_line(f"{a['n']}. {a['question']}"), style="bold")
            voice.append("\n" + clean_line(a["answer"]) + "\n")
        voice.append(clean_line(self._say("defence")), style="bold")
        voice.append("\n" + clean_line(e.defence or self._say("no_answers")))
        self.query_one("#voice", Static).update(voice)
        comment = self.query_one("#comment", Input)
        if not comment.has_focus:
            comment.value = e.comment

    def _rubric(self, e: Entry) -> None:
        """One line per criterion (the chosen one marked), then the chosen criterion's levels."""
        text = Text()
        for n, m in enumerate(e.marks):
            shown = "—" if m["points"] is None else f"{m['points']:g}"
            mark = "✎" if m["by"] == "instructor" else " "
            line = f"{'▶' if n == self.row else ' '} {shown:>2}/{m['best']:g}{mark} {self.session.criterion_name(m['id'])}"
            text.append(clean_line(line) + "\n", style="bold reverse" if n == self.row else "")
        if e.marks:
            m = e.marks[self.row]
            c = self.session.rubric.get(m["id"])
            text.append("\n")
            for level, worth in enumerate(c.points if c else ()):
                now = level == m["level"]
                words = self.session.level_text(m["id"], level)
                text.append(clean_line(f"{'●' if now else '○'} {worth:g}: {words}") + "\n", style="bold" if now else "")
            if m["level"] is None:
                text.append(clean_line(self._say("grading_open")), style="italic")
        self.query_one("#rubric", RubricView).update(text)

    def _criterion(self) -> str | None:
        e = self.entry
        return e.marks[self.row]["id"] if e and e.marks else None

    def action_down(self) -> None:
        """Next criterion."""
        if self.entry:
            self.row = min(self.row + 1, len(self.entry.marks) - 1)
            self.show()

    def action_up(self) -> None:
        """Previous criterion."""
        self.row = max(self.row - 1, 0)
        self.show()

    def _step(self, delta: int) -> None:
        e, cid = self.entry, self._criterion()
        if e and cid:
            self.session.step(e, cid, delta)
            self.show()

    def action_raise(self) -> None:
        """The criterion one level up (the instructor's level)."""
        self._step(1)

    def action_lower(self) -> None:
        """The criterion one level down (the instructor's level)."""
        self._step(-1)

    def action_automatic(self) -> None:
        """Give the criterion back to its automatic level."""
        e, cid = self.entry, self._criterion()
        if e and cid:
            self.session.set_level(e, cid, None)
            self.show()

    def action_comment(self) -> None:
        """Write the comment."""
        self.query_one("#comment", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Keep the comment, back to the rubric."""
        if self.entry:
            self.session.set_comment(self.entry, event.value)
        self.query_one("#rubric", RubricView).focus()
        self.show()

    def key_escape(self) -> None:
        """Leave the comment without keeping what was typed."""
        comment = self.query_one("#comment", Input)
        if comment.has_focus:
            self.query_one("#rubric", RubricView).focus()
            self.show()

    def _go(self, delta: int) -> None:
        if self.session.entries:
            self.index = max(0, min(self.index + delta, len(self.session.entries) - 1))
            self.row = 0
            self.show()

    def action_next(self) -> None:
        """The next student."""
        self._go(1)

    def action_previous(self) -> None:
        """The previous student."""
        self._go(-1)

    def action_export(self) -> None:
        """Write the review and the gradebook from the grades as they stand."""
        try:
            self.exported = self.session.export(self.output, csv=self.csv, dialect=self.dialect)
        except UserError as exc:
            self.notify(clean_line(str(exc)), severity="error")
            return
        self.notify(clean_line(self._say("grading_exported", files=", ".join(p.name for p in self.exported))))
        self.show()
