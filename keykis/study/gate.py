"""The schema gate for worksheets (see ``keykis.gate``): the study screen, the review and the worksheet PDF
meet only worksheets whose values have the types the worksheet schema gives."""

from __future__ import annotations

from typing import Any

from keykis.gate import WORKSHEET_BLOCKING, SchemaGateError, _blocking, _describe

__all__ = ["SchemaGateError", "require_worksheet"]


def require_worksheet(data: dict[str, Any], *, name: str, locate: Any = None) -> dict[str, Any]:
    """Return worksheet ``data`` if it matches the worksheet schema's types; raise ``SchemaGateError`` otherwise."""
    from keykis.study.checks import _validator as worksheet_validator

    errors = _blocking(worksheet_validator().iter_errors(data), kinds=WORKSHEET_BLOCKING)
    if errors:
        raise _describe(errors, locate or (lambda p: (None, None)), name, "the worksheet")
    return data
