"""Who decides in a sentence: a concrete person, or an institution (core idea 2 of the method).

«Министерство решило», «Акимат принял решение», «решение было принято», «Әкімдік шешті»,
"the ministry decided", "a decision was made": an institution as the subject of a verb of
deciding, believing or wanting, in any tense, aspect or voice, or a decision in the passive
with no person as its agent. A sentence in which a named person decides is fine, whatever
institutions it mentions. The lexicon is ``decides`` in schemas/wordlists.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from keykis.morphology import kazakh, russian
from keykis.morphology.script import fold

_SENTENCE = re.compile(r"(?<=[.!?…;])\s+|\n+")
_TOKEN = re.compile(r"[\w’'-]+")
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@dataclass(frozen=True)
class Lexicon:
    """One language's words for institutions, deciding and people."""

    institutions: frozenset[str]
    verbs: frozenset[str]
    phrases: tuple[tuple[str, str], ...]
    persons: frozenset[str]
    passive: frozenset[str]
    passive_phrases: tuple[tuple[str, str], ...] = ()


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` from schemas/wordlists.yaml."""
    from keykis.method import method

    spec = method().wordlists["decides"][lang]
    return Lexicon(
        institutions=frozenset(str(w).lower() for w in spec["institutions"]),
        verbs=frozenset(str(w).lower() for w in spec["verbs"]),
        phrases=tuple((str(a).lower(), str(b).lower()) for a, b in spec.get("phrases", ())),
        persons=frozenset(str(w).lower() for w in spec["persons"]),
        passive=frozenset(str(w).lower() for w in spec.get("passive", ())),
        passive_phrases=tuple((str(a).lower(), str(b).lower()) for a, b in spec.get("passive_phrases", ())),
    )


def language_of(sentence: str) -> str:
    """``kk``, ``ru`` or ``en``: the language a sentence is read in."""
    words = _TOKEN.findall(sentence)
    cyr = [w for w in words if _CYRILLIC.search(w)]
    if not cyr:
        return "en"
    kk = sum(1 for w in cyr if _KAZAKH_LETTERS.search(w))
    return "kk" if kk * 5 >= len(cyr) else "ru"


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``."""
    pos = 0
    for part in _SENTENCE.split(text):
        start = text.find(part, pos)
        pos = start + len(part)
        if part.strip():
            yield start, part


@lru_cache(maxsize=16384)
def institution_decides(text: str, institutions: frozenset[str] = frozenset(),
                        people: frozenset[str] = frozenset()) -> str | None:
    """The first phrase of ``text`` in which an institution decides, or a decision has no one who took it.

    ``institutions`` adds the case's organisation actors (lower-case words of their names),
    ``people`` its persons (lower-case words of their names and aliases).
    """
    folded = fold(text)
    masked = _QUOTED.sub(lambda m: " " * len(m.group(0)), folded)
    for offset, sentence in sentences(masked):
        lang = language_of(sentence)
        reader = {"ru": _russian, "kk": _kazakh, "en": _english}[lang]
        span = reader(sentence, institutions, people)
        if span:
            return text[offset + span[0]: offset + span[1]]
    return None


# -- Russian -------------------------------------------------------------------------------
_PREPOSITIONS = {"в", "во", "на", "о", "об", "при", "из", "от", "до", "для", "к", "ко", "с", "со", "у", "по",
                 "за", "под", "над", "перед", "через", "между", "после", "без", "про", "вместо"}
_PRONOUNS = {"я", "ты", "он", "она", "мы", "вы", "они", "кто"}


def _tokens(sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(sentence)]


_FUNCTION = {"PREP", "CONJ", "PRCL", "INTJ"}


def _usable(parses: tuple[Any, ...]) -> tuple[Any, ...]:
    """The analyses worth reading: none for a function word, and no far-fetched ones."""
    if not parses or parses[0].tag.POS in _FUNCTION:
        return ()
    return tuple(p for p in parses if p.score >= 0.02)


def _agrees(noun: Any, pred: Any) -> bool:
    if pred.tag.number and noun.tag.number and pred.tag.number != noun.tag.number:
        return False
    if pred.tag.number == "sing" and pred.tag.gender and noun.tag.gender:
        common = "ms-f" in noun.tag.grammemes   # «судья», «глава»: either gender
        if str(noun.tag.gender) != str(pred.tag.gender) and not common:
            return False
    return not (pred.tag.person and pred.tag.person != "3per" and noun.tag.POS != "NPRO")


def _is_person(p: Any, word: str, lex: Lexicon, people: frozenset[str]) -> bool:
    tags = set(p.tag.grammemes)
    return (p.normal_form in lex.persons or word.lower() in people or p.normal_form in people
            or bool(tags & {"Name", "Surn", "Patr"}) or (p.tag.POS == "NPRO" and p.normal_form in _PRONOUNS))


@cache
def _russian_triggers() -> frozenset[str]:
    """Every form of the deciding verbs and of the phrase objects: a sentence without one is not read."""
    lex = lexicon("ru")
    words = set(lex.verbs) | {b for _, b in lex.phrases} | set(lex.passive) | {"мнению", "зрения"}
    forms: set[str] = set()
    for word in words:
        for p in russian.parses(word):
            if p.normal_form == word:
                forms |= {f.word for f in p.lexeme}
        forms.add(word)
    return frozenset(forms)


def _russian(sentence: str, institutions: frozenset[str], people: frozenset[str]) -> tuple[int, int] | None:
    lex = lexicon("ru")
    insts = lex.institutions | institutions
    toks = _tokens(sentence)
    triggers = _russian_triggers()
    if not any(t.lower().replace("ё", "е") in triggers or t.lower() in triggers for _, _, t in toks):
        return None
    parsed = [_usable(russian.parses(t.lower())) for _, _, t in toks]
    lemmas = [{p.normal_form for p in ps} for ps in parsed]
    after_prep = [i > 0 and toks[i - 1][2].lower() in _PREPOSITIONS for i in range(len(toks))]

    def phrase_object(i: int, verb: str, reach: int = 5) -> bool:
        wanted = {b for a, b in lex.phrases if a == verb}
        return any(wanted & lemmas[j] for j in range(max(0, i - reach), min(len(toks), i + reach)) if j != i)

    # clauses: a subject is looked for in the predicate's own clause first
    clause = [0] * len(toks)
    for i in range(1, len(toks)):
        gap = sentence[toks[i - 1][1]:toks[i][0]]
        clause[i] = clause[i - 1] + (1 if re.search(r"[,:;—–()]", gap) or toks[i][2].lower() in ("что", "чтобы",
                                                                                                  "который") else 0)

    # «по мнению министерства», «с точки зрения акимата»
    low = [t.lower() for _, _, t in toks]
    for i in range(len(toks) - 1):
        if (low[i] == "мнению" and i > 0 and low[i - 1] == "по") or (low[i] == "зрения" and i > 1 and low[i - 2] == "с"):
            j = i + 1
            while j < len(toks) and any(p.tag.POS == "ADJF" for p in parsed[j][:1]):
                j += 1
            if j < len(toks) and any(p.normal_form in insts and p.tag.case == "gent" for p in parsed[j]):
                return toks[i - 1][0], toks[j][1]

    for i, ps in enumerate(parsed):
        for pred in ps:
            pos = pred.tag.POS
            lemma = pred.normal_form
            deciding = lemma in lex.verbs or phrase_object(i, lemma, 5 if pos != "PRTS" else len(toks))
            if not deciding:
                continue
            if pos == "PRTS" and (lemma in lex.passive or phrase_object(i, lemma, len(toks))):
                # «решено», «решение принято»: who took it?
                agent = any(_is_person(p, toks[j][2], lex, people) and p.tag.case == "ablt"
                            for j, pj in enumerate(parsed) for p in pj if j != i)
                if agent:
                    break
                near = [j for j in range(0, i) if lemmas[j] & {b for _, b in lex.phrases}] or [
                    j for j in range(max(0, i - 2), i) if "быть" in lemmas[j]]
                start = toks[near[0]][0] if near else toks[i][0]
                return start, toks[i][1]
            if pos not in ("VERB", "ADJS"):   # participles describe, they do not state who decided
                continue
            def candidates(where: range, i: int = i, pred: Any = pred) -> list[tuple[int, Any]]:
                found = []
                for j in where:
                    if j == i or after_prep[j]:
                        continue
                    for p in parsed[j]:
                        if (p.tag.case == "nomn" and p.tag.POS in ("NOUN", "NPRO") and _agrees(p, pred)) or (
                                "UNKN" in p.tag.grammemes and p.normal_form in insts):
                            found.append((j, p))
                            break
                return found

            subjects = [c for c in candidates(range(len(toks))) if clause[c[0]] == clause[i]]
            if not subjects:
                subjects = [c for c in candidates(range(i)) if clause[c[0]] < clause[i]][-2:]
            if any(_is_person(p, toks[j][2], lex, people) for j, p in subjects):
                break
            inst = [j for j, p in subjects if p.normal_form in insts]
            if inst:
                j = min(inst, key=lambda k: abs(k - i))
                return min(toks[j][0], toks[i][0]), max(toks[j][1], toks[i][1])
            own = [c for c in subjects if clause[c[0]] == clause[i]]
            if not own and pred.tag.number == "plur" and pred.tag.person in (None, "3per"):
                # «в акимате решили»: an indefinite-personal sentence placed in an institution
                for j in range(1, i):
                    if clause[j] == clause[i] and after_prep[j] and any(
                            p.normal_form in insts and p.tag.case == "loct" for p in parsed[j]):
                        return toks[j - 1][0], toks[i][1]
            break
    return None


# -- Kazakh --------------------------------------------------------------------------------
_NAME_ENDINGS = re.compile(r"(?:ов|ев|ова|ева|ин|ина|ұлы|қызы|улы|кызы)$")


def _kazakh(sentence: str, institutions: frozenset[str], people: frozenset[str]) -> tuple[int, int] | None:
    lex = lexicon("kk")
    insts = lex.institutions | institutions
    toks = _tokens(sentence)
    low = [t.lower() for _, _, t in toks]
    starts = {stem[:2] for stem in (*lex.verbs, *lex.passive, *(v for _, v in lex.phrases),
                                    *(v for _, v in lex.passive_phrases))}
    for i, word in enumerate(low):
        if word[:2] not in starts:
            continue

        def after(noun: str, i: int = i) -> bool:
            return any(kazakh.noun_stem_case(low[j], frozenset({noun})) for j in range(max(0, i - 3), i))

        passive = any(kazakh.is_finite_form(word, s) for s in lex.passive) or any(
            kazakh.is_finite_form(word, verb) and after(noun) for noun, verb in lex.passive_phrases)
        active = not passive and (any(kazakh.is_verb_form(word, s) for s in lex.verbs) or any(
            kazakh.is_verb_form(word, verb) and after(noun) for noun, verb in lex.phrases))
        if not (active or passive):
            continue
        start = 0
        for j in range(i, 0, -1):
            if re.search(r"[,:;—–()]", sentence[toks[j - 1][1]:toks[j][0]]) or low[j - 1] in ("ал", "бірақ", "әрі"):
                start = j
                break
        before = range(start, i)
        inst = [(j, c) for j in before for c in [kazakh.noun_stem_case(low[j], insts)] if c]
        persons = [j for j in before if _kk_person(toks[j][2], low[j], lex, people)]
        subject = [j for j, (_, case) in inst if case == "nom"]
        head = bool(persons) and bool(subject) and persons[0] == subject[0] + 1 and low[persons[0]].endswith(
            ("ы", "і"))   # «департамент басшысы»: the possessed head of the phrase decides
        if persons and (not subject or persons[0] < subject[0] or head):
            continue
        if subject:
            return toks[subject[0]][0], toks[i][1]
        if passive:
            start = toks[inst[0][0]][0] if inst else toks[max(0, i - 2)][0]
            return start, toks[i][1]
    return None


def _kk_person(word: str, low: str, lex: Lexicon, people: frozenset[str]) -> bool:
    reading = kazakh.noun_stem_case(low, lex.persons | people)
    if reading and reading[1] == "nom":
        return True
    return word[:1].isupper() and bool(_NAME_ENDINGS.search(low)) and kazakh.noun_readings(low)[0][1] == "nom" \
        and not any(c != "nom" for s, c in kazakh.noun_readings(low)[1:] if _NAME_ENDINGS.search(s))


# -- English -------------------------------------------------------------------------------
_SKIP = {"has", "have", "had", "will", "would", "then", "finally", "also", "already", "therefore", "eventually",
         "soon", "not", "did", "does", "do", "just", "quickly", "now", "later", "itself", "first", "again",
         "still", "never", "always", "clearly", "allegedly", "reportedly", "apparently", "recently", "is", "was",
         "were", "are", "been"}
_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "our", "city", "district", "regional", "national",
                "local", "state"}
_PASSIVE = re.compile(r"\b(?:(?:the|a|an|this|that|no|final)\s+)?(?:decision|choice)s?\s+(?:(?:was|were|is|are|has been|"
                      r"have been|had been|will be)\s+)(?:made|taken|reached|adopted)\b(?!\s+by\b)", re.IGNORECASE)
_IMPERSONAL = re.compile(r"\bit\s+(?:was|is|has been|had been|will be)\s+(?:decided|agreed|resolved|concluded|"
                         r"determined)\b(?!\s+by\b)", re.IGNORECASE)


def _english(sentence: str, institutions: frozenset[str], people: frozenset[str]) -> tuple[int, int] | None:
    lex = lexicon("en")
    for pattern in (_PASSIVE, _IMPERSONAL):
        m = pattern.search(sentence)
        if m:
            return m.start(), m.end()
    toks = _tokens(sentence)
    low = [t.lower() for _, _, t in toks]
    phrase_verbs = {a for a, _ in lex.phrases}
    for i, word in enumerate(low):
        is_phrase = word in phrase_verbs and any(
            (word, low[k]) in lex.phrases for k in range(i + 1, min(len(low), i + 4)))
        if word not in lex.verbs and not is_phrase:
            continue
        j = i - 1
        while j >= 0 and low[j] in _SKIP:
            j -= 1
        if j < 0 or sentence[toks[j][1]:toks[i][0]].strip(" ") not in ("",) and "," in sentence[toks[j][1]:toks[i][0]]:
            continue
        # the noun phrase ending at j; "the head of the ministry" has "head" as its head
        k = j
        while k > 0 and sentence[toks[k - 1][1]:toks[k][0]].strip() == "" and low[k - 1] not in ("and", "but", "that",
                                                                                                  "which", "who"):
            k -= 1
            if j - k > 6:
                break
        np = low[k:j + 1]
        head_index = j
        if "of" in np:
            head_index = k + np.index("of") - 1
        head = low[head_index]
        if head in lex.persons or head in people or (toks[head_index][2][:1].isupper() and head_index > 0
                                                     and head not in lex.institutions | institutions):
            continue
        if head in lex.institutions | institutions or " ".join(low[max(0, head_index - 1):head_index + 1]) in \
                lex.institutions:
            start = toks[head_index - 1][0] if " ".join(low[max(0, head_index - 1):head_index + 1]) in \
                lex.institutions else toks[head_index][0]
            return start, toks[i][1]
    return None
