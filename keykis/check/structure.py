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


@cache
def _validator() -> Draft202012Validator:
    schema = case_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


_WORDS = {
    "required": {"ru": "нет обязательного ключа «{0}»", "kk": "міндетті «{0}» кілті жоқ", "en": "missing required key '{0}'"},
    "type": {"ru": "ожидается {0}, а здесь {1}", "kk": "{0} күтіледі, бірақ мұнда {1}", "en": "expected {0}, found {1}"},
    "enum": {"ru": "«{0}» — не из допустимых значений: {1}", "kk": "«{0}» рұқсат етілген мәндерге жатпайды: {1}",
             "en": "'{0}' is not one of: {1}"},
    "const": {"ru": "значение должно быть {1}", "kk": "мән {1} болуы керек", "en": "the value must be {1}"},
    "pattern": {"ru": "«{0}» не подходит по форме ({1})", "kk": "«{0}» пішіні сәйкес емес ({1})",
                "en": "'{0}' has the wrong form ({1})"},
    "minimum": {"ru": "{0} меньше допустимого минимума {1}", "kk": "{0} рұқсат етілген ең аз мәннен {1} кіші",
                "en": "{0} is below the minimum of {1}"},
    "maximum": {"ru": "{0} больше допустимого максимума {1}", "kk": "{0} рұқсат етілген ең көп мәннен {1} үлкен",
                "en": "{0} is above the maximum of {1}"},
    "minItems": {"ru": "список должен содержать не меньше {1} элементов", "kk": "тізімде кемінде {1} элемент болуы керек",
                 "en": "the list needs at least {1} item(s)"},
    "minProperties": {"ru": "нужен хотя бы {1} ключ", "kk": "кемінде {1} кілт керек", "en": "at least {1} key(s) needed"},
    "uniqueItems": {"ru": "в списке есть повторы", "kk": "тізімде қайталанатын элементтер бар",
                    "en": "the list has repeated items"},
    "other": {"ru": "{0}", "kk": "{0}", "en": "{0}"},
}
_TYPES = {
    "string": {"ru": "текст", "kk": "мәтін", "en": "text"},
    "array": {"ru": "список", "kk": "тізім", "en": "a list"},
    "object": {"ru": "набор ключей", "kk": "кілттер жиыны", "en": "a mapping of keys"},
    "integer": {"ru": "целое число", "kk": "бүтін сан", "en": "a whole number"},
    "boolean": {"ru": "true или false", "kk": "true немесе false", "en": "true or false"},
}


def _type_name(value: Any, lang: str) -> str:
    names = {str: "string", list: "array", dict: "object", int: "integer", bool: "boolean"}
    key = names.get(type(value))
    if value is None:
        return {"ru": "пусто", "kk": "бос", "en": "nothing"}[lang]
    return _TYPES[key][lang] if key else type(value).__name__


def describe_error(err: ValidationError, lang: str) -> str:
    w = err.validator
    if w == "required":
        missing = str(err.message).split("'")[1] if "'" in err.message else err.message
        return _WORDS["required"][lang].format(missing)
    if w == "type":
        expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        return _WORDS["type"][lang].format(_TYPES.get(expected, {}).get(lang, expected), _type_name(err.instance, lang))
    if w == "enum":
        return _WORDS["enum"][lang].format(err.instance, ", ".join(map(str, err.validator_value)))
    if w == "const":
        return _WORDS["const"][lang].format(err.instance, err.validator_value)
    if w == "pattern":
        return _WORDS["pattern"][lang].format(err.instance, err.validator_value)
    if w in ("minimum", "maximum", "minItems", "minProperties", "uniqueItems"):
        return _WORDS[str(w)][lang].format(err.instance, err.validator_value)
    return _WORDS["other"][lang].format(err.message)


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
                hint = {"ru": f"; может быть, «{close[0]}»?", "kk": f"; мүмкін, «{close[0]}»?",
                        "en": f"; did you mean '{close[0]}'?"}[lang] if close else ""
                yield Hit("unknown-key", (*path, key), {"key": key, "hint": hint}, key=True)
            if allowed:
                continue
        if err.validator == "propertyNames":
            yield Hit("unknown-key", (*path, str(err.instance)), {"key": err.instance, "hint": ""}, key=True)
            continue
        if err.validator in ("anyOf", "oneOf") and err.context:
            err = min(err.context, key=lambda e: len(list(e.absolute_path)))
        yield Hit("schema", path, {"detail": describe_error(err, lang)})
