"""Views of the case: the fan matrix, the concept graph as text, the morphological fan.

With these the author can judge step 10 (is the picture readable? are these
exactly the characters?) and the chain of choices without leaving the terminal.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from keykis.model import Case
from keykis.terminal import clean_line
from keykis.tui.key_words import say_keys
from keykis.tui.widgets.views import CaseView, FanMatrixTable, GraphTextView, MorphFan
from keykis.vocabulary import say


def missing(case: Case, lang: str) -> str:
    """What keeps the views empty, in words (empty text when nothing does)."""
    data = case.data
    actors = {a.get("id") for a in data.get("actors") or [] if isinstance(a, dict)}
    chars = [c for c in data.get("characters") or [] if isinstance(c, str)]
    unknown = [c for c in chars if c not in actors]
    lines = []
    if not actors:
        lines.append(say("editor.views_no_actors", lang))
    if unknown:
        lines.append(say("editor.views_unknown_characters", lang, ids=", ".join(unknown)))
    if actors and not data.get("relations"):
        lines.append(say("editor.views_no_relations", lang))
    return "\n".join(lines)


class ViewsScreen(Screen[None]):
    """Tabs with the views of one case; Escape goes back."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape,f4", "app.pop_screen", "study.key_back")]

    def __init__(self, case: Case, lang: str) -> None:
        super().__init__()
        self.case, self.lang = case, lang

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            with TabPane(say("editor.fan", self.lang), id="fan"):
                note = missing(self.case, self.lang)
                yield Static(note, id="views-missing", markup=False, classes="" if note else "-empty")
                yield Static(say("editor.views_hint", self.lang), id="views-hint", markup=False)
                yield FanMatrixTable(id="fan-table")
            with TabPane(say("editor.graph", self.lang), id="graph"):
                with VerticalScroll():
                    yield GraphTextView(id="graph-text")
            with TabPane(say("editor.morph", self.lang), id="morph"):
                yield MorphFan("", id="morph-tree")
            with TabPane(say("editor.text", self.lang), id="text"):
                with VerticalScroll():
                    yield CaseView(id="case-text")
        yield Footer()

    def on_mount(self) -> None:
        say_keys(self, self.lang)
        self.title = say("editor.views_title", self.lang)
        self.sub_title = clean_line(str(self.case.id))
        self.query_one(FanMatrixTable).show(self.case, self.lang)
        self.query_one(GraphTextView).show(self.case, self.lang)
        self.query_one(MorphFan).show(self.case, self.lang)
        self.query_one(CaseView).show(self.case, self.lang)
