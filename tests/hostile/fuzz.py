"""Type fuzzing: every value of a case replaced by each wrong type, and what each consumer does with it."""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Iterator
from typing import Any

WRONG: tuple[Any, ...] = (42, None, "text", [], {}, True)
"""One value of each YAML type."""


def _same_type(a: Any, b: Any) -> bool:
    return type(a) is type(b)


def places(data: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place in ``data``, the first item of each list standing for the rest."""
    if at:
        yield at
    if isinstance(data, dict):
        for key, value in data.items():
            yield from places(value, (*at, key))
    elif isinstance(data, list) and data:
        yield from places(data[0], (*at, 0))


def get(data: Any, at: tuple[str | int, ...]) -> Any:
    for part in at:
        data = data[part]
    return data


def variants(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(name, data) for each place and each wrong type of value there."""
    for at in places(data):
        old = get(data, at)
        for wrong in WRONG:
            if _same_type(old, wrong):
                continue
            new = copy.deepcopy(data)
            parent = get(new, at[:-1])
            parent[at[-1]] = copy.deepcopy(wrong)
            yield f"{'.'.join(map(str, at))}={wrong!r}", new


def consume_case(case: Any, *, check: bool = True) -> bool:
    """Everything that reads a case: check, then past the gate the HTML of both editions, card, search row, student view.

    Returns whether the case passed the gate.
    """
    from keykis.card import make_card
    from keykis.check import check_case
    from keykis.gate import SchemaGateError, require_case
    from keykis.render.context import edition_context
    from keykis.render.disguise import public_case
    from keykis.render.engine import render_html
    from keykis.render.graph_dot import fan_dot, relation_legend
    from keykis.search.index import fill
    from keykis.study.student import student_brief, student_view

    if check:
        check_case(case, lang="ru")
    try:
        ready = require_case(case)
    except SchemaGateError as exc:
        assert exc.message and "cannot be used" in exc.message
        return False
    public = public_case(ready)
    ctx = edition_context(public, None)
    ctx.relations = relation_legend(public, ctx.lang)
    fan_dot(public, ctx.lang)
    for template in ("graph.html.j2", "case.html.j2", "guidelines.html.j2"):
        render_html(template, c=ctx)
    card = make_card(ready, slug="fuzz", pages={}, outputs=[])
    conn = sqlite3.connect(":memory:")
    try:
        fill(conn, [card])
    finally:
        conn.close()
    view = student_view(ready)
    student_brief(view, "ru")
    return True


def consume_worksheet(path: Any, case: Any, view: Any) -> bool:
    """Everything that reads a worksheet file: check, review (with its report data), and past the gate its PDF HTML.

    Returns whether the worksheet passed the gate.
    """
    from keykis import yamlsafe
    from keykis.gate import SchemaGateError
    from keykis.render.engine import render_html
    from keykis.render.labels import labels as case_labels
    from keykis.study.checks import check_worksheet_file
    from keykis.study.gate import require_worksheet
    from keykis.study.report import labels, review_data, worksheet_context
    from keykis.study.review import review_class
    from keykis.study.worksheet import load_worksheet

    check_worksheet_file(path, case_path=case.path, lang="ru")
    review = review_class(case, [path], lang="ru")
    data = review_data(review, lang="ru")
    render_html("study/review.html.j2", r=data, l=labels("ru"), lang="ru", anonymous=False, charts={})
    ws = load_worksheet(path)
    try:
        require_worksheet(ws.data, name=str(path), locate=yamlsafe.Locator(ws.text).locate)
    except SchemaGateError as exc:
        assert "cannot be used" in exc.message
        return False
    render_html("study/worksheet.html.j2", l=labels("ru"), cl=case_labels("ru"), lang="ru", findings=[],
                **worksheet_context(ws, view, "ru"))
    return True
