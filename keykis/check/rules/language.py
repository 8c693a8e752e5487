"""Language rules: who decides, saying things once, and disguise."""

from __future__ import annotations

import heapq
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from rapidfuzz import fuzz

from keykis.check.findings import Hit
from keykis.check.rules import Texts, per_unit
from keykis.check.rules.matrix import word_count
from keykis.method import Method
from keykis.model import FIELDS, Actor, Case, YamlPath
from keykis.morphology.fold import fold, needs_fold
from keykis.vocabulary import place_in_every_language

_SKIP_ROOTS = {"references", "acknowledgements", "keywords", "meta", "suppress", "titles", "disciplines"}


def impersonal_phrase(text: str, institutions: frozenset[str] = frozenset(),
                      people: frozenset[str] = frozenset()) -> str | None:
    """The first «Министерство решило»-like phrase in ``text``, if any (keykis.morphology.decides)."""
    from keykis.morphology.decides import institution_decides

    return institution_decides(text, institutions, people)


def _words(text: str) -> set[str]:
    from keykis.morphology.russian import lemmas

    out: set[str] = set()
    for w in re.findall(r"\w+", text.lower()):
        out.add(w)
        if re.search(r"[а-яё]", w):
            out |= lemmas(w)
    return out


def case_vocabulary(case: Case) -> tuple[frozenset[str], frozenset[str]]:
    """(institution words, people words) of a case: its organisation actors and its persons."""
    insts: set[str] = set()
    people: set[str] = set()
    for a in case.actors().values():
        if a.kind in ("organisation", "organisations"):
            insts |= _words(a.public_name)
        elif a.kind == "person":
            for text in (a.name, a.alias or ""):
                if text and all(w[:1].isupper() for w in re.findall(r"\w+", text)):
                    people |= _words(text)
    return _interned(frozenset(insts)), _interned(frozenset(people - insts))


_INTERNED: dict[frozenset[str], frozenset[str]] = {}


def _interned(words: frozenset[str]) -> frozenset[str]:
    """The same set object for the same words, so per-text caches keyed on it compare by identity."""
    if len(_INTERNED) > 64:
        _INTERNED.clear()
    return _INTERNED.setdefault(words, words)


def impersonal_subjects(case: Case, m: Method) -> Iterator[Hit]:
    insts, people = case_vocabulary(case)
    from keykis.morphology.decides import institution_decides

    def scan(texts: Texts) -> list[Hit]:
        out = []
        for path, text in texts:
            if path[0] in _SKIP_ROOTS or path[-1] in ("id", "name", "alias", "role", "no_problem"):
                continue
            found = institution_decides(text, insts, people)
            if found:
                out.append(Hit("impersonal-subject", path, {"phrase": found}))
        return out

    yield from per_unit(case, "impersonal-subject", (insts, people), scan)


def mixed_script(case: Case, m: Method) -> Iterator[Hit]:
    """Words that mix Latin look-alike letters with Cyrillic ones."""
    from keykis.morphology.script import mixed_words

    def scan(texts: Texts) -> list[Hit]:
        out = []
        for path, text in texts:
            if path[0] in ("references", "suppress") or path[-1] == "id":
                continue
            found = mixed_words(text)
            if found:
                word, fixed = found[0]
                out.append(Hit("mixed-script", path, {"word": word, "fixed": fixed, "count": len(found)}))
        return out

    yield from per_unit(case, "mixed-script", (), scan)


_STATEMENT_END = re.compile(r"(?<=[.!?])\s+")


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
    from keykis.morphology.sentences import join_wrapped

    for step, text in case.narratives().items():
        # whole sentences, wrapped lines joined (a list item inside a sentence is not a statement of its own)
        out.extend((("narrative", step), s) for s in _STATEMENT_END.split(join_wrapped(text)))
    return [(p, s.strip()) for p, s in out if word_count(s) >= min_words]


def near_duplicates(case: Case, m: Method) -> Iterator[Hit]:
    """Statements that say again, nearly word for word, what an earlier statement said."""
    stmts = _statements(case, int(m.limits["near_duplicate_min_words"]))
    if len(stmts) < 2:
        return
    cutoff = float(m.limits["near_duplicate_similarity"])
    # token_sort_ratio compares sorted tokens, so sort them once here and compare with the plain ratio.
    texts = [" ".join(sorted(s.lower().split())) for _, s in stmts]
    places: dict[YamlPath, dict[str, str]] = {}
    for second, first, score in repeats(texts, cutoff):
        at = stmts[first][0]
        other = dict(places.get(at) or places.setdefault(at, place_in_every_language(at)))
        yield Hit("near-duplicate", stmts[second][0], {"other": other, "score": int(score)})


REPEAT_GRAM = 4
"""Letters per shingle when looking for repeated statements."""
REPEAT_SKETCH = 32
"""Shingles kept per statement: the rarest that another statement shares too."""
REPEAT_POSTING = 32
"""Statements remembered per shingle (the first ones): a shingle every statement has adds nothing after that."""
REPEAT_TRIES = 24
"""Earlier statements compared with each statement at most."""


def repeats(texts: list[str], cutoff: float) -> Iterator[tuple[int, int, float]]:
    """(later, earlier, similarity) for each text that is ≥ ``cutoff`` % like an earlier one (rapidfuzz ratio).

    Without comparing every pair: identical texts are found by a dictionary;
    every other text keeps a sketch of its rarest shared four-letter
    shingles and is compared only with earlier texts that share some of
    them and whose length allows the similarity (a similarity of c % needs
    the shorter text to be at least c/(200-c) of the longer one): first
    those that the index lists most often beside it, then those whose
    sketches hold most of its own, ``REPEAT_TRIES`` at a time. The earliest
    of a round that passes is named. The work grows with the number of
    texts, not with its square, even when thousands of them read nearly the
    same.
    """
    span = cutoff / (200 - cutoff)
    grams = [{t[i:i + REPEAT_GRAM] for i in range(max(1, len(t) - REPEAT_GRAM + 1))} for t in texts]
    frequency: Counter[str] = Counter(g for s in grams for g in s)
    # every shingle two texts share, rarest first (ties in a fixed pseudo-random order): its place is its name
    ranked = sorted((g for g, k in frequency.items() if k > 1),
                    key=lambda g: (frequency[g], zlib.crc32(g.encode("utf-8", "surrogatepass")), g))
    rank = {g: r for r, g in enumerate(ranked)}
    sizes = [len(t) for t in texts]
    seen: dict[str, int] = {}
    index: dict[int, list[int]] = {}
    sketches: dict[int, frozenset[int]] = {}

    def first_alike(n: int, candidates: list[int]) -> tuple[int, float] | None:
        for j in sorted(candidates):
            score = fuzz.ratio(texts[n], texts[j], score_cutoff=cutoff)
            if score >= cutoff:
                return j, score
        return None

    for n, text in enumerate(texts):
        if text in seen:
            yield n, seen[text], 100.0
            continue
        seen[text] = n
        sketch = sketches[n] = frozenset(heapq.nsmallest(REPEAT_SKETCH, (rank[g] for g in grams[n] if g in rank)))
        low, high = span * sizes[n], sizes[n] / span
        listed: Counter[int] = Counter()
        for g in sketch:
            listed.update(index.get(g, ()))
        # most often listed beside it first, then the earliest (sort is stable, also reversed)
        fits = [j for j in sorted(sorted(listed), key=listed.__getitem__, reverse=True) if low <= sizes[j] <= high]
        found = first_alike(n, fits[:REPEAT_TRIES])
        if found is None and len(fits) > REPEAT_TRIES:
            # the index keeps only the first texts of a common shingle: rank the rest by their own sketches
            common = {j: len(sketch & sketches[j]) for j in fits[REPEAT_TRIES:]}
            found = first_alike(n, sorted(common, key=common.__getitem__, reverse=True)[:REPEAT_TRIES])
        if found is not None:
            yield n, *found
        for g in sketch:
            members = index.setdefault(g, [])
            if len(members) < REPEAT_POSTING:
                members.append(n)


def _personal(name: str) -> bool:
    """Whether ``name`` is a personal name (every word capitalised), not a position or a group."""
    words = re.findall(r"\w+", name)
    return bool(words) and all(w[0].isupper() for w in words)


@lru_cache(maxsize=8192)
def _phrase(name: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for a name that is a position or an organisation."""
    words = [re.escape(w) for w in re.findall(r"\w+", name)]
    return re.compile(r"(?<!\w)" + r"\W+".join(words) + r"(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=8192)
def leaked_name(text: str, names: tuple[tuple[str, ...], ...]) -> int | None:
    """Index in ``names`` of the first real name found in ``text`` in any form, as whole words.

    ``names`` holds, per actor, the words of a personal name (each word alone is a leak:
    «Сапарову», «Ерланға», "Saparov") or a one-element tuple with a position or
    organisation name (found only as the whole phrase).
    """
    from keykis.morphology.names import find_name

    personal = tuple(words if len(words) > 1 or _personal(words[0]) else () for words in names)
    found: list[int] = []
    if any(personal):
        for tok in set(re.findall(r"[\w\u0259\u018f’']+", text)):
            k = find_name(tok, personal)
            if k is not None:
                found.append(k)
    for k, words in enumerate(names):
        if len(words) == 1 and not _personal(words[0]) and _phrase(words[0]).search(text):
            found.append(k)
    return min(found) if found else None


def _leak_names(case: Case) -> tuple[list[Actor], tuple[tuple[str, ...], ...]]:
    actors = [a for a in case.actors().values() if a.alias and a.name.strip()]
    names = []
    for a in actors:
        alias_words = {w.lower() for w in re.findall(r"\w+", a.alias or "")}
        if a.kind == "person" and _personal(a.name):
            names.append(tuple(w for w in re.findall(r"\w+", a.name) if w.lower() not in alias_words))
        else:
            names.append((a.name.strip(),))
    return actors, tuple(names)


def folded_leak(folded_text: str, folded_names: tuple[tuple[str, ...], ...]) -> int | None:
    """Index of a folded real name found in folded text as a word with a short ending (a Kazakh case ending
    such as «-ke», «-тың», read after the fold), or None."""
    for k, pattern in _folded_patterns(folded_names):
        if pattern.search(folded_text):
            return k
    return None


@lru_cache(maxsize=256)
def _folded_patterns(folded_names: tuple[tuple[str, ...], ...]) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """Per actor with a word of four letters or more, one pattern for its stems with a short ending."""
    out = []
    for k, words in enumerate(folded_names):
        stems = [re.escape(w[:-1] if len(w) > 5 else w) for w in words
                 if (len(words) > 1 or _personal(w)) and len(w) >= 4]
        if stems:
            out.append((k, re.compile(rf"(?<!\w)(?:{'|'.join(stems)})\w{{0,5}}(?!\w)")))
    return tuple(out)


@lru_cache(maxsize=256)
def _folded_names(names: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """The real names as disguise matching reads them (personal names split into their folded words)."""
    return tuple(tuple(w for word in words for w in (re.findall(r"\w+", fold(word)) if len(words) > 1 or
                                                     _personal(words[0]) else [fold(word)])) for words in names)


@lru_cache(maxsize=8192)
def _leak_in(text: str, names: tuple[tuple[str, ...], ...]) -> int | None:
    """Index in ``names`` of the real name ``text`` gives away, as written or after the fold; cached per text
    and name set, so a repeated check of an unchanged case does no folding and no searching."""
    found = leaked_name(text, names)
    folded = _folded_names(names)
    if found is None and (folded != names or needs_fold(text)):  # invisible characters, look-alikes, Kazakh spelling
        text = fold(text)
        found = leaked_name(text, folded)
        if found is None:
            found = folded_leak(text, folded)
    return found


def alias_leaks(case: Case, m: Method) -> Iterator[Hit]:
    actors, names = _leak_names(case)
    if not actors:
        return

    def scan(texts: Texts) -> list[Hit]:
        out = []
        for path, text in texts:
            if path[0] in ("references", "suppress") or path[:2] == ("meta", "release") or (
                    path[0] == "actors" and path[-1] == "name"):
                continue
            found = _leak_in(text, names)
            if found is not None:
                actor = actors[found]
                out.append(Hit("alias-leak", path, {"name": actor.name, "id": actor.id, "alias": actor.alias}))
        return out

    who = tuple((a.name, a.id, a.alias) for a in actors)
    yield from per_unit(case, "alias-leak", (names, who), scan)


def alias_missing(case: Case, m: Method) -> Iterator[Hit]:
    """A disguised case gives every person an alias (a stock surname or a role)."""
    if not case.disguised:
        return
    for i, a in enumerate(case.data.get("actors") or []):
        personal = a.get("kind") == "person" and _personal(str(a.get("name") or "")) if isinstance(a, dict) else False
        if isinstance(a, dict) and (personal or a.get("disguise") is True) and not str(a.get("alias") or "").strip():
            yield Hit("alias-missing", ("actors", i), {"id": a.get("id"), "name": a.get("name")})


RULES = [impersonal_subjects, mixed_script, near_duplicates, alias_leaks, alias_missing]


_OTHER = re.compile(r"(?i)\b(другие возможные|другие решения|иные решения|альтернатив\w*|запасн\w+"
                    r"|басқа\s+(?:мүмкін\s+)?шешім\w*|балама\w*"
                    r"|other possible|other (?:resolutions?|solutions?|options?)|alternatives?|fallback)")


def other_resolution_marker(text: str) -> bool:
    """Whether ``text`` speaks of resolutions other than the chosen one."""
    return bool(_OTHER.search(text))


def content_lemmas(text: str) -> set[str]:
    """Content words of ``text`` (four letters or more), lower-cased and cut to a stem of six letters."""
    return {w.lower()[:6] for w in re.findall(r"\w{4,}", text)}
