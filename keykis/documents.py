"""The kinds of keykis document, recognised in one place.

A YAML file is a case unless a top-level key names another kind (a student's
worksheet has ``worksheet:``). The checker, the renderer, the review and the
study screens all ask here, so a new kind is one entry in ``KINDS``: its key.
What renders a kind lives in the package that owns it and is handed to
``keykis.render.render_document`` by the front door (``keykis.cli.render``),
so nothing here names a module above this layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keykis import safe_read
from keykis.errors import CaseFileError

CASE = "case"


@dataclass(frozen=True)
class Kind:
    """A kind of document other than a case."""

    key: str
    """The top-level key that marks a file of this kind."""


KINDS: dict[str, Kind] = {"worksheet": Kind(key="worksheet")}

_HEAD = 65536
"""How much of a file is read to recognise its kind (the marking key is near the top)."""


def kind_of(data: Any) -> str:
    """``case``, or the kind whose key is at the top level of parsed YAML."""
    if isinstance(data, dict):
        return next((name for name, kind in KINDS.items() if kind.key in data), CASE)
    return CASE


def kind_of_file(path: Path) -> str | None:
    """The kind of a file from the start of its text, without parsing it; None when it cannot be read."""
    try:
        head = safe_read.read_bytes(path).decode("utf-8", errors="replace")[:_HEAD]
    except CaseFileError:  # not a regular file, too large or unreadable
        return None
    lines = head.splitlines()
    return next((name for name, kind in KINDS.items() if any(line.startswith(f"{kind.key}:") for line in lines)), CASE)
