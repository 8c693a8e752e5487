"""The warning shown when the case file changed on disk while it was open."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from keykis.casefile import CaseDocument
from keykis.tui.words import say


class ChangedOnDisk(ModalScreen[str | None]):
    """Reload, overwrite, or keep editing without saving: the author decides."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "dismiss_keep", "Later")]

    def __init__(self, doc: CaseDocument, lang: str) -> None:
        super().__init__()
        self.doc, self.lang = doc, lang

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(say("changed_title", self.lang), id="dialog-title")
            yield Static(say("changed_body", self.lang).format(path=self.doc.path), markup=False)
            yield OptionList(
                Option(say("reload", self.lang), id="reload"),
                Option(say("overwrite", self.lang), id="overwrite"),
                Option(say("keep", self.lang), id="keep"),
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_keep(self) -> None:
        """Decide later (autosave stays paused)."""
        self.dismiss("keep")
