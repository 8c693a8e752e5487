"""Language rules: who decides, saying things once, and disguise."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from keykis.check.findings import Hit
from keykis.check.rules.matrix import word_count
from keykis.method import Method, method
from keykis.model import FIELDS, Actor, Case, YamlPath

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


@cache
def _any_subject() -> re.Pattern[str]:
    stems = [s for spec in method().wordlists["impersonal"].values() for s in spec["subjects"]]
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + ")", re.IGNORECASE)


@lru_cache(maxsize=8192)
def impersonal_phrase(text: str) -> str | None:
    """The first «Министерство решило»-like phrase in ``text``, if any."""
    if not _any_subject().search(text):
        return None
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
    # token_sort_ratio compares sorted tokens, so sort them once here and compare with the plain ratio.
    texts = [" ".join(sorted(t.split())) for t in texts]
    reported: set[int] = set()
    for a in range(len(order)):
        end = a + 1
        while end < len(order) and len(texts[a]) >= span * len(texts[end]):
            end += 1
        if end == a + 1:
            continue
        for _, score, offset in process.extract_iter(texts[a], texts[a + 1:end], scorer=fuzz.ratio,
                                                     score_cutoff=cutoff):
            first, second = sorted((order[a], order[a + 1 + offset]))
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


@lru_cache(maxsize=8192)
def _leak(source: str, text: str) -> int | None:
    """Index of the first actor whose real name ``source`` finds in ``text`` (cached: the editor re-checks often)."""
    match = re.compile(source).search(text)
    return int(match.lastgroup[1:]) if match and match.lastgroup else None


def alias_leaks(case: Case, m: Method) -> Iterator[Hit]:
    leaks = [a for a in case.actors().values() if a.alias and a.name.strip()]
    if not leaks:
        return
    def alternatives(actor: Actor) -> str:
        pats = _name_patterns(actor.name, actor.kind)
        return "|".join(f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else p.pattern for p in pats)

    source = "|".join(f"(?P<a{i}>{alternatives(a)})" for i, a in enumerate(leaks))
    for path, text in case.iter_texts():
        if path[0] in ("references", "suppress") or path[:2] == ("meta", "release") or (
                path[0] == "actors" and path[-1] == "name"):
            continue
        found = _leak(source, text)
        if found is not None:
            actor = leaks[found]
            yield Hit("alias-leak", path, {"name": actor.name, "id": actor.id, "alias": actor.alias})


RULES = [impersonal_subjects, near_duplicates, alias_leaks]
