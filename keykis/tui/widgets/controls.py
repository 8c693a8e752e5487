"""Which control shows which kind of field: ``make_control`` and the group of controls built with it.

It sits above the plain controls (``form``), the item lists (``items``) and the
decision grids (``decision``), so that none of those needs to import another
to build a nested field.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label

from keykis.tui.fields import FieldSpec
from keykis.tui.widgets.decision import DecisionGrid, MatrixGrids
from keykis.tui.widgets.form import (
    ChoiceControl,
    FlagControl,
    FormContext,
    MultiControl,
    NumberControl,
    PlanSum,
    ReadonlyControl,
    TextControl,
    WordsControl,
)
from keykis.tui.widgets.items import ItemList


class GroupControl(Vertical):
    """A part of the case made of several controls (the boundary, an abstract...)."""

    DEFAULT_CSS = """
    GroupControl { height: auto; }
    GroupControl > .group-label { text-style: bold; }
    GroupControl > Horizontal { height: auto; }
    GroupControl > Horizontal > * { width: 1fr; margin-right: 1; }
    """

    def __init__(self, spec: FieldSpec, ctx: FormContext) -> None:
        super().__init__(classes="group")
        self.spec = spec
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        if self.spec.label:
            yield Label(self.spec.label, classes="group-label")
        children = [make_control(c, self.ctx) for c in self.spec.children]
        if self.spec.horizontal:  # the draft beside the final; anything further (the teacher's text) below, full width
            with Horizontal():
                yield from children[:2]
            yield from children[2:]
        else:
            yield from children


def make_control(spec: FieldSpec, ctx: FormContext) -> Widget:
    """The widget for one ``FieldSpec``."""
    kinds: dict[str, Callable[[FieldSpec, FormContext], Widget]] = {
        "text": TextControl, "readonly": ReadonlyControl, "number": NumberControl, "words": WordsControl,
        "choice": ChoiceControl, "chosen": ChoiceControl, "multi": MultiControl, "group": GroupControl,
        "items": ItemList, "decision": DecisionGrid, "matrices": MatrixGrids, "flag": FlagControl, "plan_sum": PlanSum,
    }
    return kinds[spec.kind](spec, ctx)
