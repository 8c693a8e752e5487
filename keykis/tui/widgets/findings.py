"""The findings panel: what ``keykis check`` says about the case right now."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from keykis.check import Finding
from keykis.terminal import clean_line
from keykis.tui.widgets.lines import set_prompt
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
        self._texts: list[str] = []
        """The text of each line shown (empty while the panel says there are no findings)."""
        self._targets: list[int] = []
        """For each line, the index of the finding it jumps to."""

    def show(self, findings: list[Finding], lang: str) -> None:
        """Show ``findings`` (only when they changed): lines whose text changed are drawn again, the rest stay.

        Clearing the list and adding every line again cost two layouts of the whole
        screen and a new drawing of every line at each check of a big case; now a
        line keeps its drawing unless its text changed, and the screen is laid out
        again only when the number of lines changes.
        """
        if self.option_count and findings == self.findings and lang == self._lang:
            return
        groups = grouped(findings)
        lines = [f"{ICONS.get(f.severity, '?')} {f'{f.step:>2} ' if f.step else '   '}{clean_line(f.message)}"
                 f"{' ' + say('editor.more_like_it', lang, n=more) if more else ''}" for _, f, more in groups]
        in_place = bool(self.option_count and self._texts and lines and lang == self._lang)
        self._lang = lang
        self.findings = list(findings)
        self._targets = [i for i, _, _ in groups]
        if not in_place:
            self._texts = lines
            self.clear_options()
            if not findings:
                self.add_option(Option(say("editor.no_findings", lang), disabled=True))
            self.add_options([Option(Text(line)) for line in lines])
            return
        old, self._texts = self._texts, lines
        for i, (was, now) in enumerate(zip(old, lines, strict=False)):
            if was != now:
                set_prompt(self, i, Text(now))
        if len(lines) > len(old):
            self.add_options([Option(Text(line)) for line in lines[len(old):]])
        for i in range(len(old) - 1, len(lines) - 1, -1):
            self.remove_option_at_index(i)
        self.highlighted = None  # as after a fresh list: the cursor comes back to the first finding on focus
        self.scroll_y = 0

    def on_focus(self) -> None:
        """Arriving on the panel puts the cursor on the first finding, so Enter jumps at once."""
        if self.highlighted is None and self.findings:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.findings and 0 <= event.option_index < len(self._targets):
            self.post_message(self.Chosen(self.findings[self._targets[event.option_index]]))
