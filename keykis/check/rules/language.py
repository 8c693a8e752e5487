"""Language rules: who decides, saying things once, and disguise."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from rapidfuzz import fuzz

from keykis.check.findings import Hit
from keykis.check.rules.matrix import word_count
from keykis.method import Method, method
from keykis.model import FIELDS, Case, YamlPath

_SKIP_ROOTS = {"references", "acknowledgements", "keywords", "meta", "suppress", "titles", "disciplines"}


@cache
def _impersonal_patterns() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """(phrase pattern, position-word pattern) per language."""
    pats = []
    for spec in method().wordlists["impersonal"].values():
        subj = "|".join(re.escape(s) for s in spec["subjects"])
        verb = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in spec["verbs"])
        gap = int(spec.get("gap", 2))
        phrase = re.compile(
            rf"\b(?:{subj})\w*((?:\s+[^\s.!?;]+){{0,{gap}}}?)\s+(?:{verb})\w*", re.IGNORECASE)
        positions = "|".join(re.escape(p) for p in spec.get("positions", ())) or r"(?!)"
        pats.append((phrase, re.compile(rf"\b(?:{positions})", re.IGNORECASE)))
    return pats


def _quoted(text: str, at: int) -> bool:
    """Whether position ``at`` is inside quotation marks (a quoted counter-example)."""
    head = text[:at]
    return head.count("«") > head.count("»") or head.count("“") > head.count("”") or head.count('"') % 2 == 1


def impersonal_phrase(text: str) -> str | None:
    """The first «Министерство решило»-like phrase in ``text``, if any."""
    for phrase, positions in _impersonal_patterns():
        for match in phrase.finditer(text):
            if _quoted(text, match.start()):
                continue
            before = " ".join(re.split(r"[.!?;]", text[: match.start()])[-1].split()[-3:])
            if positions.search(before) or positions.search(match.group(1) or ""):
                continue
            return match.group(0)
    return None


def impersonal_subjects(case: Case, m: Method) -> Iterator[Hit]:
    for path, text in case.iter_texts():
        if path[0] in _SKIP_ROOTS or path[-1] in ("id", "name", "alias", "role"):
            continue
        found = impersonal_phrase(text)
        if found:
            yield Hit("impersonal-subject", path, {"phrase": found})


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _statements(case: Case, min_words: int) -> list[tuple[YamlPath, str]]:
    out: list[tuple[YamlPath, str]] = []
    for f in FIELDS:
        for i, item in enumerate(case.items(f)):
            out.append((("matrix", f, "items", i, "text"), str(item.get("text", ""))))
    for key in ("actors", "objects"):
        for i, item in enumerate(case.data.get(key) or []):
            if isinstance(item, dict):
                for part in ("description", "activity"):
                    if isinstance(item.get(part), str):
                        out.append(((key, i, part), item[part]))
    for step, text in (case.data.get("narrative") or {}).items():
        if isinstance(text, str):
            out.extend((("narrative", step), s) for s in _SENTENCE.split(text))
    return [(p, s.strip()) for p, s in out if word_count(s) >= min_words]


def near_duplicates(case: Case, m: Method) -> Iterator[Hit]:
    stmts = _statements(case, int(m.limits["near_duplicate_min_words"]))
    if len(stmts) < 2:
        return
    cutoff = float(m.limits["near_duplicate_similarity"])
    # A similarity of c% needs the shorter text to be at least c/(200-c) of the longer one,
    # so only neighbours in length order are compared.
    span = cutoff / (200 - cutoff)
    order = sorted(range(len(stmts)), key=lambda k: len(stmts[k][1]))
    texts = [stmts[k][1].lower() for k in order]
    reported: set[int] = set()
    for a in range(len(order)):
        for b in range(a + 1, len(order)):
            if len(texts[a]) < span * len(texts[b]):
                break
            score = fuzz.token_sort_ratio(texts[a], texts[b], score_cutoff=cutoff)
            if score:
                first, second = sorted((order[a], order[b]))
                if second not in reported:
                    reported.add(second)
                    other = ".".join(str(p) for p in stmts[first][0])
                    yield Hit("near-duplicate", stmts[second][0], {"other": other, "score": int(score)})


def _name_patterns(name: str, kind: str) -> list[re.Pattern[str]]:
    pats = [re.compile(re.escape(name.strip()), re.IGNORECASE)]
    words = re.findall(r"\w+", name)
    if kind == "person" and words and all(w[0].isupper() for w in words):  # a personal name, not a position
        for token in re.findall(r"\w+", name):
            if len(token) >= 4 and token[0].isupper():
                stem = token[:-1] if len(token) > 5 else token
                pats.append(re.compile(rf"\b{re.escape(stem)}\w{{0,3}}\b"))
    return pats


def alias_leaks(case: Case, m: Method) -> Iterator[Hit]:
    leaks = [(a, _name_patterns(a.name, a.kind)) for a in case.actors().values() if a.alias and a.name.strip()]
    if not leaks:
        return
    for path, text in case.iter_texts():
        if path[0] in ("references", "suppress") or path[:2] == ("meta", "release") or (
                path[0] == "actors" and path[-1] == "name"):
            continue
        for actor, pats in leaks:
            if any(p.search(text) for p in pats):
                yield Hit("alias-leak", path, {"name": actor.name, "id": actor.id, "alias": actor.alias})
                break


RULES = [impersonal_subjects, near_duplicates, alias_leaks]
