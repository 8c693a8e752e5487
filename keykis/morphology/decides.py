"""Who decides in a sentence: a concrete person, or an institution (core idea 2 of the method).

«Министерство решило», «Акимат принял решение», «решение было принято», «Әкімдік шешті»,
"the ministry decided", "a decision was made": an institution as the subject of a verb of
deciding, believing or wanting, in any tense, aspect or voice, or a decision in the passive
with no person as its agent. A sentence in which a named person decides is fine, whatever
institutions it mentions. The lexicon is ``decides`` in schemas/wordlists.yaml.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from keykis.morphology import kazakh, russian
from keykis.morphology.script import fold

_TOKEN = re.compile(r"[\w’'-]+")
# quoted mentions are not uses: «…», “…”, „…“, ‚…‘, ‘…’, "…" (an apostrophe inside a word is not a quote)
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|‚[^‘’]*[‘’]|(?<!\w)‘[^’]*’|\"[^\"]*\"|(?<![\w])'[^'\n]*'(?!\w)")
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
    nouns: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()
    solve: frozenset[str] = frozenset()
    mind: frozenset[str] = frozenset()
    passive_any: frozenset[str] = frozenset()
    stance_nouns: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    roots: tuple[str, ...] = ()
    not_roots: frozenset[str] = frozenset()


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
        nouns=frozenset(str(w).lower() for w in spec.get("nouns", ())),
        levels=frozenset(str(w).lower() for w in spec.get("levels", ())),
        solve=frozenset(str(w).lower() for w in spec.get("solve", ())),
        mind=frozenset(str(w).lower() for w in spec.get("mind", ())),
        passive_any=frozenset(str(w).lower() for w in spec.get("passive_any", ())),
        stance_nouns=frozenset(str(w).lower() for w in spec.get("stance_nouns", ())),
        places=frozenset(str(w).lower() for w in spec.get("places", ())),
        roots=tuple(str(w).lower() for w in spec.get("roots", ())),
        not_roots=frozenset(str(w).lower() for w in spec.get("not_roots", ())),
    )


_RU_PREFIXES = "(?:по|пере|про|раз|из|вы|при|на|за|от|у|с|со|о|об|до|под|пред|вос|воз|в|не)?"


@cache
def _root_pattern(lang: str) -> re.Pattern[str]:
    """A lemma (ru: after a prefix) or a word form (en: with its endings) of the class of deciding."""
    roots = "|".join(re.escape(r) for r in lexicon(lang).roots) or "(?!)"
    if lang == "ru":
        return re.compile(rf"^{_RU_PREFIXES}(?:{roots})")
    return re.compile(rf"^(?:{roots})(?:e|es|ed|d|s|ing|eing|ted|ting|red|ring|led|ling|ned|ning|ped|ping)?$")


def deciding_lemma(lemma: str, lang: str = "ru") -> bool:
    """Whether ``lemma`` (a Russian lemma, an English word form) is of the class of deciding or of a stance."""
    return bool(_root_pattern(lang).match(lemma)) and lemma not in lexicon(lang).not_roots


def language_of(sentence: str) -> str:
    """``kk``, ``ru`` or ``en``: the language a sentence is read in."""
    words = _TOKEN.findall(sentence)
    cyr = [w for w in words if _CYRILLIC.search(w)]
    if not cyr:
        return "en"
    kk = sum(1 for w in cyr if _KAZAKH_LETTERS.search(w))
    return "kk" if kk * 5 >= len(cyr) else "ru"


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``, wrapped lines joined (keykis.morphology.sentences)."""
    from keykis.morphology.sentences import sentences as split

    yield from split(text)


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
    verbs = set(lex.verbs) | set(lex.passive) | set(lex.passive_any) | set(lex.mind)
    words = verbs | {b for _, b in lex.phrases if b not in _PREPOSITIONS | {"против"}} | set(lex.nouns) | {"зрения"}
    words |= {a for a, b in lex.phrases if b in _PREPOSITIONS | {"против"}}
    words |= {v + "ся" for v in verbs if not v.endswith("ся")}   # «принималось», «решался»
    forms: set[str] = set()
    for word in words:
        for p in russian.parses(word):
            if p.normal_form == word:
                forms |= {f.word.replace("ё", "е") for f in p.lexeme}
        forms.add(word)
    return frozenset(forms)


def _russian(sentence: str, institutions: frozenset[str], people: frozenset[str]) -> tuple[int, int] | None:
    """Who decides in a Russian sentence, read from its morphology.

    A predicate of deciding or of a stance (a lemma of ``verbs``, a ``phrases`` pair, a noun of
    ``nouns``, a passive of ``passive_any``) whose agent is an institution is reported: the subject of
    an active verb, the agent in the instrumental of a passive, the genitive of a decision noun
    («по решению акимата», «решением управления»), the place of an impersonal or indefinite-personal
    sentence («в акимате решили», «на уровне министерства принималось»), and a decision in the
    passive with no one who took it («решено», «принято решение»). An animate subject, a role noun or
    a person of the case is fine; a problem that is «решена» was solved, not decided.
    """
    lex = lexicon("ru")
    insts = lex.institutions | institutions
    toks = _tokens(sentence)
    low = [t.lower() for _, _, t in toks]
    whole = " ".join(low).replace("ё", "е")
    if not _RU_ROOT_IN_WORD.search(whole):
        triggers = _russian_triggers()
        if not any(w in triggers for w in whole.split()):
            return None
    # nothing can decide here without a body, a place, initials, a word of the case's institutions or an
    # impersonal passive: the cheap test before the morphology
    if not (_ru_bodies().search(whole) or _RU_IMPERSONAL.search(whole) or any(
            w[:1].isupper() for _, _, w in toks[1:]) or (institutions and any(w in institutions for w in low))
            or any({"Geox", "Orgn"} & set(p.tag.grammemes) for p in russian.parses(low[0])[:2])):
        return None
    parsed = [_usable(russian.parses(w)) for w in low]
    lemmas = [{p.normal_form for p in ps} for ps in parsed]
    after_prep = [i > 0 and low[i - 1] in _PREPOSITIONS for i in range(len(toks))]
    n = len(toks)

    def span(a: int, b: int) -> tuple[int, int]:
        return toks[min(a, b)][0], toks[max(a, b)][1]

    def institution(j: int) -> bool:
        word = low[j]
        if word in people or not parsed[j] and not _ACRONYM.fullmatch(toks[j][2]):
            return False
        if word in insts or lemmas[j] & insts:
            return True
        raw = toks[j][2]
        if _ACRONYM.fullmatch(raw) and raw.isupper():
            return True   # ЦОН, МИД, ЦСК: an organisation's initials
        return any({"Orgn", "Geox"} & set(p.tag.grammemes) for p in parsed[j] if p.score >= 0.1)

    def place(j: int) -> bool:
        """A place that stands for its government only as the subject of a verb («Астана решила»)."""
        return bool(lemmas[j] & lex.places) or any("Geox" in p.tag.grammemes for p in parsed[j][:1])

    def person(j: int) -> bool:
        if institution(j) and low[j] not in people:
            return False
        return any(_is_person(p, toks[j][2], lex, people) for p in parsed[j][:2]) or any(
            "anim" in p.tag.grammemes and p.tag.POS == "NOUN" for p in parsed[j][:1])

    def noun_case(j: int, case: str) -> bool:
        return any(p.tag.case == case and p.tag.POS in ("NOUN", None) for p in parsed[j]) or (
            not parsed[j] and _ACRONYM.fullmatch(toks[j][2]) is not None)

    def genitive_after(i: int) -> int | None:
        """The head of a genitive phrase right after ``i`` (adjectives and numbers skipped)."""
        j = i + 1
        while j < n and any(p.tag.POS in ("ADJF", "PRTF", "NUMR") for p in parsed[j][:1]) and not institution(j):
            j += 1
        return j if j < n and (noun_case(j, "gent") or institution(j) and not parsed[j]) else None

    # clauses: a subject is looked for in the predicate's own clause first
    clause = [0] * n
    for i in range(1, n):
        gap = sentence[toks[i - 1][1]:toks[i][0]]
        clause[i] = clause[i - 1] + (1 if re.search(r"[,:;—–()]", gap) or low[i] in ("что", "чтобы", "который")
                                     else 0)

    # 1. a decision noun with an institution in the genitive: «по решению акимата», «решением управления»
    for i in range(n):
        # the noun as the ground of an action: «по решению X» (dative after «по»), «решением X» (instrumental),
        # or a stance noun in any case («позиция филиала», «мнение министерства»)
        ground = lemmas[i] & lex.nouns and any(
            p.tag.POS == "NOUN" and ((p.tag.case == "datv" and i > 0 and low[i - 1] in (
                "по", "согласно", "благодаря", "вопреки", "соответственно"))   # «по решению», «согласно решению»
                                     or (p.tag.case == "ablt" and (not after_prep[i] or i > 1 and low[i - 2] in (
                                         "соответствии", "согласии", "связи")))   # «решением», «в соответствии с»
                                     or p.normal_form in lex.stance_nouns) for p in parsed[i])
        if ground:
            j = genitive_after(i)
            if j is not None and institution(j) and not person(j) and not place(j):
                start = i - 1 if after_prep[i] else i
                return span(start, j)
        # «с точки зрения министерства»
        if low[i] == "зрения" and i > 1 and low[i - 2] == "с":
            j = genitive_after(i)
            if j is not None and institution(j):
                return span(i - 2, j)

    def in_institution(c: int) -> int | None:
        """An institution or a level the clause ``c`` places its predicate at: «в акимате», «на уровне района»."""
        for j in range(1, n):
            if clause[j] != c or not after_prep[j]:
                continue
            if low[j - 1] in ("в", "во", "на") and institution(j) and noun_case(j, "loct") and not (
                    place(j) and not lemmas[j] & lex.places):   # «в Центральной Азии определены»: a region, not a body
                return j
            if lemmas[j] & lex.levels and low[j - 1] == "на":
                k = genitive_after(j)
                if k is not None and (institution(k) or any(p.tag.POS == "NOUN" for p in parsed[k])):
                    return k
        return None

    def placed(place: int, i: int) -> tuple[int, int]:
        k = place
        while k > 0 and after_prep[k]:
            k -= 1
        return span(min(k, i), max(place, i))

    def agent(i: int) -> str | None:
        """``person`` or ``institution``: who a passive ``i`` names in the instrumental."""
        for j in range(n):
            if j == i or after_prep[j] or clause[j] != clause[i] and abs(j - i) > 6:
                continue
            if any(p.tag.case == "ablt" and p.tag.POS in ("NOUN", "NPRO") for p in parsed[j]) or (
                    not parsed[j] and low[j] in people):
                if lemmas[j] & lex.nouns:   # «приказом филиала»: the act's author is its agent
                    k = genitive_after(j)
                    if k is not None and institution(k) and not person(k):
                        return "institution"
                    if k is not None and person(k):
                        return "person"
                    continue
                if person(j):
                    return "person"
                if institution(j) and not place(j):   # «считать столицей» names no agent
                    return "institution"
        return None

    def subject_of(i: int, lemma_set: frozenset[str]) -> int | None:
        """A nominative noun of the clause that names what was solved or decided («проблема», «решение»)."""
        for j in range(n):
            if clause[j] == clause[i] and j != i and not after_prep[j] and lemmas[j] & lemma_set and any(
                    p.tag.case == "nomn" for p in parsed[j]):
                return j
        return None

    decision_words = {b for _, b in lex.phrases}
    phrase_verbs = {a for a, _ in lex.phrases}

    def phrase_object(i: int, verb: str, reach: int = 5) -> bool:
        if verb not in phrase_verbs:
            return False
        wanted = {b for a, b in lex.phrases if a == verb}
        return any(wanted & lemmas[j] or low[j] in wanted for j in range(max(0, i - reach), min(n, i + reach))
                   if j != i)

    for i, ps in enumerate(parsed):
        if any(low[j] in ("если", "ежели") for j in range(i) if clause[j] == clause[i]):
            continue   # «если акиматы откажут»: a hypothesis, not a statement of who decided
        for pred in ps:
            pos = pred.tag.POS
            lemma = pred.normal_form
            base = lemma[:-2] if lemma.endswith(("ся", "сь")) and pos == "VERB" else lemma
            reflexive = base != lemma and (base in lex.passive_any or base in lex.verbs or phrase_object(i, base))
            passive = pos == "PRTS" and (lemma in lex.passive_any or phrase_object(i, lemma, n))
            if reflexive and lemma in lex.verbs:   # «отказаться», «согласиться» are active verbs of their own
                reflexive = False
            if reflexive and not passive and "реш" in base:
                # «министерство решилось», «акимат не согласовывается»: a body as the subject makes it active
                bodies = [j for j in range(i) if clause[j] == clause[i] and not after_prep[j] and institution(j)
                          and noun_case(j, "nomn") and not lemmas[j] & (lex.solve | lex.nouns | decision_words)]
                if bodies:
                    return span(bodies[-1], i)
            if passive or (reflexive and pred.tag.person in (None, "3per")):
                # «решено», «утверждён министерством», «решение принималось в филиале», «вопрос решался на уровне …»
                core = base in lex.passive or phrase_object(i, base, n) or lemma in lex.passive
                solved = subject_of(i, lex.solve)
                by = agent(i)
                if by == "person":
                    break
                if by == "institution":
                    return _agent_span(toks, parsed, i, n)
                where = in_institution(clause[i])
                if where is not None:
                    return placed(where, i)
                if core and solved is None and (reflexive is False or subject_of(i, frozenset(decision_words))
                                                is not None):
                    near = [j for j in range(0, i) if lemmas[j] & decision_words] or [
                        j for j in range(max(0, i - 2), i) if "быть" in lemmas[j]]
                    return span(near[0] if near else i, i)
                break
            deciding = lemma in lex.verbs or phrase_object(i, lemma, 5) or (
                pos in ("VERB", "ADJS", "PRTS", "PRTF", "INFN") and deciding_lemma(lemma))
            if pos == "PRTF" and "pssv" in pred.tag.grammemes and deciding:
                about_decision = lemma in lex.passive or any(
                    lemmas[j] & (lex.nouns | decision_words) for j in range(max(0, i - 3), min(n, i + 4)) if j != i)
                if about_decision and agent(i) == "institution":   # «принятое акиматом решение»
                    return _agent_span(toks, parsed, i, n)
                continue
            if pos == "INFN" and deciding and i > 0 and any(
                    p.tag.POS in ("ADJS", "VERB") and p.normal_form in _MODALS for p in parsed[i - 1]):
                pred = next(p for p in parsed[i - 1] if p.normal_form in _MODALS)   # «министерство должно решить»
                pos = pred.tag.POS
            stative = pos == "PRTS" and lemma not in lex.passive_any   # «убеждено», «намерено»: a state of mind
            if not deciding or pos not in ("VERB", "ADJS") and not stative:
                continue   # participles describe, they do not state who decided

            def candidates(where: range, i: int = i, pred: Any = pred) -> list[tuple[int, Any]]:
                found = []
                for j in where:
                    if j == i or after_prep[j]:
                        continue
                    for p in parsed[j]:
                        if p.score < 0.1 and p is not parsed[j][0]:
                            continue   # «зала» is not the plural of «зало»
                        joined = pred.tag.number == "plur" and (j + 1 < n and low[j + 1] == "и" or low[j - 1] == "и")
                        if (p.tag.case == "nomn" and p.tag.POS in ("NOUN", "NPRO") and (_agrees(p, pred) or joined)) or (
                                (not parsed[j] or "UNKN" in p.tag.grammemes) and institution(j)):
                            found.append((j, p))
                            break
                        if p.tag.case == "nomn" and p.normal_form == "который" and j > 0:
                            # «госкорпорация, которая решила»: the relative pronoun stands for its antecedent
                            ante = [k for k in range(j - 1, max(-1, j - 5), -1) if institution(k) and not person(k)]
                            if ante:
                                found.append((ante[0], parsed[ante[0]][0] if parsed[ante[0]] else None))
                                break
                    else:
                        if not parsed[j] and institution(j):
                            found.append((j, None))
                return found

            subjects = [c for c in candidates(range(n)) if clause[c[0]] == clause[i]]
            if not subjects:
                subjects = [c for c in candidates(range(i)) if clause[c[0]] < clause[i]][-2:]
            if any(j < i for j, _ in subjects):   # the subject before its verb; after it, it is the object
                subjects = [c for c in subjects if c[0] < i]
            if any(person(j) for j, _ in subjects):
                break
            if "реш" in base and any(
                    lemmas[j] & lex.solve and any(p.tag.case == "accs" for p in parsed[j])
                    for j in range(i + 1, n) if clause[j] == clause[i]):
                break   # «новый график решил проблему»: solved
            inst = [j for j, _ in subjects if institution(j)]
            if not inst and lemma in lex.mind:
                # a lifeless thing that decides, believes or refuses stands for an institution («совещание решило»)
                inst = [j for j, p in subjects if j < i and p is not None and p is parsed[j][0] and p.tag.POS == "NOUN"
                        and "inan" in p.tag.grammemes and _BODY.search(p.normal_form)
                        and not lemmas[j] & (lex.solve | lex.nouns | decision_words)]
            if inst:
                j = min(inst, key=lambda k: abs(k - i))
                return span(j, i)
            own = [c for c in subjects if clause[c[0]] == clause[i]]
            if not own and pred.tag.number == "plur" and pred.tag.person in (None, "3per"):
                # «в акимате решили», «так решили в госкорпорации»: an indefinite-personal sentence in an institution
                where = in_institution(clause[i])
                if where is not None:
                    return placed(where, i)
            break
    return None


def _agent_span(toks: list[tuple[int, int, str]], parsed: list[tuple[Any, ...]], i: int, n: int) -> tuple[int, int]:
    """From the passive ``i`` to its instrumental agent."""
    ablt = [j for j in range(n) if j != i and any(p.tag.case == "ablt" for p in parsed[j])]
    j = min(ablt, key=lambda k: abs(k - i)) if ablt else i
    return toks[min(i, j)][0], toks[max(i, j)][1]


# the endings of nouns that name a body of people: министерство, акимат, секретариат, комиссия, прокуратура
_BODY = re.compile(r"(?:ство|ат|иат|ция|сия|ура|ум|итет|ет|ал)$")
_MODALS = {"должный", "обязанный", "готовый", "вынужденный", "мочь", "собираться", "пытаться", "намереваться",
           "планировать", "хотеть", "обещать", "отказаться", "отказываться", "стать", "начать"}
_KK_PASSIVE = re.compile(r"(?:ыл|іл)(?:ма|ме)?(?:ды|ді)$")   # finite: «тоқтатылды»; «жүргізілетін» describes
_RU_IMPERSONAL = re.compile(r"решен|постановл|принят|принима|решал|решает|решают|решил|решат")


@cache
def _ru_bodies() -> re.Pattern[str]:
    """The starts of the institution and place words («министерств», «акимат»), for a cheap first test."""
    lex = lexicon("ru")
    stems = sorted({w[:max(4, len(w) - 2)] for w in lex.institutions | lex.places if len(w) >= 3}, key=len)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(x) for x in stems) + ")")


_RU_ROOT_IN_WORD = re.compile(r"реш|счит|счес|счел|счёл|полаг|дума|намер|постанов|утвер|одобр|соглас|отказ|отклон|"
                              r"наста|насто|возраж|голос|избр|избир|предпоч|призна|склон|убежд|убед|уверен|"
                              r"рекоменд|запре|санкцион|пересмотр|отверг|воспротив|настроен")
_ACRONYM = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮҺІ]{2,6}")


# -- Kazakh --------------------------------------------------------------------------------
_NAME_ENDINGS = re.compile(r"\w{3}(?:ов|ев|ова|ева|ин|ина|ұлы|қызы|улы|кызы)$")   # «Қаулы» is no patronymic


def _kazakh(sentence: str, institutions: frozenset[str], people: frozenset[str]) -> tuple[int, int] | None:
    """Who decides in a Kazakh sentence, read with the suffix grammar of keykis.morphology.kazakh.

    An institution (or a place standing for its government) in the nominative before a verb of
    deciding or of a stance («бас тартты», «қарсы шықты», «қолдады») is reported, and so is a passive
    («бекітілді», «шешім қабылданды») whose agent is an institution («бөлімімен»), which is placed in
    one («әкімдікте», «аудан деңгейінде»), or which names no one; and the genitive of an institution
    before a decision noun («әкімдіктің шешімімен», «бөлімінің пікірінше»). «Мәселе шешілді» — a
    problem solved — is not a decision; a person of the case, a role noun or a name decides.
    """
    lex = lexicon("kk")
    insts = lex.institutions | institutions
    toks = _tokens(sentence)
    low = [t.lower() for _, _, t in toks]
    n = len(toks)

    def case_of(j: int, stems: frozenset[str]) -> str | None:
        reading = kazakh.noun_stem_case(low[j], stems)
        return reading[1] if reading else None

    def institution(j: int) -> str | None:
        return case_of(j, insts) or case_of(j, lex.places)

    def person(j: int) -> bool:
        return _kk_person(toks[j][2], low[j], lex, people)

    # 1. an institution in the genitive before a decision noun: «әкімдіктің шешімімен», «бөлімінің пікірінше»
    for i in range(1, n):
        grounds = case_of(i, lex.nouns)   # «шешімімен», «тарапынан», «шешімі бойынша», «пікірінше»
        if grounds in ("ins", "abl") or (grounds == "nom" and i + 1 < n and low[i + 1] == "бойынша") or any(
                low[i].startswith(s) and low[i].endswith(("інше", "ынша")) for s in lex.nouns):
            for j in range(max(0, i - 3), i):
                if case_of(j, insts) == "gen" and not any(person(k) for k in range(j + 1, i)):
                    return toks[j][0], toks[i][1]
            if case_of(i - 1, insts) == "nom" and not low[i - 1].endswith(("ы", "і")) and low[i] != lex_noun_bare(
                    low[i], lex.nouns):   # «мәслихат шешімі бойынша»: the izafet names the author too
                return toks[i - 1][0], toks[i][1]

    starts = {stem[:2] for stem in (*lex.verbs, *lex.passive, *lex.passive_any, *(v for _, v in lex.phrases),
                                    *(v for _, v in lex.passive_phrases))}
    for i, word in enumerate(low):
        if word[:2] not in starts and not _KK_PASSIVE.search(word) and not (
                i + 1 == n and any(kazakh.noun_stem_case(w, lex.nouns) for w in low[max(0, i - 3):i])):
            continue

        def after(noun: str, i: int = i) -> bool:
            return any(kazakh.noun_stem_case(low[j], frozenset({noun})) for j in range(max(0, i - 3), i))

        near = _kk_stems_by_start()[word[:2]] if word[:2] in starts else frozenset()
        # any passive («тоқтатылды», «жабылған») placed in an institution or with one as its agent
        generic = bool(_KK_PASSIVE.search(word)) and any(
            case_of(j, insts) in ("loc", "ins") and not low[j].endswith(("дағы", "дегі", "тағы", "тегі"))
            for j in range(max(0, i - 4), i))
        # any verb at the end of a clause whose object is a decision («шешімін өзгертпеді»)
        last = i + 1 == n or bool(re.search(r"[,:;—–]", sentence[toks[i][1]:toks[i + 1][0]]))
        on_decision = last and any(case_of(j, lex.nouns) == "acc" for j in range(max(0, i - 3), i))
        core = any(kazakh.is_finite_form(word, s) for s in lex.passive if s in near) or any(
            verb in near and kazakh.is_finite_form(word, verb) and after(noun) for noun, verb in lex.passive_phrases)
        passive = core or generic or any(kazakh.is_finite_form(word, s) for s in lex.passive_any if s in near)
        active = not passive and (on_decision or any(kazakh.is_verb_form(word, s) for s in lex.verbs if s in near)
                                  or any(verb in near and kazakh.is_verb_form(word, verb) and after(noun)
                                         for noun, verb in lex.phrases))
        if not (active or passive):
            continue
        if re.search(r"(?:мын|мін|мыз|міз|сың|сің|сыз|сіз|быз|біз|пыз|піз)$|(?:ды|ді|ты|ті)(?:м|ң|қ|к|ңыз|ңіз)$", word):
            continue   # «деп санаймыз», «шештік»: the writer speaks, not an institution
        start = 0
        for j in range(i, 0, -1):
            if re.search(r"[,:;—–()]", sentence[toks[j - 1][1]:toks[j][0]]) or low[j - 1] in ("ал", "бірақ", "әрі"):
                start = j
                break
        before = range(start, i)
        if word.startswith("шеш") and any(case_of(j, lex.solve) in ("nom", "acc") for j in before):
            continue   # «мәселе шешілді», «мәселені шешті»: a problem solved, not a decision taken
        # a place stands for its government only right before its verb («облыс шешті»); further away it
        # is a modifier («екі ел ... ынтымақтастықтары көздеді»); «қаласындағы» describes, it does not place
        inst = [(j, c) for j in before for c in [institution(j)] if c and (case_of(j, insts) or j >= i - 2 or c != "nom")
                and not low[j].endswith(("дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі"))]
        persons = [j for j in before if person(j)]
        if passive:
            by = [j for j in before if case_of(j, insts) == "ins" or (person(j) and low[j].endswith(
                ("мен", "бен", "пен")))]
            if by and not person(by[0]):
                return toks[by[0]][0], toks[i][1]
            if by or persons:
                continue
            at = [j for j, c in inst if c == "loc"] or [j for j in before if case_of(j, lex.levels) == "loc"]
            if at:
                return toks[max(start, at[0] - 1) if case_of(at[0], lex.levels) else at[0]][0], toks[i][1]
            if core:
                first = inst[0][0] if inst else max(start, i - 2)
                return toks[first][0], toks[i][1]
            continue
        subject = [j for j, c in inst if c == "nom"]
        head = bool(persons) and bool(subject) and persons[0] == subject[0] + 1 and low[persons[0]].endswith(
            ("ы", "і"))   # «департамент басшысы»: the possessed head of the phrase decides
        if persons and (not subject or persons[0] < subject[0] or head):
            continue
        if subject:
            return toks[subject[0]][0], toks[i][1]
    return None


@cache
def _kk_stems_by_start() -> dict[str, frozenset[str]]:
    """The Kazakh verb stems of the lexicon by their first two letters (a word is tried only against these)."""
    lex = lexicon("kk")
    out: dict[str, set[str]] = {}
    for stem in (*lex.verbs, *lex.passive, *lex.passive_any, *(v for _, v in lex.phrases),
                 *(v for _, v in lex.passive_phrases)):
        out.setdefault(stem[:2], set()).add(stem)
    return defaultdict(frozenset, {k: frozenset(v) for k, v in out.items()})


def lex_noun_bare(word: str, nouns: frozenset[str]) -> str:
    """``word`` itself when it is a bare noun of ``nouns`` (no possessive: not an izafet head), else ''."""
    return word if word in nouns else ""


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
_BE = r"(?:is|are|was|were|be|been|being|has been|have been|had been|will be|would be)"
_ADVERBS = r"(?:\s+(?:\w+ly|then|also|soon|later|finally|eventually|not|never|already))*"
_PASSIVE = re.compile(r"\b(?:(?:the|a|an|this|that|no|final)\s+)?(?:decision|choice)s?\b"
                      r"(?:\s+(?:to|on|about|of)\b[^,;]{0,60}?)?\s+" + _BE + _ADVERBS
                      + r"\s+(?:made|taken|reached|adopted)\b", re.IGNORECASE)
_IMPERSONAL = re.compile(r"\bit\s+" + _BE + _ADVERBS + r"\s+(?:decided|agreed|resolved|concluded|determined|felt|"
                         r"thought|believed|considered|ruled)\b", re.IGNORECASE)
# a passive of deciding or of a stance; who (or where) is read after it
_PASSIVE_ANY = re.compile(r"\b" + _BE + _ADVERBS + r"\s+(?:approved|decided|rejected|endorsed|agreed|adopted|taken|"
                          r"made|chosen|resolved|ruled|vetoed|turned down|signed off|sanctioned|backed|blocked|refused|"
                          r"cleared|overruled|dismissed|authori[sz]ed|determined)\b", re.IGNORECASE)
_BY = re.compile(r"\s*(?:\w+ly\s+)?(?:on\s+\w+\s+)?by\s+(?:the\s+|a\s+|its\s+|their\s+)?((?:[\w'’-]+\s+){0,3}[\w'’-]+)",
                 re.IGNORECASE)
_LEVEL = re.compile(r"\bat\s+(?:the\s+)?(?:[\w-]+\s+){0,2}level\b|\bat\s+the\s+level\s+of\b", re.IGNORECASE)
# the ground of an action: "by decision of the akimat", "according to the ministry", "in the view of the council"
_GROUND = re.compile(r"\b(?:(?:by|on|upon|under|following|per|after)\s+(?:a\s+|the\s+)?(?:decision|order|orders|"
                     r"instruction|instructions|ruling|resolution|decree|initiative|insistence)\s+of|according\s+to|"
                     r"in\s+the\s+(?:view|opinion|judgement|judgment)\s+of|in\s+(?:its|their)\s+view\s*,?\s*the)"
                     r"\s+(?:the\s+)?((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.IGNORECASE)
# "the decision rested with the commission", "the final say lay with the akimat"
_RESTED = re.compile(r"\b(?:decision|choice|say|verdict)s?\s+(?:\w+\s+)?(?:rested|rests|lay|lies|was left|remained|"
                     r"remains|sat|sits)\s+with\s+(?:the\s+)?((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.IGNORECASE)
# "the ministry is of the view that ...", "the akimat was of the opinion"
_OF_VIEW = re.compile(r"\b((?:[\w'’-]+\s+){0,2}[\w'’-]+)\s+(?:is|was|are|were|remains|remained|seems|seemed)\s+"
                      r"(?:\w+ly\s+)?of\s+the\s+(?:view|opinion|mind)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\b([\w-]+)['’]s?\s+(?:decision|view|position|stance|ruling|verdict|refusal|choice|"
                         r"instructions?|orders?|guidance|opinion|approval|veto|line|insistence|preference)s?\b",
                         re.IGNORECASE)


_EN_PLACE = re.compile(r"\s*(?:\w+\s+)?(?:in|at|within)\s+(?:the\s+)?((?:[\w-]+\s+){0,2}[\w-]+)", re.IGNORECASE)
_EN_STOP = {"after", "before", "when", "while", "in", "on", "at", "and", "but", "to", "for", "with", "as", "because",
            "since", "until", "during", "who", "which", "that", "so", "or", "from", "without", "last", "this", "next",
            "early", "late"}


def _en_head(phrase: str) -> str:
    """The head word of a noun phrase: "the foreign ministry of the republic" -> "ministry"."""
    words = [w.lower() for w in re.findall(r"[\w'’-]+", phrase)]
    cut = next((k for k, w in enumerate(words) if k and w in _EN_STOP), len(words))
    words = words[:cut]
    if "of" in words[1:]:
        words = words[:words.index("of", 1)]
    return words[-1].rstrip("'’s") if words else ""


def _english(sentence: str, institutions: frozenset[str], people: frozenset[str]) -> tuple[int, int] | None:
    lex = lexicon("en")
    insts = lex.institutions | institutions | lex.places

    def institutional(phrase: str) -> bool:
        words = [w.lower() for w in re.findall(r"[\w'’-]+", phrase)]
        words = words[:next((k for k, w in enumerate(words) if k and w in _EN_STOP), len(words))]
        head = _en_head(phrase)
        if head in lex.persons or head in people or any(w in people for w in words):
            return False
        return head in insts or " ".join(words[-2:]) in insts

    for pattern in (_PASSIVE, _IMPERSONAL):
        m = pattern.search(sentence)
        if m:
            by = _BY.match(sentence, m.end())
            if by and not institutional(by.group(1)):
                continue
            return m.start(), m.end()
    for m in _PASSIVE_ANY.finditer(sentence):
        by = _BY.match(sentence, m.end())
        if by:
            if institutional(by.group(1)):
                return m.start(), by.end()
            continue
        level = _LEVEL.search(sentence, m.end())
        if level:
            return m.start(), level.end()
        place = _EN_PLACE.match(sentence, m.end())
        if place and institutional(place.group(1)) and _en_head(place.group(1)) not in lex.places:
            return m.start(), place.end()
    for m in _OF_VIEW.finditer(sentence):
        if institutional(m.group(1)):
            return m.start(1), m.end()
    for m in _RESTED.finditer(sentence):
        if institutional(m.group(1)):
            return m.start(), m.end()
    for pattern in (_GROUND, _POSSESSIVE):
        for m in pattern.finditer(sentence):
            if institutional(m.group(1)) and _en_head(m.group(1)) not in lex.places or (
                    pattern is _POSSESSIVE and _en_head(m.group(1)) in lex.institutions | institutions):
                return m.start(), m.end()
    toks = _tokens(sentence)
    low = [t.lower() for _, _, t in toks]
    phrase_verbs = {a for a, _ in lex.phrases}
    for i, word in enumerate(low):
        is_phrase = word in phrase_verbs and any(
            (word, low[k]) in lex.phrases for k in range(i + 1, min(len(low), i + 4)))
        if word not in lex.verbs and not is_phrase and not deciding_lemma(word, "en"):
            continue
        j = i - 1
        while j >= 0 and low[j] in _SKIP:
            j -= 1
        if j > 0 and low[j] in ("which", "that") and "," in sentence[toks[j - 1][1]:toks[j][0]]:
            # "the akimat, which had decided": the relative pronoun stands for the noun before the comma
            if low[j - 1] in lex.institutions | institutions | lex.places:
                return toks[j - 1][0], toks[i][1]
            continue
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
        if head in insts or " ".join(low[max(0, head_index - 1):head_index + 1]) in \
                lex.institutions:
            start = toks[head_index - 1][0] if head_index > 0 and " ".join(low[head_index - 1:head_index + 1]) in \
                lex.institutions else toks[head_index][0]
            return start, toks[i][1]
    return None
