"""Publishing: what students read does not give the answer away.

The student edition, its abstract, keywords, title and the catalogue entry
leave the question open (the case is discussed before the instructor's
analysis). A text students see that names the chosen solution, or says how
the choice came out, takes the discussion away; it belongs to the teacher
abstract (``abstract.<lang>.teacher``) or the teaching note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from keykis.check.findings import Hit
from keykis.method import Method
from keykis.model import Case, YamlPath

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


def student_spoiler(case: Case, m: Method) -> Iterator[Hit]:
    """A title, student abstract or keywords naming the chosen solution or how the choice came out."""
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


RULES = [student_spoiler]
