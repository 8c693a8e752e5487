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
from keykis.gate import Checked, view_of
from keykis.model import Case
from keykis.morphology.fold import fold, fold_map, needs_fold, strip_invisible

Patterns = list[tuple[re.Pattern[str], re.Pattern[str], str]]
"""Per real name: its pattern on the text as written, the same on the folded text, and the alias."""


def _patterns(case: Case) -> Patterns:
    pats: Patterns = []
    for a in case.actors().values():
        if not a.alias or not a.name.strip() or a.name.strip() == a.alias.strip():
            continue
        name = a.name.strip()
        pats.append((re.compile(re.escape(name), re.IGNORECASE), re.compile(re.escape(fold(name)), re.IGNORECASE),
                     a.alias))
        if a.kind == "person":
            for token in re.findall(r"\w+", fold(a.name)):
                if len(token) >= 4 and token[0].isupper() and token not in a.alias:
                    stem = token[:-1] if len(token) > 5 else token
                    pat = re.compile(rf"\b{re.escape(stem)}\w{{0,5}}\b")
                    pats.append((pat, pat, a.alias))
    return pats


def _folded_sub(text: str, pats: Patterns) -> str:
    """Replace every real name found in the folded text (invisible characters, look-alike letters, Kazakh
    spellings) at its place in ``text``; then drop what shows nothing."""
    text = strip_invisible(text)  # in display order first: a name written reversed inside an override reads right
    folded, origin = fold_map(text)
    spans: list[tuple[int, int, str]] = []
    for _, pat, alias in pats:
        for m in pat.finditer(folded):
            if m.end() > m.start():
                src = origin[m.start():m.end()]
                spans.append((min(src), max(src) + 1, alias))
    out, last = [], len(text)
    for start, end, alias in sorted(spans, key=lambda s: (-s[0], -s[1])):
        if end > last:
            continue  # overlaps a later replacement
        out.append(text[end:last])
        out.append(alias)
        last = start
    out.append(text[:last])
    return strip_invisible("".join(reversed(out)))


def _scrub(node: Any, pats: Patterns) -> Any:
    if isinstance(node, str):
        for pat, _, alias in pats:
            node = pat.sub(alias, node)
        if needs_fold(node):
            node = _folded_sub(node, pats) if pats else strip_invisible(node)
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


def public_case(case: Checked) -> Checked:
    """Checked ``case`` as every public edition sees it (aliases applied), with the same receipt."""
    return view_of(case, public_data(case))


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
