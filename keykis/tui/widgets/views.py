"""Read-only views of a case: fan matrix, concept graph as text, morphological fan.

They take a model ``Case`` and redraw on ``show``; the editor's views screen
and the student's study mode both use them.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable, Static, Tree

from keykis.graph import fan_matrix, text_view
from keykis.method import method, name
from keykis.model import FIELDS, Case
from keykis.terminal import clean, clean_line
from keykis.tui.fields import summary

FIELD_KEYS = {"questions": None, "problems": None, "tasks": "problem", "solutions": "task"}


NAME_WIDTH, HEADER_WIDTH = 28, 18
"""Cells for an actor's name beside its row and above its column: long names are cut with «…», so that
at 80 columns the names leave room for the relations (the whole name is in the graph view)."""


def _short(name: str, width: int) -> Text:
    text = Text(clean_line(name))
    if text.cell_len > width:
        text.truncate(width - 1)
        text.append("…")
    return text


class FanMatrixTable(DataTable[Text]):
    """Actor × actor: the relation types from the row's actor to the column's."""

    def show(self, case: Case, lang: str) -> None:
        """Redraw for ``case``."""
        order, cells = fan_matrix(case, lang)
        self.fixed_columns = 1  # the row's actor stays in view while the columns scroll
        self.clear(columns=True)
        self.add_columns("", *[_short(case.public_name(a), HEADER_WIDTH) for a in order])
        for u in order:
            self.add_row(_short(case.public_name(u), NAME_WIDTH),
                         *[Text(", ".join(cells.get((u, v), [])) or "·") for v in order])


class GraphTextView(Static):
    """The concept graph of step 10 as text: regions, actors, relations."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)

    def show(self, case: Case, lang: str) -> None:
        """Redraw for ``case``."""
        self.update(clean(text_view(case, lang)))


def _line(item: dict[str, Any], chosen: Any, lang: str) -> Text:
    mark = "★ " if item.get("id") == chosen else ""
    extra = ""
    if item.get("strategy"):
        extra = " [" + ", ".join(name(method().strategies.get(s, {"id": s}), lang) for s in item["strategy"]) + "]"
    return Text(clean_line(f"{mark}{item.get('id', '?')}: {summary(item)}{extra}"))


class MorphFan(Tree[None]):
    """The morphological fan: question → problems → tasks → solutions, the chosen ones starred."""

    def show(self, case: Case, lang: str) -> None:
        """Redraw for ``case``."""
        self.clear()
        question = case.chosen("questions")
        self.root.set_label(Text(f"★ {summary(question)}" if question else clean_line(case.title or "?")))
        tasks, solutions = case.items("tasks"), case.items("solutions")
        for p in case.items("problems"):
            pnode = self.root.add(_line(p, case.field("problems").get("chosen"), lang), expand=True)
            for t in [t for t in tasks if t.get("problem") in (p.get("id"), None)]:
                tnode = pnode.add(_line(t, case.field("tasks").get("chosen"), lang), expand=True)
                for s in [s for s in solutions if s.get("task") in (t.get("id"), None)]:
                    tnode.add_leaf(_line(s, case.field("solutions").get("chosen"), lang))
        self.root.expand()


def _texts(case: Case) -> list[str]:
    out = [f"# {case.title}"] if case.title else []
    for step in method().steps:
        if case.narrative(step.id):
            out.append(case.narrative(step.id))
    return out


class CaseView(Static):
    """The prose of the case in step order, read-only."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)

    def show(self, case: Case, lang: str) -> None:
        """Redraw for ``case``."""
        self.update(clean("\n\n".join(_texts(case))) or "—")


__all__ = ["FIELDS", "CaseView", "FanMatrixTable", "GraphTextView", "MorphFan"]
