"""The schema gate: what every consumer of a case or a worksheet checks first.

Templates, the build, the study screen, the review and the editor's forms
read case data as the schema describes it: a list of actors, a text for a
title. A file can say anything (``actors: 42``, ``plan: null``), and a wrong
type met deep inside a template or a widget is a traceback, not a message.
So the data passes through the gate once, at the front door, and what the
core's consumers accept is the gate's receipt, not a bare ``Case``:

- ``require_case`` makes a ``ReadyCase``: no wrong type, no value outside its
  list, no text over its length limit and no case over the total text limit.
  Render, the library's build jobs, study and search accept only this (mypy
  strict holds them to it), so a case is gated once per build: handing a
  ``ReadyCase`` to the gate again costs nothing.
- ``require_types`` makes a ``TypedCase``: the types and lists only. The
  editor's forms and the study screen read it; a text over its limit is the
  author's to shorten there, and ``keykis check`` names it. A ``ReadyCase`` is
  a ``TypedCase`` too, never the other way round.

A case that fails stops with one clear error naming the file, line and column
and the place in the data (worksheets pass ``keykis.study.gate.require_worksheet``).

Missing parts (a required key, an empty list) are left to ``keykis check``:
an unfinished case is still rendered, so its author can see it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from keykis.errors import CaseFileError, Words
from keykis.model import Case
from keykis.vocabulary import LANGS, say
from keykis.vocabulary import place as place_words

BLOCKING = frozenset({"type", "enum", "const", "maxLength", "maxItems", "anyOf", "oneOf", "not"})
"""Schema keywords whose failure would put a wrong value in front of a consumer.

Unknown keys are not among them: no consumer reads a key it does not know
(``keykis check`` reports them)."""
WORKSHEET_BLOCKING = frozenset({"type", "maxLength", "anyOf", "oneOf"})
"""For worksheets a text outside its list passes: a student's placeholder («resource kind») is shown as written."""


class SchemaGateError(CaseFileError):
    """Data that did not pass the schema gate; the message names the first place."""


_GATE = object()
"""The gate's own key: a checked case is made here and nowhere else."""


class TypedCase(Case):
    """A case whose values all have the types and words the schema gives; its texts may be over their limits.

    Made only by ``require_types`` (or, as a ``ReadyCase``, by ``require_case``).
    It shares the data of the case it was made from: a consumer reads it and
    does not change it (the editor, which does, gates each case it opens).
    """

    def __init__(self, case: Case, *, gate: object) -> None:
        if gate is not _GATE:
            raise TypeError("a checked case is made by keykis.gate.require_case or require_types")
        super().__init__(case.data, path=case.path, text=case.text)


class ReadyCase(TypedCase):
    """A case that passed the whole gate, text limits included: what render, the library, study and search accept."""


Checked = TypeVar("Checked", bound=TypedCase)
"""A checked case of either kind: a function that takes one gives back the same kind."""


def view_of(case: Checked, data: dict[str, Any]) -> Checked:
    """A view of checked ``case`` made of ``data`` taken from it, with the same receipt and no second check.

    For the views that leave parts out or put a text the case holds in place
    of another (the student's view, the public copy with aliases): they keep
    every type and list word the case had. Its source text is left behind, so
    nothing left out can be read back from the view.
    """
    return type(case)(Case(data, path=case.path, text=""), gate=_GATE)


def _scalar(expected: Any) -> bool:
    kinds = [expected] if isinstance(expected, str) else list(expected)
    return all(k == "string" for k in kinds)  # numbers are summed and compared: an empty one is blocked


def blocking_errors(errors: Iterator[Any], *, lengths: bool = True, kinds: frozenset[str] = BLOCKING) -> list[Any]:
    """The schema errors among ``errors`` that no consumer may meet (of the ``kinds`` of the document's gate)."""
    found = []
    for err in errors:
        if not lengths and err.validator == "maxLength":
            continue
        if err.validator in ("anyOf", "oneOf") and err.context:
            inner = [e for e in err.context if e.validator in kinds]
            if not inner:
                continue
        if err.validator == "type" and err.instance is None and _scalar(err.validator_value):
            continue  # an empty text (``role:``) is "not written yet": every consumer shows nothing
        if err.validator in kinds or (err.validator == "enum" and not isinstance(err.instance, (str, int, float))):
            found.append(err)  # (a list or a mapping where one word of a list belongs is blocked even in worksheets)
    return found


def _where(path: tuple[Any, ...], lang: str) -> str:
    """The place of a value: the editor's label with the keys in the file (for a hand edit), or the keys alone."""
    if not path:
        return say("file.top_level", lang)
    words, keys = place_words(path, lang), ".".join(map(str, path))
    return keys if words == str(path[-1]).replace("_", " ") else f"{words} [{keys}]"


def gate_error(errors: list[Any], locate: Any, name: str, what: str) -> SchemaGateError:
    """The refusal for blocking ``errors`` in document ``name``, placed by ``locate(path) -> (line, column)``."""
    from keykis.check.structure import describe_error

    errors.sort(key=lambda e: [str(p) for p in e.absolute_path])
    first = errors[0]
    path = tuple(first.absolute_path)
    line, column = locate(path)
    place = ".".join(map(str, path)) or "(top level)"
    more = f" (and {len(errors) - 1} more; keykis check lists them all)" if len(errors) > 1 else ""
    fields: dict[str, object] = {
        "place": {lang: _where(path, lang) for lang in LANGS},
        "detail": {lang: describe_error(first, lang) for lang in LANGS},
        "more": {lang: say("file.gate_more", lang, n=len(errors) - 1) if len(errors) > 1 else "" for lang in LANGS},
    }
    return SchemaGateError(f"{what} cannot be used as it is: at {place}: {describe_error(first, 'en')}{more}",
                           path=name, line=line, column=column,
                           words=("file.gate_case" if what == "the case" else "file.gate_worksheet", fields))


def case_problems(case: Case, *, lengths: bool = True) -> list[Any]:
    """Schema errors of ``case`` that would reach a consumer as a wrong value (or, with ``lengths``, too long a text)."""
    from keykis.check.structure import case_schema_errors

    return blocking_errors(iter(case_schema_errors(case)), lengths=lengths)


def _refusal(case: Case, errors: list[Any]) -> SchemaGateError:
    return gate_error(errors, lambda p: case.locate(p), str(case.path or "<case>"), "the case")


def require_types(case: Case) -> TypedCase:
    """Return ``case`` as a ``TypedCase`` if its values have the schema's types; else raise ``SchemaGateError``.

    The editor's gate: texts over their limits pass (an author shortens them
    in the forms; ``keykis check`` names them).
    """
    if isinstance(case, TypedCase):
        return case
    errors = case_problems(case, lengths=False)
    if errors:
        raise _refusal(case, errors)
    return TypedCase(case, gate=_GATE)


def require_case(case: Case) -> ReadyCase:
    """Return ``case`` as a ``ReadyCase`` if every consumer can read it; raise ``SchemaGateError`` naming the first bad place.

    Types, words from lists, text limits and the total text limit (layout
    needs them). A case that is a ``ReadyCase`` already is returned as it is.
    """
    if isinstance(case, ReadyCase):
        return case
    errors = case_problems(case)
    if errors:
        raise _refusal(case, errors)
    too_long = total_text_words(case)
    if too_long:
        key, fields = too_long
        raise SchemaGateError(say(key, "en", **fields), path=str(case.path or "<case>"), words=too_long)
    return ReadyCase(case, gate=_GATE)


def total_text_words(case: Case) -> Words | None:
    """The words of the message if the texts of ``case`` together are over the total limit, else None."""
    from keykis.check.structure import case_text_size
    from keykis.method import method

    total, limit = case_text_size(case), int(method().limits["case_max_chars"])
    return ("check.total", {"length": f"{total:,}", "limit": f"{limit:,}"}) if total > limit else None

