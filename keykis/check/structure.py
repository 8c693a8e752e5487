"""Structural findings: the case file against the case JSON Schema."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from keykis.check.findings import Hit
from keykis.method import case_schema
from keykis.vocabulary import known, say


@cache
def _validator() -> Draft202012Validator:
    schema = case_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


_TYPES = {str: "string", list: "array", dict: "object", int: "integer", bool: "boolean"}


def _type_name(value: Any, lang: str) -> str:
    key = "none" if value is None else _TYPES.get(type(value))
    return say(f"check.type_{key}", lang) if key else type(value).__name__


def describe_error(err: ValidationError, lang: str) -> str:
    """What a JSON Schema error means, in ``lang``."""
    w, value, limit = err.validator, err.instance, err.validator_value
    if w == "required":
        missing = str(err.message).split("'")[1] if "'" in err.message else err.message
        return say("check.required", lang, key=missing)
    if w == "type":
        expected = limit if isinstance(limit, str) else limit[0]
        shown = say(f"check.type_{expected}", lang) if known(f"check.type_{expected}") else expected
        return say("check.type", lang, expected=shown, found=_type_name(value, lang))
    if w == "enum":
        return say("check.enum", lang, value=value, allowed=", ".join(map(str, limit)))
    if w in ("const", "pattern", "minimum", "maximum", "minItems", "minProperties", "uniqueItems"):
        return say(f"check.{w}", lang, value=value, allowed=limit, pattern=limit, limit=limit)
    return say("check.other", lang, detail=err.message)


def allowed_keys(err: ValidationError) -> list[str]:
    schema = err.schema if isinstance(err.schema, dict) else {}
    keys = list(schema.get("properties", {}))
    if "$ref" in schema and not keys:
        ref = schema["$ref"].rsplit("/", 1)[-1]
        keys = list(case_schema()["$defs"].get(ref, {}).get("properties", {}))
    return keys


def structure_hits(data: dict[str, Any], lang: str) -> Iterator[Hit]:
    """Hits for every place the data breaks the case JSON Schema."""
    for err in sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = tuple(err.absolute_path)
        if err.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(err.instance, dict):
            allowed = allowed_keys(err)
            for key in err.instance:
                if key in allowed or not allowed:
                    continue
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = say("check.did_you_mean", lang, key=close[0]) if close else ""
                yield Hit("unknown-key", (*path, key), {"key": key, "hint": hint}, key=True)
            if allowed:
                continue
        if err.validator == "propertyNames":
            yield Hit("unknown-key", (*path, str(err.instance)), {"key": err.instance, "hint": ""}, key=True)
            continue
        if err.validator in ("anyOf", "oneOf") and err.context:
            err = min(err.context, key=lambda e: len(list(e.absolute_path)))
        yield Hit("schema", path, {"detail": describe_error(err, lang)})
