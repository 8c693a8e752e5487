"""Public copies of a case: aliases everywhere a real name could show.

An actor with an ``alias`` is printed under the alias in every public
edition (case, graph, guidelines) and in the case file attached to an
archival PDF. ``keykis check`` already reports a real name left in the text
(rule ``alias-leak``); this module is the second line of defence: it
replaces the full name and, for persons, each surname-like word with its
inflected endings, before anything is rendered.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from keykis import safe_read
from keykis.model import Case


def _patterns(case: Case) -> list[tuple[re.Pattern[str], str]]:
    pats: list[tuple[re.Pattern[str], str]] = []
    for a in case.actors().values():
        if not a.alias or not a.name.strip() or a.name.strip() == a.alias.strip():
            continue
        pats.append((re.compile(re.escape(a.name.strip()), re.IGNORECASE), a.alias))
        if a.kind == "person":
            for token in re.findall(r"\w+", a.name):
                if len(token) >= 4 and token[0].isupper() and token not in a.alias:
                    stem = token[:-1] if len(token) > 5 else token
                    pats.append((re.compile(rf"\b{re.escape(stem)}\w{{0,3}}\b"), a.alias))
    return pats


def _scrub(node: Any, pats: list[tuple[re.Pattern[str], str]]) -> Any:
    if isinstance(node, str):
        for pat, alias in pats:
            node = pat.sub(alias, node)
        return node
    if isinstance(node, dict):
        return {k: _scrub(v, pats) for k, v in node.items()}
    if isinstance(node, list):
        return [_scrub(v, pats) for v in node]
    return node


def public_data(case: Case) -> dict[str, Any]:
    """A deep copy of the case data in which no real name with an alias remains."""
    pats = _patterns(case)
    data = _scrub(case.data, pats) if pats else _scrub(case.data, [])
    for actor in data.get("actors") or []:
        if isinstance(actor, dict) and isinstance(actor.get("alias"), str) and actor["alias"].strip():
            actor["name"] = actor["alias"]
    return data  # type: ignore[no-any-return]


def public_case(case: Case) -> Case:
    """The case as every public edition sees it (aliases applied)."""
    return Case(public_data(case), path=case.path, text="")


def has_aliases(case: Case) -> bool:
    """Whether any actor has an alias different from the real name."""
    return any(a.alias and a.alias.strip() != a.name.strip() for a in case.actors().values())


def public_source(case: Case) -> bytes:
    """The case file to attach to an archival PDF: the source, or a copy with aliases applied."""
    if case.path is not None and not (case.disguised or has_aliases(case)):
        return safe_read.read_bytes(case.path)
    head = "# Public copy of the case file: real names are replaced by aliases.\n"
    body = yaml.safe_dump(public_data(case), allow_unicode=True, sort_keys=False, width=100)
    return (head + body).encode()
