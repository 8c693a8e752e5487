"""Completeness: abstracts in every language, the final abstract, the closing steps."""

from __future__ import annotations

from collections.abc import Iterator

from keykis.check.findings import Hit
from keykis.method import Method
from keykis.model import Case, mapping
from keykis.vocabulary import LANGS, in_every_language, label, parts_in_every_language


def _language(code: str) -> dict[str, str]:
    """A language of the case by its name in each interface language (never its code)."""
    return {lang: label("language", code, lang) for lang in LANGS}


def final_abstract(case: Case, m: Method) -> Iterator[Hit]:
    if not case.complete:
        return
    abstract = case.data.get("abstract")
    for lang, parts in (abstract or {}).items() if isinstance(abstract, dict) else ():
        if not isinstance(parts, dict):
            continue
        final, draft = str(parts.get("final", "")).strip(), str(parts.get("draft", "")).strip()
        if not final:
            problem = in_every_language("check.abstract_missing")
            yield Hit("abstract-final", ("abstract", lang), {"lang": _language(lang), "problem": problem}, key=True)
        elif final == draft:
            problem = in_every_language("check.abstract_as_draft")
            yield Hit("abstract-final", ("abstract", lang, "final"), {"lang": _language(lang), "problem": problem})


def languages(case: Case, m: Method) -> Iterator[Hit]:
    abstract = mapping(case.data.get("abstract"))
    keywords = mapping(case.data.get("keywords"))
    for lang in LANGS:
        if not abstract.get(lang) or not keywords.get(lang):
            yield Hit("abstract-languages", ("abstract",), {"lang": _language(lang)}, key=True)


SECTIONS = ("title", "keywords", "disciplines", "references")
"""Parts of the case that must not be empty; the message names the step that fills each."""


def _what(key: str, m: Method) -> dict[str, str]:
    step = m.step_for_path((key,))
    return in_every_language(f"check.section_{key}", n=step.n if step else "?")


def sections(case: Case, m: Method) -> Iterator[Hit]:
    for key in SECTIONS:
        value = case.data.get(key)
        empty = not value or (isinstance(value, dict) and not any(value.values())) or (
            isinstance(value, str) and not value.strip())
        if empty:
            yield Hit("section-missing", (key,) if key in case.data else (),
                      {"section": parts_in_every_language(key), "what": _what(key, m)}, key=key in case.data)


def reflection(case: Case, m: Method) -> Iterator[Hit]:
    if not case.complete:
        return
    answers = mapping(case.data.get("reflection"))
    for step in m.steps:
        given = mapping(answers.get(step.id))
        open_ = [q for q in step.reflection if not (isinstance(given.get(q), dict) and given[q].get("done"))]
        if open_:
            yield Hit("reflection-open", ("reflection", step.id) if step.id in answers else (),
                      {"n": step.n, "questions": ", ".join(q.removeprefix("q") for q in open_)}, key=True)


RULES = [final_abstract, languages, sections, reflection]
