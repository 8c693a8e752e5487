"""The schema gate for worksheets (see ``keykis.gate``): the study screen, the review and the worksheet PDF
meet only worksheets whose values have the types the worksheet schema gives."""

from __future__ import annotations

import copy
from typing import Any

from keykis.gate import WORKSHEET_BLOCKING, SchemaGateError, blocking_errors, gate_error

__all__ = ["SchemaGateError", "readable_part", "require_worksheet"]


def require_worksheet(data: dict[str, Any], *, name: str, locate: Any = None) -> dict[str, Any]:
    """Return worksheet ``data`` if it matches the worksheet schema's types; raise ``SchemaGateError`` otherwise."""
    from keykis.study.checks import worksheet_validator

    errors = blocking_errors(worksheet_validator().iter_errors(data), kinds=WORKSHEET_BLOCKING)
    if errors:
        raise gate_error(errors, locate or (lambda p: (None, None)), name, "the worksheet")
    return data


def readable_part(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of worksheet ``data`` without the values of a type the review cannot take (a score written "+2").

    The checks report each of them; the review counts what is left, so one slip never drops a student.
    """
    from keykis.study.checks import worksheet_validator

    part = copy.deepcopy(data)
    for _ in range(50):  # each pass removes at least one value; a worksheet has far fewer slips
        errors = blocking_errors(worksheet_validator().iter_errors(part), kinds=WORKSHEET_BLOCKING)
        if not errors:
            return part
        doomed: dict[int, tuple[list[Any], set[int]]] = {}
        for err in errors:
            path = tuple(err.absolute_path)
            if not path:
                return {}
            parent: Any = part
            for step in path[:-1]:
                parent = parent[step]
            if isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif isinstance(parent, list):
                doomed.setdefault(id(parent), (parent, set()))[1].add(int(path[-1]))
        for items, indexes in doomed.values():
            for index in sorted(indexes, reverse=True):
                del items[index]
    return {}
