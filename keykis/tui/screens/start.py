"""The start screen: open a recent case, one from ``cases/``, or create a new one."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList
from textual.widgets.option_list import Option

from keykis.errors import UserError
from keykis.model import find_cases
from keykis.terminal import clean_line
from keykis.tui.key_words import say_keys
from keykis.tui.palette_key import name_palette_key
from keykis.tui.recent import recent
from keykis.vocabulary import LANGS, error_message, say


class StartScreen(Screen[None]):
    """Where ``keykis`` with no arguments begins."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("ctrl+n", "new", "editor.key_new_case"), Binding("ctrl+l", "language", "editor.key_language")]

    def __init__(self, cases_dir: Path, lang: str) -> None:
        super().__init__()
        self.cases_dir, self.lang = cases_dir, lang

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Label(say("editor.recent", self.lang), classes="heading")
            yield OptionList(id="recent")
            yield Label(say("editor.in_cases", self.lang, folder=self.cases_dir), classes="heading")
            yield OptionList(id="cases")
            yield Label(say("editor.new_case", self.lang), classes="heading")
            yield Input(placeholder="my-case", id="new-id")
        yield Footer()

    def on_mount(self) -> None:
        self.title = say("editor.start_title", self.lang)
        say_keys(self, self.lang)
        self.fill()
        lists = [ol for ol in self.query(OptionList) if ol.option_count and not ol.get_option_at_index(0).disabled]
        (lists[0] if lists else self.query_one("#new-id", Input)).focus()

    def fill(self) -> None:
        """List recent cases and the cases of the folder."""
        for list_id, paths in (("#recent", recent()),
                               ("#cases", find_cases([self.cases_dir]) if self.cases_dir.is_dir() else [])):
            ol = self.query_one(list_id, OptionList)
            ol.clear_options()
            for p in paths:
                ol.add_option(Option(Text(self._label(p)), id=str(p)))
            if not paths:
                ol.add_option(Option(say("editor.none", self.lang), disabled=True))
            else:
                ol.highlighted = 0

    def _label(self, path: Path) -> str:
        try:
            from keykis.model import load_case

            title = load_case(path).title
        except UserError:
            title = "?"
        return f"{path.parent.name} — {title}"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_case(Path(event.option.id))  # type: ignore[attr-defined]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        slug = event.value.strip()
        if not slug:
            return
        try:
            path = self.app.create_case(self.cases_dir / slug)  # type: ignore[attr-defined]
        except UserError as exc:
            self.notify(clean_line(exc.where() + error_message(exc, self.lang)), severity="error", markup=False)
            return
        self.app.open_case(path)  # type: ignore[attr-defined]

    def action_new(self) -> None:
        """Go to the new case's id."""
        self.query_one("#new-id", Input).focus()

    def action_language(self) -> None:
        """Switch the language of the interface."""
        order = list(LANGS)
        self.lang = order[(order.index(self.lang) + 1) % 3] if self.lang in order else "en"
        self.app.lang = self.lang  # type: ignore[attr-defined]
        name_palette_key(self.app, self.lang)
        say_keys(self, self.lang)
        self.refresh(recompose=True)
        self.call_after_refresh(self.on_mount)
