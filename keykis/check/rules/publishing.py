"""Publishing: the case opens on a decision and closes on it, and what students read does not give the answer away;
exhibits are sourced and cited.

A complete case opens, right after its title block, on a scene with the
protagonist, the moment and the decision at stake, and its body ends on the
decision left to the class (``publication_requirements`` in schemas/rules.yaml).

The student edition, its abstract, keywords, title and the catalogue entry
leave the question open (the case is discussed before the instructor's
analysis). A text students see that names the chosen solution, or says how
the choice came out, takes the discussion away; it belongs to the teacher
abstract (``abstract.<lang>.teacher``) or the teaching note.

Appendices print as numbered, titled exhibits, as a case publisher prints
them: each names where its material comes from, and the text cites each
where it draws on it (``[its-id]``, printed «приложение 2»).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from keykis.check.findings import Hit
from keykis.check.rules.ids import cited_keys
from keykis.method import Method
from keykis.model import Case, YamlPath, mapping
from keykis.vocabulary import LANGS, in_every_language

RUN = 4
"""This many content words of the chosen solution in a row, in a student text, name it."""
STEM = 5
"""Words are compared by their first letters (one stem covers the grammatical forms)."""
_WORD = re.compile(r"[^\W\d_]{4,}")


def _stems(text: str) -> list[str]:
    return [w.lower()[:STEM] for w in _WORD.findall(text)]


def _student_texts(case: Case) -> Iterator[tuple[YamlPath, str]]:
    if isinstance(case.data.get("title"), str):
        yield ("title",), case.data["title"]
    for lang, text in (case.data.get("titles") or {}).items():
        if isinstance(text, str):
            yield ("titles", lang), text
    for lang, parts in (case.data.get("abstract") or {}).items():
        for part in ("draft", "final"):
            if isinstance(parts, dict) and isinstance(parts.get(part), str):
                yield ("abstract", lang, part), parts[part]
    for lang, words in (case.data.get("keywords") or {}).items():
        if isinstance(words, list):
            yield ("keywords", lang), ", ".join(str(w) for w in words)
    for part, keys in (("opening", ("stake", "text")), ("closing", ("text", "question"))):
        for key in keys:
            text = mapping(case.data.get(part)).get(key)
            if isinstance(text, str):
                yield (part, key), text
    for i, exhibit in enumerate(case.data.get("appendices") or []):  # exhibits print in the student edition
        for key in ("title", "body"):
            text = mapping(exhibit).get(key)
            if isinstance(text, str):
                yield ("appendices", i, key), text


def student_spoiler(case: Case, m: Method) -> Iterator[Hit]:
    """A title, student abstract, keywords, opening, closing or exhibit naming the chosen solution or how the choice came out."""
    chosen = case.chosen("solutions") or {}
    solution = set(_stems(str(chosen.get("text") or "")))
    phrases = m.wordlists.get("spoiler", {})
    for path, text in _student_texts(case):
        lowered = " ".join(text.lower().split())
        said = next((p for lang in ("ru", "kk", "en") for p in phrases.get(lang) or [] if p in lowered), "")
        words = _WORD.findall(text)
        stems = [w.lower()[:STEM] for w in words]
        run = next((i for i in range(len(stems) - RUN + 1) if all(s in solution for s in stems[i:i + RUN])), -1)
        if said or run >= 0:
            yield Hit("student-spoiler", path, {"phrase": said or " ".join(words[run:run + RUN])})


def opening_closing(case: Case, m: Method) -> Iterator[Hit]:
    """A complete case without its opening (protagonist, moment, stake, text) or its closing decision."""
    if not case.complete:
        return
    from keykis.check.rules.steps import requirement_met

    for step, requirements in m.publication.items():
        lacking = [r for r in requirements if not requirement_met(case, r)]
        if not lacking:
            continue
        part = lacking[0].split(".")[0]
        words = [m.requirement_words.get(r, {}) for r in lacking]
        what = {lang: "; ".join(w.get(lang) or r for w, r in zip(words, lacking, strict=True)) for lang in LANGS}
        present = part in case.data
        yield Hit("opening-closing", (part,) if present else (),
                  {"where": in_every_language(f"check.{part}_where"), "what": what}, key=present, step=step)


def _short(text: object, words: int = 8) -> str:
    parts = re.sub(r"[*_`]", "", str(text or "")).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def exhibits(case: Case, m: Method) -> Iterator[Hit]:
    """An appendix without a source, or one the text never cites by its id."""
    appendices = [a for a in case.data.get("appendices") or [] if isinstance(a, dict)]
    if not appendices:
        return
    cited: set[str] = set()
    for path, text in case.iter_texts():
        if "[" in text and not (len(path) > 2 and path[0] == "appendices" and path[2] == "id"):
            own = appendices[path[1]].get("id") if path[0] == "appendices" and isinstance(path[1], int) else None
            cited |= {key for key in cited_keys(text) if key != own}
    for i, a in enumerate(appendices):
        fields = {"n": i + 1, "title": _short(a.get("title"))}
        if not str(a.get("source") or "").strip():
            yield Hit("exhibit-source", ("appendices", i), fields)
        if a.get("id") is None or str(a["id"]) not in cited:
            yield Hit("exhibit-uncited", ("appendices", i), {**fields, "id": a.get("id") or f"app-{i + 1}"})


RULES = [student_spoiler, opening_closing, exhibits]
