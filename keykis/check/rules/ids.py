"""Ids: every item is described once, and every reference resolves."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from keykis.check.findings import Hit
from keykis.method import Method
from keykis.model import FIELDS, Case, YamlPath, mapping
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


def _refs(case: Case) -> Iterator[tuple[YamlPath, Any, str]]:
    """(path, referenced id, kind of thing it must name)."""
    d = case.data
    if "main_actor" in d:
        yield ("main_actor",), d["main_actor"], "actors"
    for i, a in enumerate(d.get("actors") or []):
        for j, member in enumerate((a or {}).get("members") or []):
            yield ("actors", i, "members", j), member, "actors"
    for i, o in enumerate(d.get("objects") or []):
        if isinstance(o, dict):
            if "owner" in o:
                yield ("objects", i, "owner"), o["owner"], "actors"
            for j, a in enumerate(o.get("influenced_by") or []):
                yield ("objects", i, "influenced_by", j), a, "actors"
    for i, r in enumerate(d.get("relations") or []):
        if isinstance(r, dict):
            for end in ("from", "to"):
                if end in r:
                    yield ("relations", i, end), r[end], "actors"
    for i, c in enumerate(d.get("characters") or []):
        yield ("characters", i), c, "actors"
    opening = mapping(d.get("opening"))
    if "protagonist" in opening:
        yield ("opening", "protagonist"), opening["protagonist"], "actors"
    for f in FIELDS:
        fld = case.field(f)
        if "chosen" in fld:
            yield ("matrix", f, "chosen"), fld["chosen"], f
    for i, p in enumerate(case.items("problems")):
        if "owner" in p:
            yield ("matrix", "problems", "items", i, "owner"), p["owner"], "actors"
    for i, t in enumerate(case.items("tasks")):
        if "problem" in t:
            yield ("matrix", "tasks", "items", i, "problem"), t["problem"], "problems"
        if "who" in t:
            yield ("matrix", "tasks", "items", i, "who"), t["who"], "actors"
    for i, s in enumerate(case.items("solutions")):
        if "task" in s:
            yield ("matrix", "solutions", "items", i, "task"), s["task"], "tasks"
        for j, a in enumerate(s.get("directed_at") or []):
            yield ("matrix", "solutions", "items", i, "directed_at", j), a, "actors"
    decision = mapping(d.get("decision"))
    tables: list[tuple[YamlPath, Any]] = [(("decision", "scores"), decision.get("scores"))]
    for k, mx in enumerate(decision.get("matrices") or []):
        if isinstance(mx, dict):
            tables.append((("decision", "matrices", k, "scores"), mx.get("scores")))
    for at, scores in tables:
        if isinstance(scores, dict):
            for sid, row in scores.items():
                yield (*at, sid), sid, "solutions"
                for cid in (row or {}) if isinstance(row, dict) else ():
                    yield (*at, sid, cid), cid, "criteria"
    g = mapping(d.get("guidelines"))
    plan = mapping(g.get("session")).get("plan") or []
    for i, block in enumerate(plan):
        for key, kind in (("objectives", "objectives"), ("questions", "questions")):
            for j, ref in enumerate((block or {}).get(key) or []):
                yield ("guidelines", "session", "plan", i, key, j), ref, kind
    for key in ("questions", "assignments"):
        for i, item in enumerate(g.get(key) or []):
            for j, ref in enumerate((item or {}).get("objectives") or []):
                yield ("guidelines", key, i, "objectives", j), ref, "objectives"


KINDS = ("actors", "problems", "tasks", "solutions", "questions", "criteria", "objectives")
"""What a reference can name; worded by ``label("id_kind", kind, lang)``."""


def _kind_names(kind: str) -> dict[str, str]:
    return {lang: label("id_kind", kind, lang) for lang in LANGS}


def unresolved_ids(case: Case, m: Method) -> Iterator[Hit]:
    known: dict[str, set[str]] = {k: set() for k in KINDS}
    for ident, _path, kind in _declared(case):
        if kind in ("values", "goals"):
            known["criteria"].add(ident)
        elif kind in known:
            known[kind].add(ident)
    q_ids = {q.get("id") for q in case.items("questions")}
    for path, ref, kind in _refs(case):
        pool = known[kind]
        if kind == "questions" and path[0] == "matrix":
            pool = q_ids  # type: ignore[assignment]
        if isinstance(ref, str) and ref not in pool:
            yield Hit("unresolved-id", path, {"id": ref, "kind": _kind_names(kind), "hint": did_you_mean(ref, pool)},
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
    known = {r.get("id") for key in ("references", "appendices") for r in case.data.get(key) or []
             if isinstance(r, dict)}
    for path, text in case.iter_texts():
        if "[" not in text or path and path[0] in ("references", "meta"):  # most texts cite nothing
            continue
        for key in cited_keys(text):
            if key not in known:
                yield Hit("unresolved-citation", path, {"id": key, "hint": did_you_mean(key, known)})


RULES = [duplicate_ids, unresolved_ids, unresolved_citations]
