"""The steps sidebar: the 25 steps with their state, then the card and the guidelines, to jump to any."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from keykis.method import method
from keykis.parts import parts
from keykis.progress import DONE, EMPTY, ERRORS, IN_PROGRESS

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
        """Redraw the list with each step's state (only when something changed)."""
        if self.option_count and states == self.states and (lang or self.lang) == self.lang:
            return
        self.states = dict(states)
        self.lang = lang or self.lang
        current = self.highlighted
        self.clear_options()
        for step in method().steps:
            mark = MARKS[states.get(step.id, EMPTY)]
            title = step.title.get(self.lang) or step.title["en"]
            title = title if len(title) <= TITLE_WIDTH else title[: TITLE_WIDTH - 1] + "…"
            self.add_option(Option(Text(f"{mark} {step.n:>2} {title}"), id=step.id))
        self.add_option(None)  # a rule between the steps and the parts written beside them
        for part in parts():
            mark = MARKS[states.get(part.id, EMPTY)]
            title = part.title.get(self.lang) or part.title["en"]
            title = title if len(title) <= TITLE_WIDTH + 3 else title[: TITLE_WIDTH + 2] + "…"
            self.add_option(Option(Text(f"{mark} {title}"), id=part.id))
        if current is not None:
            self.highlighted = current

    def select_step(self, step_id: str) -> None:
        """Highlight a step without opening it."""
        self.highlighted = self.get_option_index(step_id)
