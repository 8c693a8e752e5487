"""Actors, the boundary and the concept graph (steps 5-11)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from keykis.check.findings import Hit
from keykis.check.rules.matrix import word_count
from keykis.method import Method
from keykis.model import Case
from keykis.vocabulary import in_every_language, known


def main_actor(case: Case, m: Method) -> Iterator[Hit]:
    actors = case.actors()
    if not case.main_actor:
        yield Hit("main-actor", (), {"problem": in_every_language("check.main_actor_missing")})
    elif case.main_actor in actors and actors[case.main_actor].environment != "internal":
        yield Hit("main-actor", ("main_actor",), {"problem": in_every_language(
            "check.main_actor_external", actor=case.main_actor)})


def boundary(case: Case, m: Method) -> Iterator[Hit]:
    actors = case.actors()

    def external(aid: object) -> bool:
        return isinstance(aid, str) and aid in actors and actors[aid].environment == "external"

    for i, o in enumerate(case.data.get("objects") or []):
        if isinstance(o, dict) and o.get("environment") == "internal" and external(o.get("owner")):
            yield Hit("boundary", ("objects", i, "owner"), {"problem": in_every_language(
                "check.object_owned_outside", object=o.get("id"), owner=o.get("owner"))})
    for i, a in enumerate(case.data.get("actors") or []):
        if isinstance(a, dict) and a.get("environment") == "internal":
            for j, member in enumerate(a.get("members") or []):
                if external(member):
                    yield Hit("boundary", ("actors", i, "members", j), {"problem": in_every_language(
                        "check.member_outside", organisation=a.get("id"), member=member)})
    task = case.chosen("tasks")
    if task and external(task.get("who")):
        i = case.items("tasks").index(task)
        yield Hit("boundary", ("matrix", "tasks", "items", i, "who"), {"problem": in_every_language(
            "check.task_done_outside", actor=task.get("who"))})


def _identity(name: str) -> set[str]:
    """Keys under which two spellings of one person or organisation meet («Арман Жолдасов», «А. Жолдасов»)."""
    import re

    words = re.findall(r"\w+", name.lower())
    if not words:
        return set()
    keys = {" ".join(words)}
    caps = re.findall(r"\w+", name)
    if len(caps) >= 2 and all(w[0].isupper() for w in caps):   # a personal name: surname + first initial
        surname = max(caps, key=len).lower()
        others = [w.lower() for w in caps if w.lower() != surname]
        keys.add(f"{surname}|{others[0][0]}" if others else surname)
    return keys


def one_boundary(case: Case, m: Method) -> Iterator[Hit]:
    """No person or organisation on both sides of the boundary (same name, alias or obvious variant)."""
    seen: dict[str, tuple[str, str]] = {}
    for i, a in enumerate(case.data.get("actors") or []):
        if not isinstance(a, dict) or a.get("environment") not in ("internal", "external"):
            continue
        keys: set[str] = set()
        for field in ("name", "alias"):
            if isinstance(a.get(field), str):
                keys |= _identity(a[field])
        for key in keys:
            other = seen.get(key)
            if other and other[1] != a.get("environment"):
                yield Hit("boundary", ("actors", i, "environment"), {"problem": in_every_language(
                    "check.same_actor_both_sides", actor=a.get("id"), other=other[0])})
                break
        for key in keys:
            seen.setdefault(key, (str(a.get("id")), str(a.get("environment"))))


def characters_relations(case: Case, m: Method) -> Iterator[Hit]:
    if not isinstance(case.data.get("characters"), list):
        return
    chars = case.characters()
    actors = case.actors()  # built once per pass: a case may have hundreds of actors and relations
    relations = case.relations()
    related = {r.source for r in relations} | {r.target for r in relations}
    for i, c in enumerate(chars):
        if c in actors and c not in related:
            yield Hit("characters-relations", ("characters", i), {"id": c, "problem": in_every_language(
                "check.character_without_relation")})
    listed = set(chars)
    for r in relations:
        for end, aid in (("from", r.source), ("to", r.target)):
            if aid in actors and aid not in listed:
                yield Hit("characters-relations", ("relations", r.index, end), {"id": aid, "problem": in_every_language(
                    "check.relation_outside_characters")})


def relation_types(case: Case, m: Method) -> Iterator[Hit]:
    known = list(m.relation_types)
    for r in case.relations():
        if r.type not in m.relation_types:
            hint = (difflib.get_close_matches(r.type, known, n=1, cutoff=0.4) or known[:1])[0]
            yield Hit("relation-type", ("relations", r.index, "type"), {"type": r.type, "hint": hint})


def graph_size(case: Case, m: Method) -> Iterator[Hit]:
    # The concept graph's size (keykis.graph): its nodes are the characters that are actors, its edges
    # every relation between two of them. Counted without building it, so a check never imports networkx.
    actors = case.actors()
    nodes = {aid for aid in case.characters() if aid in actors}
    edges = sum(1 for r in case.relations() if r.source in nodes and r.target in nodes)
    lim = m.limits
    if len(nodes) > lim["graph_max_actors"]:
        yield Hit("graph-too-big", ("characters",), {"count": len(nodes), "limit": lim["graph_max_actors"],
                                                     "what": in_every_language("check.count_actors")}, key=True)
    if edges > lim["graph_max_relations"]:
        yield Hit("graph-too-big", ("relations",), {"count": edges, "limit": lim["graph_max_relations"],
                                                    "what": in_every_language("check.count_relations")}, key=True)
    for r in case.relations():
        words = word_count(r.label or "")
        if words > lim["relation_label_max_words"]:
            yield Hit("relation-label-wordy", ("relations", r.index, "label"),
                      {"words": words, "limit": lim["relation_label_max_words"]})


def owners_decide(case: Case, m: Method) -> Iterator[Hit]:
    actors = case.actors()
    # An actor may be an organisation and states its own problems (step 12); the one who
    # carries a task out is a person or a small group.
    for field, key in (("tasks", "who"),):
        for i, item in enumerate(case.items(field)):
            owner = item.get(key)
            a = actors.get(owner) if isinstance(owner, str) else None
            if a and not a.decides:
                yield Hit("owner-not-person", ("matrix", field, "items", i, key),
                          {"id": item.get("id"), "owner": a.id, "kind": _kind(a.kind)})


def _kind(kind: str) -> dict[str, str] | str:
    return in_every_language(f"check.kind_{kind}") if known(f"check.kind_{kind}") else kind


RULES = [main_actor, boundary, one_boundary, characters_relations, relation_types, graph_size, owners_decide]
