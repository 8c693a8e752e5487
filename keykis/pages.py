"""The editor's pages: the 25 steps, then the pages for what a case holds outside them (the metadata card,
the teacher guidelines).

``schemas/pages.yaml`` lists the later pages (title, prompt, the case fields
each one edits). The case schema decides the rest: every property of
``meta`` or ``guidelines`` that no page names is added to the page that
collects that prefix, and every top-level property that neither a step nor a
page edits lands on the last page. A field added to the schema therefore
appears in the editor without code. A page is a ``Step`` numbered after the
25 steps, so the editor draws it like one.
"""

from __future__ import annotations

from functools import cache

from keykis import yamlsafe
from keykis.check.findings import Finding
from keykis.method import Step, case_schema, method
from keykis.model import Case, filled, value_at
from keykis.paths import schemas_dir
from keykis.progress import DONE, EMPTY, ERRORS, IN_PROGRESS

NOT_EDITED = frozenset({"keykis", "id", "language", "narrative", "reflection", "suppress"})
"""Top-level keys no page offers: fixed at creation, or written through the steps' own controls."""


def _properties(prefix: str) -> list[str]:
    node = case_schema()
    for part in prefix.split(".") if prefix else []:
        node = node.get("properties", {}).get(part, {})
        if "$ref" in node:
            node = case_schema()["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return list(node.get("properties", {}))


@cache
def later_pages() -> tuple[Step, ...]:
    """The pages after the steps, in order, with the fields the schema adds."""
    raw, _ = yamlsafe.load_mapping(schemas_dir() / "pages.yaml")
    entries = raw["pages"]
    named = {f for e in entries for f in e.get("fields", [])}
    in_steps = {f.split(".")[0] for s in method().steps for f in s.fields}
    covered = in_steps | {f.split(".")[0] for f in named}
    out = []
    for i, e in enumerate(entries):
        fields = list(e.get("fields", []))
        rest = e.get("rest")
        if rest:
            fields += [f"{rest}.{k}" for k in _properties(rest)
                       if f"{rest}.{k}" not in named and rest not in named]
        elif rest == "":
            fields += [k for k in _properties("") if k not in covered and k not in NOT_EDITED]
        out.append(Step(n=len(method().steps) + i + 1, id=e["id"], fields=tuple(fields), title=e["title"],
                        prompt=e["prompt"], reflection={}))
    return tuple(p for p in out if p.fields)


def pages() -> tuple[Step, ...]:
    """The 25 steps, then the later pages."""
    return (*method().steps, *later_pages())


def page(page_id: str) -> Step | None:
    """A step or a later page by id."""
    return method().step_by_id.get(page_id) or next((p for p in later_pages() if p.id == page_id), None)


def page_for_path(dotted: str) -> Step | None:
    """The step or later page that edits ``dotted`` (the most specific match)."""
    found = method().step_for_path(tuple(dotted.split("."))) if dotted else None
    if found is not None:
        return found
    best: tuple[int, Step] | None = None
    for p in later_pages():
        for f in p.fields:
            if (dotted == f or dotted.startswith(f + ".")) and (best is None or len(f) > best[0]):
                best = (len(f), p)
    return best[1] if best else None


def page_states(case: Case, findings: list[Finding]) -> dict[str, str]:
    """State of each later page: empty, in progress (something written), done (all written) or errors."""
    out = {}
    for p in later_pages():
        errors = any(f.severity == "error" and any(f.at == x or f.at.startswith(x + ".") for x in p.fields)
                     for f in findings)
        values = [value_at(case.data, f) for f in p.fields]
        if errors:
            out[p.id] = ERRORS
        elif all(filled(v, flags_count=True) for v in values):
            out[p.id] = DONE
        elif any(filled(v, flags_count=True) for v in values):
            out[p.id] = IN_PROGRESS
        else:
            out[p.id] = EMPTY
    return out
