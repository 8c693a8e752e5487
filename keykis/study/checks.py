"""Worksheet checks: the case's own method rules, run on a student's chain.

A worksheet is laid over its case (``Worksheet.as_case``) and the same rule
functions that check a case run on it: problem length, the contradiction,
the parts of the chosen task, strategies and targets of solutions, ids that
must resolve to the case's actors, the decision matrix. Findings about the
case's own text are dropped; only places in the worksheet are reported. A
few worksheet rules come on top: the right case and revision, a named
student, actors nobody gave a problem to.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from keykis import yamlsafe
from keykis.check.config import Config, config_for
from keykis.check.engine import file_error, place_hits
from keykis.check.findings import Finding, Hit
from keykis.check.rules import decision, environment, ids, language, matrix
from keykis.check.structure import allowed_keys, describe_error
from keykis.errors import CaseFileError
from keykis.method import Method, case_schema, method
from keykis.model import Case
from keykis.paths import schemas_dir
from keykis.study.worksheet import STUDENT_FIELDS, Worksheet, load_worksheet

# The case rules that apply to a worksheet's fields (title, boundary, graph,
# guidelines and completeness rules are about the author's text only).
_CASE_RULES = [
    ids.duplicate_ids, ids.unresolved_ids,
    matrix.chosen_items, matrix.chain, matrix.problem_length, matrix.problem_focus,
    matrix.task_parts, matrix.solution_labels,
    environment.owners_decide, language.impersonal_subjects, language.near_duplicates,
    decision.completeness, decision.choice,
]
_WORKSHEET_ROOTS = {("matrix", f) for f in STUDENT_FIELDS}


@cache
def worksheet_schema() -> dict[str, Any]:
    """The worksheet JSON Schema (2020-12), read from its YAML source."""
    data, _ = yamlsafe.load_mapping(schemas_dir() / "worksheet.schema.yaml")
    return data


@cache
def _validator() -> Draft202012Validator:
    schema = worksheet_schema()
    Draft202012Validator.check_schema(schema)
    case = case_schema()
    registry: Registry[Any] = Registry().with_resource(case["$id"], DRAFT202012.create_resource(case))
    return Draft202012Validator(schema, registry=registry)


def structure_hits(data: dict[str, Any], lang: str) -> Iterator[Hit]:
    """Hits for every place the worksheet breaks the worksheet schema."""
    for err in sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = allowed_keys(err)
            for key in err.instance:
                if key not in allowed:
                    yield Hit("unknown-key", (*path, key), {"key": key, "hint": ""}, key=True)
            continue
        if err.validator in ("anyOf", "oneOf") and err.context:
            err = min(err.context, key=lambda e: len(list(e.absolute_path)))
        yield Hit("schema", path, {"detail": describe_error(err, lang)})


def _in_worksheet(hit: Hit) -> bool:
    return hit.at[:2] in _WORKSHEET_ROOTS or hit.at[:1] == ("decision",)


def _empty(field: str) -> dict[str, str]:
    return {
        "ru": f"добавьте хотя бы один элемент в «matrix.{field}.items»",
        "kk": f"«matrix.{field}.items» ішіне кемінде бір элемент қосыңыз",
        "en": f"add at least one item to 'matrix.{field}.items'",
    }


def case_mismatch(ws: Worksheet, case: Case) -> Iterator[Hit]:
    """A hit when the worksheet names another case."""
    if ws.case_id != case.id:
        yield Hit("worksheet-case", ("worksheet", "case"), {"case": ws.case_id or "?", "expected": case.id})


def worksheet_hits(ws: Worksheet, case: Case, m: Method) -> Iterator[Hit]:
    """Hits of the worksheet's own rules (case, revision, students, empty fields, actors left out)."""
    mismatch = list(case_mismatch(ws, case))
    if mismatch:
        yield from mismatch
        return
    current = case.meta.get("revision")
    if current and ws.revision != str(current):
        yield Hit("worksheet-revision", ("worksheet", "revision"), {"revision": ws.revision or "?", "current": current})
    if not ws.students:
        yield Hit("worksheet-students", ("worksheet", "students"))
    view = ws.as_case(case)
    for f in STUDENT_FIELDS:
        if not view.items(f):
            yield Hit("section-missing", ("matrix", f), {"section": f"matrix.{f}", "what": _empty(f)}, key=True)
    owners = {p.get("owner") for p in view.items("problems")}
    if owners:
        left_out = [case.public_name(a) for a in case.characters() if a not in owners]
        if left_out:
            yield Hit("worksheet-actors-left-out", ("matrix", "problems"), {"actors": ", ".join(left_out)}, key=True)
    for rule in _CASE_RULES:
        yield from (hit for hit in rule(view, m) if _in_worksheet(hit))


def check_worksheet(ws: Worksheet, case: Case, *, lang: str = "en", config: Config | None = None) -> list[Finding]:
    """All findings for a worksheet against its case, structural ones first."""
    m = method()
    if config is None:
        config = config_for(case.folder.resolve()) if case.folder else Config()
    structural = list(structure_hits(ws.data, lang))
    groups = [structural, list(case_mismatch(ws, case))] if structural else [list(worksheet_hits(ws, case, m))]
    locator = yamlsafe.Locator(ws.text)
    return place_hits(groups, name=str(ws.path) if ws.path else "<worksheet>", lang=lang, config=config,
                      locate=lambda at, key: locator.locate(at, key=key))


def check_worksheet_path(path: Path, case: Case, *, lang: str = "en") -> list[Finding]:
    """Findings for one worksheet file, including a failure to read it."""
    try:
        ws = load_worksheet(path)
    except CaseFileError as exc:
        return [file_error(exc)]
    return check_worksheet(ws, case, lang=lang)
