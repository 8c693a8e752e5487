"""Ids: every item is described once, and every reference resolves."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from keykis.check.findings import Hit
from keykis.check.rules import Texts, per_unit
from keykis.method import Method
from keykis.model import FIELDS, Case, YamlPath, mapping
from keykis.references import declared, references
from keykis.vocabulary import LANGS, in_every_language, label, place_in_every_language


def _declared(case: Case) -> Iterator[tuple[str, YamlPath, str]]:
    """(id, path, kind) of everything that declares an id."""
    d = case.data
    for key in ("actors", "objects", "relations", "values", "goals", "references", "appendices"):
        for i, item in enumerate(d.get(key) or []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield item["id"], (key, i, "id"), key
    for f in FIELDS:
        for i, item in enumerate(case.field(f).get("items") or []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield item["id"], ("matrix", f, "items", i, "id"), f
    g = mapping(d.get("guidelines"))
    objectives = mapping(g.get("objectives"))
    for part in ("main", "auxiliary"):
        for i, item in enumerate(objectives.get(part) or []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield item["id"], ("guidelines", "objectives", part, i, "id"), "objectives"
    for key in ("questions", "assignments"):
        for i, item in enumerate(g.get(key) or []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield item["id"], ("guidelines", key, i, "id"), key


def duplicate_ids(case: Case, m: Method) -> Iterator[Hit]:
    seen: dict[str, YamlPath] = {}
    for ident, path, _ in _declared(case):
        if ident in seen:
            yield Hit("duplicate-id", path, {"id": ident, "first": place_in_every_language(seen[ident][:-1])})
        else:
            seen[ident] = path


def _kind_names(kind: str) -> dict[str, str]:
    return {lang: label("id_kind", kind, lang) for lang in LANGS}


def unresolved_ids(case: Case, m: Method) -> Iterator[Hit]:
    """Every place of ``schemas/references.yaml`` names an item of its kind that the case declares."""
    pools: dict[tuple[YamlPath, ...], set[str]] = {}
    for path, ref, place, _ in references(case.data):
        pool = pools.get(place.among)
        if pool is None:
            pool = pools[place.among] = declared(case.data, place.among)
        if isinstance(ref, str) and ref not in pool:
            yield Hit("unresolved-id", path, {"id": ref, "kind": _kind_names(place.names),
                                              "hint": did_you_mean(ref, pool)},
                      key=path[0] == "decision")


def did_you_mean(ref: str, known: set[Any]) -> dict[str, str] | str:
    """A "did you mean" tail for an unknown id, in every language; empty when nothing is close."""
    pool = sorted(k for k in known if isinstance(k, str))
    lowered = {k.lower(): k for k in pool}
    close = difflib.get_close_matches(ref.lower().strip(), list(lowered), n=1, cutoff=0.6)
    if not close:
        return ""
    return in_every_language("check.did_you_mean", key=lowered[close[0]])


CITED = re.compile(r"(?<![\\!\]])\[([a-z][a-z0-9_-]{1,60}(?:\s*[;,]\s*[a-z][a-z0-9_-]{1,60})*)\](?![(\[])")
"""A citation as written in a text: ``[key]`` or ``[key1; key2]`` (a reference, or an appendix cited as an exhibit)."""


def cited_keys(text: str) -> Iterator[str]:
    """Every key cited in ``text``, link reference definitions (``[key]: url`` at a line start) left out."""
    for match in CITED.finditer(text):
        if match.string[match.end():match.end() + 1] == ":" and (
                match.start() == 0 or match.string[match.start() - 1] == "\n"):
            continue
        yield from re.split(r"\s*[;,]\s*", match.group(1))


def unresolved_citations(case: Case, m: Method) -> Iterator[Hit]:
    """A citation ``[key]`` in a text whose key names no reference and no appendix would be printed as it is."""
    known = frozenset(r.get("id") for key in ("references", "appendices") for r in case.data.get(key) or []
                      if isinstance(r, dict))

    def scan(texts: Texts) -> list[Hit]:
        out = []
        for path, text in texts:
            if "[" not in text or path and path[0] in ("references", "meta"):  # most texts cite nothing
                continue
            for key in cited_keys(text):
                if key not in known:
                    out.append(Hit("unresolved-citation", path, {"id": key, "hint": did_you_mean(key, set(known))}))
        return out

    yield from per_unit(case, "unresolved-citation", (known,), scan)


RULES = [duplicate_ids, unresolved_ids, unresolved_citations]
