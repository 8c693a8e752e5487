"""Render the case to PDF in a worker, with progress, then show the output paths."""

from __future__ import annotations

import time
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, ProgressBar, Static

from keykis.errors import KeykisError, UserError
from keykis.model import Case
from keykis.tui.key_words import say_keys
from keykis.vocabulary import error_message, say


class RenderScreen(ModalScreen[None]):
    """Progress while the PDFs are made; the paths when they are ready."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape,enter", "app.pop_screen", "editor.key_close")]

    def __init__(self, case: Case, outdir: Path, lang: str) -> None:
        super().__init__()
        self.case, self.outdir, self.lang = case, outdir, lang
        self.outputs: list[Path] = []
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(say("editor.render_title", self.lang), id="dialog-title")
            yield ProgressBar(total=None, show_eta=False, id="progress")
            yield Static(say("editor.render_busy", self.lang), id="render-status", markup=False)

    def on_mount(self) -> None:
        say_keys(self, self.lang)
        self.render_pdfs()

    @work(thread=True, exclusive=True, group="render")
    def render_pdfs(self) -> None:
        """Call the renderer off the screen's thread."""
        started = time.perf_counter()
        try:
            from keykis.gate import require_case
            from keykis.render import render_case
        except ImportError:
            self.app.call_from_thread(self._finish, say("editor.render_missing", self.lang), [])
            return
        try:
            result = render_case(require_case(self.case), self.outdir, lang=self.lang)
        except KeykisError as exc:  # a refused handout, a case the gate stops: said in the editor's language
            said = exc.where() + error_message(exc, self.lang) if isinstance(exc, UserError) else str(exc)
            self.app.call_from_thread(self._finish, said, [])
            return
        head = say("editor.render_done", self.lang, s=time.perf_counter() - started)
        self.app.call_from_thread(self._finish, head, list(result.outputs))

    def _finish(self, head: str, outputs: list[Path]) -> None:
        self.outputs = outputs
        bar = self.query_one(ProgressBar)
        bar.update(total=1, progress=1)
        lines = [head, *[f"  {p}" for p in outputs]]
        self.query_one("#render-status", Static).update("\n".join(lines))
