"""The findings panel: what ``keykis check`` says about the case right now."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from keykis.check import Finding
from keykis.terminal import clean_line
from keykis.vocabulary import say

ICONS = {"error": "✖", "warning": "▲", "info": "·"}


GROUP_FROM = 2
"""Findings that say the same thing are shown as one line from this many on."""


def grouped(findings: list[Finding]) -> list[tuple[int, Finding, int]]:
    """(index of the first, the first, how many more) for each line of the panel.

    A finding repeated word for word (twelve references to one missing
    actor) is one line; choosing it jumps to the first place.
    """
    by_key: dict[tuple[str, str, str], list[int]] = {}
    for i, f in enumerate(findings):
        by_key.setdefault((f.severity, f.rule, f.message), []).append(i)
    out = []
    shown: set[int] = set()
    for i, f in enumerate(findings):
        if i in shown:
            continue
        same = by_key[(f.severity, f.rule, f.message)]
        if len(same) >= GROUP_FROM:
            shown.update(same)
            out.append((i, f, len(same) - 1))
        else:
            out.append((i, f, 0))
    return out


class FindingsPanel(OptionList):
    """Live findings; choosing one asks to jump to its step and field."""

    DEFAULT_CSS = """
    FindingsPanel { width: 40; height: 1fr; }
    """

    class Chosen(Message):
        """The author chose a finding."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []
        self._lang = ""

    def show(self, findings: list[Finding], lang: str) -> None:
        """Replace the list with ``findings`` (only when they changed), all lines added at once."""
        if self.option_count and findings == self.findings and lang == self._lang:
            return
        lines = [(str(i), Text(f"{ICONS.get(f.severity, '?')} {f'{f.step:>2} ' if f.step else '   '}"
                              f"{clean_line(f.message)}"
                              f"{' ' + say('editor.more_like_it', lang, n=more) if more else ''}"))
                 for i, f, more in grouped(findings)]
        self._lang = lang
        self.findings = list(findings)
        self.clear_options()
        if not findings:
            self.add_option(Option(say("editor.no_findings", lang), disabled=True))
        self.add_options([Option(prompt, id=ident) for ident, prompt in lines])

    def on_focus(self) -> None:
        """Arriving on the panel puts the cursor on the first finding, so Enter jumps at once."""
        if self.highlighted is None and self.findings:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self.findings[int(event.option.id)]))
