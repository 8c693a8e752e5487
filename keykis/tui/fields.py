"""Which form a step needs, read from the case schema and the steps data.

A step lists the parts of the case file it fills (``steps.yaml: fields``);
the case schema says what each part is (a text, a list of actors, a field of
the matrix...). This module turns the two into a list of ``FieldSpec`` that
the form widgets draw, so adapting the method's data adapts the editor too.
Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from keykis.method import Step, case_schema, method, name
from keykis.progress import iteration
from keykis.references import EVERY_KEY, table
from keykis.terminal import clean_line
from keykis.vocabulary import LANGS, field_label, known
from keykis.vocabulary import label as enum_label

Path_ = tuple[str | int, ...]

# Properties whose value is the id of another part of the case, and the list the ids come from
# (``schemas/references.yaml``; a chosen item is picked among its own field's items).
ID_SOURCES: dict[str, Path_] = {
    place.key: place.among[0] for place in table().places
    if len(place.among) == 1 and place.steps[0] != "guidelines" and place.key not in ("chosen", EVERY_KEY)
}
# Enum values whose label kind is not the key itself (``label(kind, value, lang)``).
ENUM_KINDS = {"kind": "actor_kind", "format": "session_format"}
# In the teaching plan, ids of the guidelines' own objectives and questions (several lists each).
GUIDE_SOURCES: dict[str, tuple[Path_, ...]] = {
    place.key: place.among for place in table().places if place.steps[0] == "guidelines"
}


@dataclass
class FieldSpec:
    """One control of a form: what it edits and how."""

    path: Path_
    """Where the value lives in the case file."""
    kind: str
    """text, number, choice, multi, words, items, chosen, decision, matrices, group or readonly."""
    label: str
    """What the author sees above the control."""
    options: list[tuple[str, str]] = field(default_factory=list)
    """(value, label) pairs for choice and multi; for multi from the case, filled at draw time."""
    source: Path_ | None = None
    """For choices among the case's own ids: the list they come from (or a tuple of such lists)."""
    schema: dict[str, Any] = field(default_factory=dict)
    """The item schema for ``items``."""
    children: list[FieldSpec] = field(default_factory=list)
    """Sub-controls of a ``group``."""
    horizontal: bool = False
    """Draw the children of a group side by side (draft beside final)."""


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` (within the case schema), merging sibling keys."""
    while "$ref" in node:
        ref = node["$ref"]
        target = case_schema()["$defs"][ref.rsplit("/", 1)[-1]]
        rest = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **rest, "properties": {**target.get("properties", {}), **rest.get("properties", {})}}
        if not node["properties"]:
            del node["properties"]
    return node


def schema_at(path: Path_) -> dict[str, Any]:
    """The (resolved) schema of the value at a dotted path of the case file."""
    node = resolve(case_schema())
    for part in path:
        if isinstance(part, int) or node.get("type") == "array":
            node = resolve(node.get("items", {}))
            if isinstance(part, int):
                continue
        props = node.get("properties", {})
        if part in props:
            node = resolve(props[part])
            if part == "items" and "items" in node and isinstance(node["items"], dict):
                node = {**node, "items": resolve(node["items"])}
        elif "patternProperties" in node:
            node = resolve(next(iter(node["patternProperties"].values())))
        elif isinstance(node.get("additionalProperties"), dict):
            node = resolve(node["additionalProperties"])
        else:
            return {}
    return node


def _label(key: str | int, lang: str, path: Path_ = ()) -> str:
    return field_label(path if path and not isinstance(path[-1], int) else (key,), lang)


def _enum_options(key: str, enum: list[str], lang: str) -> list[tuple[str, str]]:
    m = method()
    if set(enum) <= set(m.resource_kinds):
        return [(v, name(m.resource_kinds[v], lang)) for v in enum]
    if set(enum) <= set(m.strategies):
        return [(v, name(m.strategies[v], lang)) for v in enum]
    kind = ENUM_KINDS.get(key, key)
    return [(v, enum_label(kind, v, lang) if known(f"enum.{kind}") else v) for v in enum]


def spec_for(path: Path_, lang: str, *, skip: set[str] = frozenset(), step: Step | None = None,  # type: ignore[assignment]
             case_langs: list[str] | None = None, label: str | None = None) -> FieldSpec | None:
    """The control for the value at ``path``, or None when it cannot be edited in a form."""
    key = str(path[-1])
    node = schema_at(path)
    text = label or _label(key, lang, path)
    if ".".join(map(str, path)) in skip:
        return None
    if key in ID_SOURCES:
        many = node.get("type") == "array"
        return FieldSpec(path, "multi" if many else "choice", text, source=ID_SOURCES[key])
    if path[0] == "guidelines" and key in ("objectives", "questions") and node.get("type") == "array" \
            and resolve(node.get("items", {})).get("type") == "string":
        sources = GUIDE_SOURCES[key]
        return FieldSpec(path, "multi", text, source=sources)  # type: ignore[arg-type]
    if key == "type" and len(path) > 1 and path[0] == "relations":
        opts = [(k, name(v, lang)) for k, v in method().relation_types.items()]
        return FieldSpec(path, "choice", text, options=opts)
    if "enum" in node:
        return FieldSpec(path, "choice", text, options=_enum_options(key, node["enum"], lang))
    if node.get("type") == "integer":
        return FieldSpec(path, "number", text)
    if node.get("type") == "boolean":
        return FieldSpec(path, "flag", text)
    if node.get("type") == "string" or node == {}:
        return FieldSpec(path, "text", text)
    if path == ("decision", "matrices"):
        return FieldSpec(path, "matrices", text, schema=resolve(node.get("items", {})))
    if node.get("type") == "array":
        item = resolve(node.get("items", {}))
        if "enum" in item:
            return FieldSpec(path, "multi", text, options=_enum_options(key, item["enum"], lang))
        if item.get("type") == "object":
            return FieldSpec(path, "items", text, schema=item)
        return FieldSpec(path, "words", text)
    if path == ("decision", "scores"):
        return FieldSpec(path, "decision", text)
    if node.get("type") == "object" or "properties" in node or "patternProperties" in node:
        return _group(path, node, text, lang, skip, step, case_langs)
    return None


def _group(path: Path_, node: dict[str, Any], text: str, lang: str, skip: set[str], step: Step | None,
           case_langs: list[str] | None) -> FieldSpec:
    group = FieldSpec(path, "group", text)
    props = dict(node.get("properties", {}))
    if "chosen" in props and "items" in props:
        group.label = ""
        group.children.append(FieldSpec((*path, "items"), "items", text,
                                        schema=resolve(schema_at((*path, "items")).get("items", {}))))
        if f"{'.'.join(map(str, path))}.chosen" not in skip:
            group.children.append(FieldSpec((*path, "chosen"), "chosen", _label("chosen", lang), source=(*path, "items")))
        return group
    if "patternProperties" in node and not props:
        langs = list(LANGS)
        if node.get("type") == "object" and node.get("additionalProperties") is False and path[-1] == "titles":
            langs = [x for x in LANGS if x not in (case_langs or [])[:1]]
        for lg in langs:
            child = spec_for((*path, lg), lang, skip=skip, step=step, case_langs=case_langs,
                             label=enum_label("language_self", lg, lang))
            if child:
                group.children.append(child)
        _draft_final(group, path, step)
        return group
    for key in props:
        child = spec_for((*path, key), lang, skip=skip, step=step, case_langs=case_langs)
        if child:
            group.children.append(child)
        if (*path, key) == ("guidelines", "session", "plan"):
            group.children.append(FieldSpec(path, "plan_sum", _label("plan_sum", lang)))
    return group


def _draft_final(group: FieldSpec, path: Path_, step: Step | None) -> None:
    """The final text is written later, beside the draft (``iteration.yaml: final_of``)."""
    final_of = iteration()["final_of"]
    dotted = ".".join(map(str, path))
    for child in group.children:
        parts = {c.path[-1]: c for c in child.children}
        if "draft" not in parts or "final" not in parts:
            continue
        if step is not None and final_of.get(step.id) == dotted:
            parts["draft"].kind = "readonly"
            child.horizontal = True
        elif step is not None and dotted in final_of.values():
            child.children.remove(parts["final"])


def step_specs(step: Step, lang: str, case_langs: list[str] | None = None) -> list[FieldSpec]:
    """The controls of one step: its fields, then the prose of the step."""
    mine = set(step.fields)
    skip = {f for s in method().steps if s is not step for f in s.fields if f not in mine and "." in f}
    specs: list[FieldSpec] = []
    for dotted in step.fields:
        path: Path_ = tuple(dotted.split("."))
        if path[-1] == "chosen":
            field_path = path[:-1]
            items = (*field_path, "items")
            # the chosen item is refined in its own form (the contradiction, the task's details): list them here too
            specs.append(FieldSpec(items, "items", _label(str(field_path[-1]), lang),
                                   schema=resolve(schema_at(items).get("items", {}))))
            specs.append(FieldSpec(path, "chosen", _label("chosen", lang), source=items))
            continue
        spec = spec_for(path, lang, skip=skip, step=step, case_langs=case_langs)
        if spec:
            specs.append(spec)
    if step.n <= len(method().steps):  # a part of the case after the steps has no prose of its own
        specs.append(FieldSpec(("narrative", step.id), "text", _label("narrative", lang)))
    return specs


def item_specs(path: Path_, schema: dict[str, Any], lang: str) -> list[FieldSpec]:
    """The controls for one item of a list (an actor, a problem, a relation...).

    A part with nothing to edit in a form (the scores of a further decision
    matrix, which its grid edits) gets no empty heading.
    """
    out = []
    for key in schema.get("properties", {}):
        spec = spec_for((*path, key), lang)
        if spec and not (spec.kind == "group" and not spec.children):
            out.append(spec)
    return out


def summary(item: Any, lang: str | None = None) -> str:
    """A one-line description of a list item for tables and choices (control characters pictured).

    With ``lang``, a relation's type is shown by its name in that language («информация», not ``information``).
    """
    if not isinstance(item, dict):
        return clean_line(str(item))
    if "from" in item and "to" in item:
        kind = str(item.get("type", ""))
        known = method().relation_types.get(kind)
        if lang and known:
            kind = name(known, lang)
        return clean_line(f"{item.get('from')} → {item.get('to')}: {kind} {item.get('label', '')}".strip())
    for key in ("text", "name", "title", "product", "activity"):
        if isinstance(item.get(key), str) and item[key].strip():
            return clean_line(" ".join(item[key].split()))
    return ""
