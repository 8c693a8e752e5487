"""The steps sidebar: the 25 steps with their state, then the card and the guidelines, to jump to any."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from keykis.method import method
from keykis.pages import later_pages
from keykis.progress import DONE, EMPTY, ERRORS, IN_PROGRESS
from keykis.tui.widgets.lines import set_prompt

TITLE_WIDTH = 21
MARKS = {EMPTY: "○", IN_PROGRESS: "◐", DONE: "●", ERRORS: "✖"}


class StepsSidebar(OptionList):
    """All steps, each marked empty ○, in progress ◐, done ● or with errors ✖."""

    DEFAULT_CSS = """
    StepsSidebar { width: 32; height: 1fr; }
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.states: dict[str, str] = {}

    def on_mount(self) -> None:
        self.show_states(self.states)

    def show_states(self, states: dict[str, str], lang: str | None = None) -> None:
        """Show each step's state: only the lines whose state changed are redrawn."""
        lang = lang or self.lang
        if self.option_count and lang == self.lang:
            for ident, prompt in self._prompts(states):
                if states.get(ident, EMPTY) != self.states.get(ident, EMPTY):
                    set_prompt(self, self.get_option_index(ident), prompt)
            self.states = dict(states)
            return
        self.states = dict(states)
        self.lang = lang
        current = self.highlighted
        self.clear_options()
        prompts = self._prompts(states)
        self.add_options([Option(prompt, id=ident) for ident, prompt in prompts[: len(method().steps)]])
        self.add_option(None)  # a rule between the steps and the parts written beside them
        self.add_options([Option(prompt, id=ident) for ident, prompt in prompts[len(method().steps):]])
        if current is not None:
            self.highlighted = current

    def _prompts(self, states: dict[str, str]) -> list[tuple[str, Text]]:
        """(id, line) of every step, then of every part written beside them."""
        out: list[tuple[str, Text]] = []
        for step in method().steps:
            mark = MARKS[states.get(step.id, EMPTY)]
            title = step.title.get(self.lang) or step.title["en"]
            title = title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1] + "…"
            out.append((step.id, Text(f"{mark} {step.n:>2} {title}")))
        for part in later_pages():
            mark = MARKS[states.get(part.id, EMPTY)]
            title = part.title.get(self.lang) or part.title["en"]
            title = title if len(title) <= TITLE_WIDTH + 3 else title[: TITLE_WIDTH + 2] + "…"
            out.append((part.id, Text(f"{mark} {title}")))
        return out

    def select_step(self, step_id: str) -> None:
        """Highlight a step without opening it."""
        self.highlighted = self.get_option_index(step_id)
