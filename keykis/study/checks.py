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

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from keykis import yamlsafe
from keykis.check import (
    Config,
    Finding,
    Hit,
    allowed_keys,
    config_for,
    describe_error,
    file_error,
    key_hint,
    message_for,
    place_hits,
)
from keykis.check.rules import decision, environment, ids, language, matrix
from keykis.errors import CaseFileError
from keykis.method import Method, case_schema, load_data, method
from keykis.model import Case, load_case
from keykis.study.worksheet import STUDENT_FIELDS, Worksheet, find_case, load_worksheet
from keykis.vocabulary import LANGS, field_label, say

# The case rules that apply to a worksheet's fields (title, boundary, graph,
# guidelines and completeness rules are about the author's text only).
_CASE_RULES = [
    ids.duplicate_ids, ids.unresolved_ids,
    matrix.fans, matrix.chosen_items, matrix.chain, matrix.problem_length, matrix.problem_focus,
    matrix.task_parts, matrix.solution_labels,
    environment.owners_decide, language.impersonal_subjects, language.near_duplicates,
    decision.completeness, decision.choice,
]
_WORKSHEET_ROOTS = {("matrix", f) for f in STUDENT_FIELDS}


@cache
def worksheet_schema() -> dict[str, Any]:
    """The worksheet JSON Schema (2020-12), read from its YAML source."""
    data: dict[str, Any] = load_data("worksheet.schema.yaml")
    return data


@cache
def worksheet_validator() -> Draft202012Validator:
    """The worksheet schema's validator (its references into the case schema resolved)."""
    schema = worksheet_schema()
    Draft202012Validator.check_schema(schema)
    case = case_schema()
    resource = DRAFT202012.create_resource(case)
    # the worksheet schema has no $id: its "case.schema.json#…" refs are relative to its own file
    registry: Registry[Any] = Registry().with_resources([(case["$id"], resource), ("case.schema.json", resource)])
    return Draft202012Validator(schema, registry=registry)


def structure_hits(data: dict[str, Any], lang: str) -> Iterator[Hit]:
    """Hits for every place the worksheet breaks the worksheet schema."""
    for err in sorted(worksheet_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            allowed = allowed_keys(err)
            for key in err.instance:
                if key not in allowed:
                    yield Hit("unknown-key", (*path, key), {"key": key, "hint": key_hint(key, allowed, lang)},
                              key=True)
            continue
        if err.validator in ("anyOf", "oneOf") and err.context:
            err = min(err.context, key=lambda e: len(list(e.absolute_path)))
        yield Hit("schema", path, {"detail": describe_error(err, lang)})


def _in_worksheet(hit: Hit) -> bool:
    return hit.at[:2] in _WORKSHEET_ROOTS or hit.at[:1] == ("decision",)


def _empty(field: str) -> dict[str, str]:
    return {lang: say("check.add_an_item", lang, field=field_label(("matrix", field), lang)) for lang in LANGS}


def case_mismatch(ws: Worksheet, case: Case) -> Iterator[Hit]:
    """A hit when the worksheet names another case."""
    if ws.case_id != case.id:
        yield Hit("worksheet-case", ("worksheet", "case"), {"case": ws.case_id or "?", "expected": case.id})


def worksheet_hits(ws: Worksheet, case: Case, m: Method, *, guarded: bool = False) -> Iterator[Hit]:
    """Hits of the worksheet's own rules and of the case rules that apply to it.

    With ``guarded`` (the worksheet breaks the schema somewhere), a rule that
    trips over a malformed part is skipped, so the rest is still checked.
    """
    mismatch = list(case_mismatch(ws, case))
    if mismatch:
        yield from mismatch
        return
    view = ws.as_case(case)
    rules: list[Callable[[], Iterable[Hit]]] = [
        lambda: _head_hits(ws, case), lambda: _field_hits(view, case), lambda: scores_missing(view),
        lambda: defence_missing(ws, view),
        *[(lambda r=rule: (hit for hit in r(view, m) if _in_worksheet(hit))) for rule in _CASE_RULES],
    ]
    placeholders = list(placeholder_hits(ws.data))
    yield from placeholders
    taken = {hit.at for hit in placeholders}
    for run in rules:
        try:
            hits = list(run())
        except (TypeError, AttributeError, ValueError, KeyError, IndexError):
            if not guarded:
                raise
            continue
        yield from (hit for hit in hits if hit.at not in taken)


def _head_hits(ws: Worksheet, case: Case) -> Iterator[Hit]:
    current = case.meta.get("revision")
    if current and ws.revision != str(current):
        yield Hit("worksheet-revision", ("worksheet", "revision"), {"revision": ws.revision or "?", "current": current})
    if not ws.students:
        yield Hit("worksheet-students", ("worksheet", "students"))


def _field_hits(view: Case, case: Case) -> Iterator[Hit]:
    for f in STUDENT_FIELDS:
        if not view.items(f):
            yield Hit("section-missing", ("matrix", f), {"section": f"matrix.{f}", "what": _empty(f)}, key=True)
    owners = {p.get("owner") for p in view.items("problems")}
    if owners and not any(isinstance(o, str) and is_placeholder(o) for o in owners):
        left_out = [case.public_name(a) for a in case.characters() if a not in owners]
        if left_out:
            yield Hit("worksheet-actors-left-out", ("matrix", "problems"), {"actors": ", ".join(left_out)}, key=True)


def scores_missing(view: Case) -> Iterator[Hit]:
    """A hit when there are solutions but no score at all in the decision matrix."""
    if view.items("solutions") and view.criteria() and not view.scores():
        at = ("decision", "scores") if isinstance(view.data.get("decision"), dict) else ("matrix", "solutions")
        yield Hit("worksheet-scores-missing", at, key=True)


def defence_missing(ws: Worksheet, view: Case) -> Iterator[Hit]:
    """A hit when a solution is chosen but the student wrote nothing to defend it with."""
    defence = ws.data.get("defence")
    if view.chosen("solutions") and not (isinstance(defence, str) and defence.strip()):
        yield Hit("worksheet-defence", ("defence",) if "defence" in ws.data else ("matrix", "solutions"), key=True)


def worksheet_config(config: Config) -> Config:
    """The collection's rule levels, over the levels a worksheet has by default (``worksheet_severity``).

    A worksheet is finished work: what a draft case may leave for later (a
    score without a reason) is a warning there, so that "clean" means complete.
    """
    levels = {rule: str(spec["worksheet_severity"]) for rule, spec in method().rules.items()
              if spec.get("worksheet_severity")}
    return Config({**levels, **config.levels}, config.source)


# Text a student has not replaced yet: «...», <why>, <actor id>, "...", "?", or a whole value in «…».
_PLACEHOLDER = re.compile(r"<[^<>\n]{1,60}>|«\s*(?:\.\.\.|…)\s*»")
_BARE = re.compile(r"\s*(?:\.{2,}|…|\?+|todo|tbd|xxx)\s*", re.IGNORECASE)
_WRAPPED = re.compile(r"\s*«[^«»]*»\s*", re.DOTALL)
_SCANNED = ("worksheet", "matrix", "decision", "defence")


def is_placeholder(text: str) -> bool:
    """Whether a value is still a placeholder of the skeleton or the guide."""
    return bool(_PLACEHOLDER.search(text) or _BARE.fullmatch(text) or _WRAPPED.fullmatch(text))


def placeholder_hits(data: dict[str, Any]) -> Iterator[Hit]:
    """A hit for every text in the worksheet that is still a placeholder."""
    def walk(value: Any, at: tuple[str | int, ...]) -> Iterator[Hit]:
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, (*at, str(k)))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, (*at, i))
        elif isinstance(value, str) and is_placeholder(value):
            yield Hit("worksheet-placeholder", at, {"text": value.strip().removeprefix("«").removesuffix("»")[:60]})

    for key in _SCANNED:
        if key in data:
            yield from walk(data[key], (key,))


def check_worksheet(ws: Worksheet, case: Case, *, lang: str = "en", config: Config | None = None) -> list[Finding]:
    """All findings for a worksheet against its case, structural ones first.

    A worksheet that breaks the schema in places is still checked as far as
    it can be read: the method rules run on it, and a rule that cannot read a
    malformed part is skipped.
    """
    m = method()
    if config is None:
        config = config_for(case.folder.resolve()) if case.folder else Config()
    config = worksheet_config(config)
    # a placeholder left in an enum field ("«resource kind»") is reported as a placeholder, not a schema slip
    placeholders = {hit.at for hit in placeholder_hits(ws.data)}
    structural = [hit for hit in structure_hits(ws.data, lang) if hit.at not in placeholders]
    taken = {hit.at for hit in structural}
    rest = [hit for hit in worksheet_hits(ws, case, m, guarded=bool(structural)) if hit.at not in taken]
    locator = yamlsafe.Locator(ws.text)
    return place_hits([structural, rest], name=str(ws.path) if ws.path else "<worksheet>", lang=lang,
                      config=config, locate=lambda at, key: locator.locate(at, key=key))


def case_missing(ws: Worksheet, *, lang: str = "en") -> Finding:
    """The finding for a worksheet whose case could not be found."""
    m = method()
    hit = Hit("worksheet-no-case", ("worksheet", "case"), {"case": ws.case_id or "?"})
    line, col = yamlsafe.Locator(ws.text).locate(hit.at, key=False)
    return Finding(path=str(ws.path) if ws.path else "<worksheet>", line=line, column=col, rule=hit.rule,
                   severity="error", message=message_for(m, hit, lang), step=None, at="worksheet.case")


def check_worksheet_file(path: Path, *, case_path: Path | None = None, lang: str = "en",
                         config: Config | None = None) -> list[Finding]:
    """Findings for a worksheet file against its case (given, or found beside it)."""
    try:
        ws = load_worksheet(path)
    except CaseFileError as exc:
        return [file_error(exc, lang)]
    found = case_path or find_case(ws)
    if found is None:
        return [case_missing(ws, lang=lang)]
    try:
        case = load_case(found)
    except CaseFileError as exc:
        return [file_error(exc, lang)]
    return check_worksheet(ws, case, lang=lang, config=config)


def check_worksheet_path(path: Path, case: Case, *, lang: str = "en") -> list[Finding]:
    """Findings for one worksheet file, including a failure to read it."""
    try:
        ws = load_worksheet(path)
    except CaseFileError as exc:
        return [file_error(exc, lang)]
    return check_worksheet(ws, case, lang=lang)
