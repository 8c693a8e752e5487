"""Structural findings: the case file against the case JSON Schema."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from keykis.check.findings import Hit
from keykis.method import case_schema, method
from keykis.vocabulary import field_label, known, say

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

    from keykis.model import Case


@cache
def _validator() -> Draft202012Validator:
    """The Python validator, imported only when a case is refused (a third of a cold check's start-up)."""
    from jsonschema import Draft202012Validator

    schema = case_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(inline_refs(schema))


@cache
def _fast_validator() -> Any:
    """The same schema compiled by jsonschema-rs (None when it is not installed or cannot compile it)."""
    try:
        import jsonschema_rs

        return jsonschema_rs.validator_for(inline_refs(case_schema()), validate_formats=False)
    except Exception:  # noqa: BLE001 — any failure only means no fast path
        return None


def schema_errors(data: Any) -> Iterator[ValidationError]:
    """Every place ``data`` breaks the case schema, as jsonschema reports it.

    A valid case (the usual one, and every check while the author types) is
    confirmed by jsonschema-rs in about a millisecond instead of a pass of
    Python validation that takes a third of a second on a case of 500 actors;
    only a case it refuses is validated again in Python for the errors, so
    the findings and their wording stay those of ``jsonschema``.
    """
    fast = _fast_validator()
    if fast is not None:
        try:
            if bool(fast.is_valid(data)):
                return iter(())
        except Exception:  # noqa: BLE001 — data it cannot read (odd keys, huge numbers): ask Python
            pass
    errors: Iterator[ValidationError] = _validator().iter_errors(data)
    return errors


def case_schema_errors(case: Case) -> list[ValidationError]:
    """``schema_errors`` of ``case``'s data, found once per ``Case.frozen`` block.

    The checker's schema rule and the schema gate (``keykis.gate``) both need
    them; a build job checks and gates each case inside one block, so the case
    is validated once.
    """
    return case.once("schema-errors", lambda: list(schema_errors(case.data)))


def case_text_size(case: Case) -> int:
    """``text_size`` of ``case``'s data, counted once per ``Case.frozen`` block (the total limit's check and gate)."""
    return case.once("text-size", lambda: text_size(case.data))


_ANNOTATIONS = frozenset({"description", "title", "examples", "default", "$comment"})


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every local ``#/$defs/...`` reference replaced by its definition.

    Validation gives the same errors, but without looking references up at
    every value it runs about twice as fast (the check and the schema gate
    validate each case once). A definition that refers to itself is left as
    a reference.
    """
    defs = schema.get("$defs", {})

    def walk(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(v, seen) for v in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in defs and ref[8:] not in seen:
            name = ref[8:]
            target = walk(defs[name], (*seen, name))
            rest = {k: walk(v, seen) for k, v in node.items() if k != "$ref"}
            if not isinstance(target, dict) or set(rest) - _ANNOTATIONS & set(target):
                return {"allOf": [target, rest]} if rest else target
            return {**target, **rest}
        return {k: (v if k == "$defs" else walk(v, seen)) for k, v in node.items()}

    return walk(schema, ())  # type: ignore[no-any-return]


def _short(value: Any, limit: int = 80) -> Any:
    """A value as a message may quote it: a long text is cut (a 2-million-character title is not printed)."""
    return value[: limit - 1] + "…" if isinstance(value, str) and len(value) > limit else value


_TYPES = {str: "string", list: "array", dict: "object", int: "integer", bool: "boolean"}


def _type_name(value: Any, lang: str) -> str:
    key = "none" if value is None else _TYPES.get(type(value))
    return say(f"check.type_{key}", lang) if key else type(value).__name__


def describe_error(err: ValidationError, lang: str) -> str:
    """What a JSON Schema error means, in ``lang``."""
    w, value, limit = err.validator, _short(err.instance), err.validator_value
    if w == "required":
        missing = str(err.message).split("'")[1] if "'" in err.message else err.message
        return say("check.required", lang, key=field_label((*err.absolute_path, missing), lang))
    if w == "type":
        expected = limit if isinstance(limit, str) else limit[0]
        shown = say(f"check.type_{expected}", lang) if known(f"check.type_{expected}") else expected
        return say("check.type", lang, expected=shown, found=_type_name(value, lang))
    if w == "enum":
        return say("check.enum", lang, value=value, allowed=", ".join(map(str, limit)))
    if w == "maxLength":
        return say("check.maxLength", lang, length=f"{len(err.instance):,}", limit=f"{limit:,}")
    if w in ("const", "pattern", "minimum", "maximum", "minItems", "minProperties", "uniqueItems"):
        return say(f"check.{w}", lang, value=value, allowed=limit, pattern=limit, limit=limit)
    return say("check.other", lang, detail=err.message)


def key_hint(key: object, allowed: list[str], lang: str) -> str:
    """What an unknown key probably is: the rest of a text cut at a comma, or a misspelt key."""
    if isinstance(key, str) and len(key.split()) > 1:  # keys of the format are one word: this was text
        return say("check.cut_at_comma", lang)
    close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
    return say("check.did_you_mean", lang, key=close[0]) if close else ""


def allowed_keys(err: ValidationError) -> list[str]:
    schema = err.schema if isinstance(err.schema, dict) else {}
    keys = list(schema.get("properties", {}))
    if "$ref" in schema and not keys:
        ref = schema["$ref"].rsplit("/", 1)[-1]
        keys = list(case_schema()["$defs"].get(ref, {}).get("properties", {}))
    return keys


def structure_hits(data: dict[str, Any], lang: str, *, size: int | None = None,
                   errors: list[ValidationError] | None = None) -> Iterator[Hit]:
    """Hits for every place the data breaks the case JSON Schema (``size``: ``text_size(data)``, ``errors``:
    ``schema_errors(data)``, if known)."""
    found = schema_errors(data) if errors is None else errors
    for err in sorted(found, key=lambda e: [str(p) for p in e.absolute_path]):
        path = tuple(err.absolute_path)
        if err.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(err.instance, dict):
            allowed = allowed_keys(err)
            for key in err.instance:
                if key in allowed or not allowed:
                    continue
                yield Hit("unknown-key", (*path, key), {"key": key, "hint": key_hint(key, allowed, lang)}, key=True)
            if allowed:
                continue
        if err.validator == "propertyNames":
            yield Hit("unknown-key", (*path, str(err.instance)), {"key": err.instance, "hint": ""}, key=True)
            continue
        if err.validator in ("anyOf", "oneOf") and err.context:
            err = min(err.context, key=lambda e: len(list(e.absolute_path)))
        yield Hit("schema", path, {"detail": describe_error(err, lang)})
    total, limit = text_size(data) if size is None else size, method().limits["case_max_chars"]
    if total > limit:
        yield Hit("schema", (), {"detail": say("check.total", lang, length=f"{total:,}", limit=f"{limit:,}")})


def text_size(node: Any) -> int:
    """Characters in all the texts of a case (or any YAML data), keys included."""
    total, stack = 0, [node]
    while stack:  # a loop, not recursion through generators: a big case has 50,000 values
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, dict):
            total += sum(len(str(k)) for k in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return total
