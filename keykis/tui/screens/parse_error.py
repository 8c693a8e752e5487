"""A case file that cannot be read: say why, show where, offer $EDITOR."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from keykis import safe_read
from keykis.errors import CaseFileError
from keykis.terminal import clean
from keykis.tui.key_words import say_keys
from keykis.vocabulary import error_message, say

CONTEXT_LINES = 3


def excerpt(path: Path, line: int | None) -> str:
    """The lines around ``line`` of ``path``, numbered, the bad one marked."""
    try:
        lines = safe_read.read_bytes(path).decode("utf-8", errors="replace").splitlines()
    except CaseFileError:  # a FIFO, a device or a huge file: no excerpt, the message says why
        return ""
    if not line:
        return ""
    lo, hi = max(1, line - CONTEXT_LINES), min(len(lines), line + CONTEXT_LINES)
    return "\n".join(f"{'>' if n == line else ' '} {n:>4} │ {lines[n - 1]}" for n in range(lo, hi + 1))


class ParseErrorScreen(Screen[None]):
    """Shown instead of the editor when the file does not parse; never a traceback."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("e", "edit", "editor.key_editor"),
        Binding("r", "retry", "editor.key_retry"),
        Binding("q", "app.quit", "study.key_quit"),
    ]

    def __init__(self, path: Path, error: CaseFileError, lang: str) -> None:
        super().__init__()
        self.path, self.error, self.lang = path, error, lang

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="parse-error"):
            yield Label(say("editor.parse_title", self.lang), id="error-title")
            yield Static(clean(self.error.where() + error_message(self.error, self.lang)), id="error-message",
                         markup=False)
            with VerticalScroll(id="error-excerpt"):
                yield Static(clean(excerpt(self.path, self.error.line)), markup=False)
            yield Static(say("editor.parse_help", self.lang), id="error-help", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = say("editor.parse_title", self.lang)
        say_keys(self, self.lang)
        self.sub_title = self.path.parent.name

    def action_edit(self) -> None:
        """Fix the file by hand, then try again."""
        self.app.edit_externally(self.path)  # type: ignore[attr-defined]

    def action_retry(self) -> None:
        """Open the file again."""
        self.app.open_case(self.path, replace=True)  # type: ignore[attr-defined]
