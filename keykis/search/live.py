"""Searching a folder of cases that was never built: index it on the fly.

Cards are made straight from the case files, in memory; a file that cannot
be read is left out and named, so one broken case never hides the others.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from keykis.card import make_card
from keykis.errors import UserError
from keykis.gate import require_case
from keykis.model import find_cases, load_case
from keykis.search.index import open_index
from keykis.search.terms import case_terms
from keykis.terminal import clean_line


def index_cases(paths: list[Path]) -> tuple[sqlite3.Connection, list[str]]:
    """An in-memory index of the cases under ``paths`` and the one-line reasons for files left out."""
    files = find_cases(paths)
    if not files:
        raise UserError("no case.yaml found here", words=("file.no_cases", {}), path=", ".join(map(str, paths)))
    cards, skipped, texts = [], [], {}
    for f in files:
        if f.as_posix() != f.as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace"):
            skipped.append(f"{clean_line(str(f))}: this name is not UTF-8 text; rename it")
            continue
        try:
            case = require_case(load_case(f))
        except UserError as exc:
            skipped.append(str(exc))
            continue
        cards.append(make_card(case, slug=f.parent.name))
        texts[f.parent.name] = case_terms(case)
    return open_index(None, cards, texts), skipped
