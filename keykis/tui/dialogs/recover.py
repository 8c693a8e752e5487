"""The offer to bring back changes journalled before a crash (``keykis.recovery``)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from keykis.recovery import Recovery
from keykis.tui.key_words import say_keys
from keykis.vocabulary import say


class RecoverChanges(ModalScreen[bool]):
    """Bring the unsaved changes back, or drop them."""

    CSS_PATH = Path(__file__).with_name("changed.tcss")
    BINDINGS = [Binding("escape", "bring_back", "study.key_back")]

    def __init__(self, recovery: Recovery, lang: str, *, file_changed: bool) -> None:
        super().__init__()
        self.recovery, self.lang, self.file_changed = recovery, lang, file_changed

    def on_mount(self) -> None:
        say_keys(self, self.lang)

    def compose(self) -> ComposeResult:
        when = self.recovery.written.strftime("%Y-%m-%d %H:%M") if self.recovery.written else "?"
        with Vertical(id="dialog"):
            yield Label(say("editor.recover_title", self.lang), id="dialog-title")
            yield Static(say("editor.recover_body", self.lang, n=len(self.recovery.ops), when=when), markup=False)
            if self.file_changed:
                yield Static(say("editor.recover_changed", self.lang), markup=False)
            yield OptionList(Option(say("editor.choice_recover", self.lang), id="recover"),
                             Option(say("editor.choice_drop", self.lang), id="drop"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id == "recover")

    def action_bring_back(self) -> None:
        """Escape keeps the safe choice: the changes come back."""
        self.dismiss(True)
