"""The author's decision about a case file changed on disk, and about unsaved work at quit.

Nothing here opens by itself while the author types: the editor shows a bar
and this dialog opens when the author presses Ctrl+S, or when quitting with
unsaved changes that cannot be saved over the changed file.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from keykis.casefile import CaseDocument
from keykis.tui.key_words import say_keys
from keykis.vocabulary import say


class ChangedOnDisk(ModalScreen[str | None]):
    """Reload, overwrite, save a copy, or keep editing; when quitting: copy, overwrite, discard or stay."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "dismiss_keep", "study.key_back")]

    def __init__(self, doc: CaseDocument, lang: str, *, quitting: bool = False) -> None:
        super().__init__()
        self.doc, self.lang, self.quitting = doc, lang, quitting

    def on_mount(self) -> None:
        say_keys(self, self.lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            if self.quitting:
                yield Label(say("editor.quit_title", self.lang), id="dialog-title")
                yield Static(say("editor.quit_body", self.lang, path=self.doc.path), markup=False)
                choices = ["copy", "overwrite", "discard", "stay"]
            else:
                yield Label(say("editor.changed_title", self.lang), id="dialog-title")
                yield Static(say("editor.changed_body", self.lang, path=self.doc.path), markup=False)
                choices = ["reload", "overwrite", "copy", "keep"]
            yield OptionList(*[Option(say(f"editor.choice_{c}", self.lang), id=c) for c in choices])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_keep(self) -> None:
        """Back to editing (nothing is decided; the recovery file keeps the changes)."""
        self.dismiss("stay" if self.quitting else "keep")
