"""Every word of the interface, in ru, kk and en, behind one look-up.

The editor, the checker's messages around the rules, the printed editions,
the class review and the catalogue all take their words from the catalogues
beside this module (``ru.yaml``, ``kk.yaml``, ``en.yaml``), keyed by the terms
of ``docs/glossary.md``. A translator edits three plain files; a glossary
change edits one key. The method's own text (steps, prompts, reflection
questions, rule messages, resource kinds) stays in ``schemas/``.

One fallback rule: a language keykis has no catalogue for reads the English
one. Every key is in all three catalogues (a test fails otherwise), so no
other fallback is needed; a key that is in none is a programming error and
raises ``KeyError``.

Why YAML and not gettext: see ``docs/vocabulary.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from keykis import yamlsafe
from keykis.errors import UserError

LANGS: tuple[str, ...] = ("ru", "kk", "en")
"""The languages of keykis: of the interface, of the method data and of case texts, Russian first."""
FALLBACK = "en"
"""The catalogue read for a language keykis does not have."""
ENUM = "enum"
"""The section of the catalogues holding the labels of the case file's fixed values."""

_HERE = Path(__file__).parent


@cache
def catalogue(lang: str) -> dict[str, dict[str, Any]]:
    """The whole catalogue of ``lang`` (sections of key → text), read once per process."""
    code = lang if lang in LANGS else FALLBACK
    data, _ = yamlsafe.load_mapping(_HERE / f"{code}.yaml")
    return data


def say(key: str, lang: str, /, **fields: Any) -> str:
    """The interface's words for ``key`` ("section.term") in ``lang``, with ``fields`` filled in.

    >>> say("editor.saved", "en", path="case.yaml")
    'Saved case.yaml'
    """
    section, _, term = key.partition(".")
    text = str(catalogue(lang)[section][term])
    return text.format(**fields) if fields else text


def error_message(exc: UserError, lang: str) -> str:
    """A user error's message in ``lang``: its vocabulary words when it has them, else its English text.

    >>> error_message(UserError("the file is empty", words=("file.empty", {})), "ru")
    'файл пуст'
    """
    if exc.words is not None:
        key, fields = exc.words
        if known(key):  # a field given in every language ({"ru": …, "kk": …, "en": …}) is taken in ``lang``
            return say(key, lang, **{name: _in(value, lang) for name, value in fields.items()})
    return exc.message


def _in(value: object, lang: str) -> object:
    """``value`` itself, or its text in ``lang`` when it is given per language."""
    if isinstance(value, dict) and value and set(value) <= set(LANGS):
        return value.get(lang, value.get(FALLBACK, ""))
    return value


def label(kind: str, value: str, lang: str) -> str:
    """The label of a fixed value of the case file (``label("actor_kind", "person", "ru")`` → «лицо»).

    A value the catalogue does not know (a typo in a case, which the checker
    reports) is shown as it is.
    """
    labels: Mapping[str, Any] = catalogue(lang)[ENUM][kind]
    return str(labels.get(value, value))


def section(name: str, lang: str) -> dict[str, str]:
    """Every word of one section in ``lang``: for templates that print many (``L.abstract``)."""
    return {term: str(text) for term, text in catalogue(lang)[name].items()}


def keys() -> dict[str, set[str]]:
    """Every key of every catalogue, per language: for the completeness test."""
    out: dict[str, set[str]] = {}
    for lang in LANGS:
        data = catalogue(lang)
        out[lang] = {f"{sec}.{term}" for sec, terms in data.items() if sec != ENUM for term in terms}
        out[lang] |= {f"{ENUM}.{kind}.{v}" for kind, values in data.get(ENUM, {}).items() for v in values}
    return out


def known(key: str) -> bool:
    """Whether ``key`` ("section.term", "enum.kind" or "enum.kind.value") is in the catalogues."""
    section_, _, term = key.partition(".")
    entries = catalogue(FALLBACK).get(section_, {})
    if section_ == ENUM and "." in term:
        kind, _, value = term.partition(".")
        return value in entries.get(kind, {})
    return term in entries


FIELD_LABELS = "case_part"
"""The section of the catalogues holding the editor's label of each field of a case file."""


def field_label(path: str | tuple[str | int, ...] | list[str], lang: str) -> str:
    """The label of a field of the case file, as the editor shows it (``field_label("matrix.problems.items.resources", "ru")``).

    The most specific entry of ``case_part`` wins: the whole dotted path
    without list positions, then its last two keys, then the last key. This
    is the label the editor puts above the field, so a message can name the
    field the author sees instead of a key of the file.
    """
    parts = path.split(".") if isinstance(path, str) else [str(p) for p in path]
    names = [p for p in parts if not p.isdigit()]
    if not names:
        return ""
    for term in (".".join(names), ".".join(names[-2:]), names[-1]):
        if known(f"{FIELD_LABELS}.{term}"):
            return say(f"{FIELD_LABELS}.{term}", lang)
    return names[-1].replace("_", " ")


def place(path: str | tuple[str | int, ...] | list[str], lang: str) -> str:
    """Where a value is, in the author's words: «Поле проблем, № 2 › Формулировка», never ``matrix.problems.items.1.text``."""
    parts = path.split(".") if isinstance(path, str) else [str(p) for p in path]
    out: list[str] = []
    for i, p in enumerate(parts):
        if p.isdigit():
            above = parts[:i - 1] if i and parts[i - 1] == "items" else parts[:i]
            out.append(say("check.item_at", lang, part=field_label(above, lang), n=int(p) + 1))
    last = [i for i, p in enumerate(parts) if p.isdigit()]
    if not last:
        return field_label(parts, lang)
    if last[-1] < len(parts) - 1:
        out.append(field_label(parts, lang))
    return " › ".join(out)


def parts_in_every_language(*paths: str | tuple[str | int, ...]) -> dict[str, str]:
    """``field_label()`` of each path, joined by commas, for each language: a message parameter worded later."""
    return {lang: ", ".join(field_label(p, lang) for p in paths) for lang in LANGS}


def place_in_every_language(path: str | tuple[str | int, ...]) -> dict[str, str]:
    """``place(path, lang)`` for each language."""
    return {lang: place(path, lang) for lang in LANGS}


def in_every_language(key: str, /, **fields: Any) -> dict[str, str]:
    """``say(key, lang, **fields)`` for each language: for messages worded later, in the reader's language."""
    return {lang: say(key, lang, **fields) for lang in LANGS}
