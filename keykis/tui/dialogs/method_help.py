"""F1: the method's help for the current step, in the interface language.

What the author does at this step and the questions to ask oneself after it,
as the method's article words them (``schemas/steps.yaml``), and the parts of
the case file the step fills. Escape or F1 closes it.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from keykis.method import Step, method
from keykis.tui.key_words import say_keys
from keykis.vocabulary import field_label, say


class MethodHelp(ModalScreen[None]):
    """The prompt and the reflection questions of one step."""

    CSS_PATH = Path(__file__).with_name("method_help.tcss")
    BINDINGS = [Binding("escape", "close", "editor.key_close"), Binding("f1", "close", "editor.key_close", show=False)]

    def __init__(self, step: Step, lang: str) -> None:
        super().__init__()
        self.step, self.lang = step, lang

    def on_mount(self) -> None:
        say_keys(self, self.lang)
        self.query_one("#help-body").focus()

    def compose(self) -> ComposeResult:
        lang, step = self.lang, self.step
        total = len(method().steps)
        title = step.title.get(lang) or step.title["en"]
        with VerticalScroll(id="help-body"):
            yield Label(title if step.n > total else f"{say('editor.step', lang)} {step.n}/{total} · {title}",
                        id="help-title")
            yield Label(say("editor.help_prompt", lang), classes="help-heading")
            yield Static(step.prompt.get(lang) or step.prompt["en"], markup=False)
            if step.reflection:
                yield Label(say("editor.reflection", lang), classes="help-heading")
                for n, texts in enumerate(step.reflection.values(), 1):
                    yield Static(f"{n}. {texts.get(lang) or texts['en']}", markup=False, classes="help-question")
            parts = [field_label(tuple(f.split(".")), lang) for f in step.fields]
            if parts:
                yield Label(say("editor.help_fills", lang), classes="help-heading")
                yield Static(" · ".join(dict.fromkeys(parts)), markup=False)
        yield Footer()

    def action_close(self) -> None:
        """Back to the step, the cursor where it was."""
        self.dismiss(None)
