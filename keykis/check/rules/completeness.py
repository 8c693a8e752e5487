"""Completeness: abstracts in every language, the final abstract, the closing steps."""

from __future__ import annotations

from collections.abc import Iterator

from keykis.check.findings import Hit
from keykis.method import LANGS, Method
from keykis.model import Case, mapping


def final_abstract(case: Case, m: Method) -> Iterator[Hit]:
    if not case.complete:
        return
    abstract = case.data.get("abstract")
    for lang, parts in (abstract or {}).items() if isinstance(abstract, dict) else ():
        if not isinstance(parts, dict):
            continue
        final, draft = str(parts.get("final", "")).strip(), str(parts.get("draft", "")).strip()
        if not final:
            yield Hit("abstract-final", ("abstract", lang), {"lang": lang, "problem": {
                "ru": "не написана", "kk": "жазылмаған", "en": "is missing"}}, key=True)
        elif final == draft:
            yield Hit("abstract-final", ("abstract", lang, "final"), {"lang": lang, "problem": {
                "ru": "совпадает с черновиком", "kk": "жобамен бірдей", "en": "is identical to the draft"}})


def languages(case: Case, m: Method) -> Iterator[Hit]:
    abstract = mapping(case.data.get("abstract"))
    keywords = mapping(case.data.get("keywords"))
    for lang in LANGS:
        if not abstract.get(lang) or not keywords.get(lang):
            yield Hit("abstract-languages", ("abstract",), {"lang": lang}, key=True)


_SECTIONS = {
    "title": {"ru": "сформулируйте исследовательский вопрос (шаг 1)", "kk": "зерттеу сұрағын тұжырымдаңыз (1-қадам)",
              "en": "state the research question (step 1)"},
    "keywords": {"ru": "добавьте ключевые слова (шаг 3)", "kk": "түйін сөздерді қосыңыз (3-қадам)",
                 "en": "add keywords (step 3)"},
    "disciplines": {"ru": "назовите дисциплины и курсы (шаг 23)", "kk": "пәндер мен курстарды атаңыз (23-қадам)",
                    "en": "name the disciplines and courses (step 23)"},
    "references": {"ru": "приведите источники (шаг 24)", "kk": "дереккөздерді келтіріңіз (24-қадам)",
                   "en": "give the sources (step 24)"},
}


def sections(case: Case, m: Method) -> Iterator[Hit]:
    for key, what in _SECTIONS.items():
        value = case.data.get(key)
        empty = not value or (isinstance(value, dict) and not any(value.values())) or (
            isinstance(value, str) and not value.strip())
        if empty:
            yield Hit("section-missing", (key,) if key in case.data else (), {"section": key, "what": what},
                      key=key in case.data)


def reflection(case: Case, m: Method) -> Iterator[Hit]:
    if not case.complete:
        return
    answers = mapping(case.data.get("reflection"))
    for step in m.steps:
        given = mapping(answers.get(step.id))
        open_ = [q for q in step.reflection if not (isinstance(given.get(q), dict) and given[q].get("done"))]
        if open_:
            yield Hit("reflection-open", ("reflection", step.id) if step.id in answers else (),
                      {"n": step.n, "questions": ", ".join(open_)}, key=True)


RULES = [final_abstract, languages, sections, reflection]
