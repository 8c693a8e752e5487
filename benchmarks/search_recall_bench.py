"""Benchmark: search recall on word forms nobody on the team chose, and precision on near-stem pairs.

For every bundled case (``cases/``) this takes the words of the text a student
reads (the view the index is made from, ``keykis.search.terms.student_texts``)
and makes OTHER forms of them, then asks ``search()`` for each form alone and
counts the case as found when it is among the hits:

- Russian: every noun and full adjective pymorphy3 recognises gives the case
  and number forms of its lexeme that the text does not itself contain;
- Kazakh: a small generator written here from the textbook rules, not from
  ``keykis.morphology.kazakh`` (sources: A. Muhamedowa, *Kazakh: A
  Comprehensive Grammar*, Routledge 2016, ch. "Nouns" — plural, possessive
  and the seven cases; N. Oralbaeva et al., *Қазіргі қазақ тілі*, the tables
  of case endings by the stem's last sound): plural -лар/-дар/-тар by the last
  sound, the 3rd-person possessive -ы/-сы, the cases (genitive, dative,
  accusative, locative, ablative, instrumental; nominative is the bare stem)
  with back/front harmony, their н-forms after the possessive, and к→г, қ→ғ,
  п→б before a vowel-initial suffix. A noun is taken from the text when one
  of its words is a form this generator can make of a shorter stem (so verbs
  and nouns only ever seen bare are left out);
  Each Kazakh form is also asked as typed on a Russian keyboard (ә→а, і→и,
  ұ/ү→у, қ→к, ғ→г, ң→н, ө→о), reported apart as "kk typed";
- English: the plural or singular of a word, and -ed/-ing of a word that
  has one of them.

Forms are sampled with a fixed seed (``--seed``), at most ``--per-word``
forms per word and ``--per-case`` words per case. Precision: for pairs of
words that share a Snowball stem or a prefix but not a meaning
(«акимат»/«аким»), the cases found by one must not include the cases that
only use the other.

    timeout 300 .venv/bin/python benchmarks/search_recall_bench.py [--seed 7] [--per-case 40] [--emit N]

``--emit N`` prints N sampled (form, case) pairs of each language as Python, for a test's query list.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keykis.gate import require_case  # noqa: E402
from keykis.model import find_cases, load_case  # noqa: E402
from keykis.search import search  # noqa: E402
from keykis.search.live import index_cases  # noqa: E402
from keykis.search.stems import query_stems, stem, words  # noqa: E402
from keykis.search.terms import student_texts  # noqa: E402

# ---------------------------------------------------------------- Kazakh, from the textbook tables
BACK, FRONT = set("аоұыуяюё"), set("әеөүіиэ")
VOWELS = BACK | FRONT
VOICELESS = set("кқпстфхцчшщ")
VOICED_OBSTRUENT = set("бвгд")  # spelled voiced, pronounced voiceless at the end of a word: they take the т-forms
NASAL = set("мнң")
SONORANT = set("лрйу")  # with ж, з the "voiced" column of the tables
VOICE = {"к": "г", "қ": "ғ", "п": "б"}


def _front(stem: str) -> bool:
    """Harmony by the stem's last vowel (и, э in loans count as front, у, я, ю, ё as back)."""
    for ch in reversed(stem):
        if ch in VOWELS:
            return ch in FRONT
    return False


def _pick(front: bool, back_form: str) -> str:
    return back_form.translate(str.maketrans("аыұқғ", "еіүкг")) if front else back_form


def _last(stem: str) -> str:
    """The class of the stem's last sound: vowel, sonorant (л р й у), zh (ж з), nasal (м н ң), voiceless."""
    c = stem[-1]
    if c in VOWELS and c != "у":
        return "vowel"
    if c in SONORANT:
        return "sonorant"
    if c in "жз":
        return "zh"
    if c in NASAL:
        return "nasal"
    return "voiceless"  # к қ п с т ф х ц ч ш щ and the obstruents б в г д


def _join(stem: str, suffix: str) -> str:
    """Stem + suffix with к→г, қ→ғ, п→б before a vowel-initial suffix."""
    if suffix and suffix[0] in VOWELS and stem[-1] in VOICE and len(stem) > 2:
        stem = stem[:-1] + VOICE[stem[-1]]
    return stem + suffix


def plural(stem: str) -> str:
    last = _last(stem)
    form = "лар" if last in ("vowel", "sonorant") and stem[-1] != "л" else "дар" if last in ("zh", "nasal") or \
        stem[-1] == "л" else "тар"
    return stem + _pick(_front(stem), form)


def case_forms(stem: str) -> dict[str, str]:
    """The six oblique cases of a bare stem (or of a plural, which ends in р)."""
    f, last = _front(stem), _last(stem)
    gen = {"vowel": "ның", "nasal": "ның", "sonorant": "дың", "zh": "дың"}.get(last, "тың")
    acc = {"vowel": "ны", "nasal": "ды", "sonorant": "ды", "zh": "ды"}.get(last, "ты")
    dat = "қа" if last == "voiceless" else "ға"
    loc = "та" if last == "voiceless" else "да"
    abl = {"vowel": "дан", "sonorant": "дан", "zh": "дан", "nasal": "нан"}.get(last, "тан")
    ins = {"vowel": "мен", "sonorant": "мен", "zh": "бен", "nasal": "мен"}.get(last, "пен")
    out = {"gen": gen, "dat": dat, "acc": acc, "loc": loc, "abl": abl}
    forms = {k: stem + _pick(f, v) for k, v in out.items()}
    forms["ins"] = stem + ins  # -мен/-бен/-пен has no back form
    return forms


def possessed(stem: str) -> dict[str, str]:
    """The 3rd-person possessive (-ы/-і after a consonant, -сы/-сі after a vowel) and its cases (н-forms)."""
    f = _front(stem)
    base = stem + _pick(f, "сы") if _last(stem) == "vowel" else _join(stem, _pick(f, "ы"))
    out = {"poss": base}
    for k, v in {"gen": "ның", "dat": "на", "acc": "н", "loc": "нда", "abl": "нан"}.items():
        out["poss-" + k] = base + _pick(f, v)
    out["poss-ins"] = base + "мен"
    return out


def kazakh_forms(stem: str) -> dict[str, str]:
    """Every form the generator makes of a noun stem, by name."""
    out = {"nom": stem, "pl": plural(stem)}
    out.update(case_forms(stem))
    out.update({"pl-" + k: v for k, v in case_forms(plural(stem)).items()})
    out.update(possessed(stem))
    out.update({"pl-" + k: v for k, v in possessed(plural(stem)).items()})
    return out


def kazakh_nouns(text_words: set[str]) -> dict[str, str]:
    """{stem: a text word that is a form of it}: the shortest stem (≥ 3 letters) whose forms hold the word, kept when
    the text has the stem bare or two of its forms (a verb such as «сұрады» would otherwise pass for «сұрад» + -ы)."""
    seen: dict[str, list[str]] = defaultdict(list)
    for w in sorted(text_words):
        for i in range(3, len(w)):
            candidates = [w[:i]]
            if w[i - 1] in "гғб" and w[i] in VOWELS:
                candidates.insert(0, w[:i - 1] + {"г": "к", "ғ": "қ", "б": "п"}[w[i - 1]])
            hit = next((c for c in candidates if w in kazakh_forms(c).values()), None)
            if hit:
                seen[hit].append(w)
                break
    return {s: ws[0] for s, ws in seen.items() if len(ws) > 1 or s in text_words}


# ---------------------------------------------------------------- Russian, English
_MORPH = None
_NOT_COMMON = {"Name", "Surn", "Patr", "Abbr", "Init", "Apro"}


def russian_forms(word: str) -> tuple[str, list[str]]:
    """(lemma, the case and number forms of ``word``'s lexeme) for a noun or full adjective the dictionary knows
    (not a guess: a piece of a hyphenated name such as «Тель-Авив» is left out), else ("", [])."""
    global _MORPH
    if _MORPH is None:
        import pymorphy3

        _MORPH = pymorphy3.MorphAnalyzer()
    p = _MORPH.parse(word)[0]
    if not p.is_known or p.tag.POS not in ("NOUN", "ADJF") or _NOT_COMMON & set(p.tag.grammemes):
        return "", []
    forms = [f.word for f in p.lexeme if f.tag.POS == p.tag.POS and not {"Cmp2", "Supr", "Qual"} & set(f.tag.grammemes)]
    return p.normal_form, list(dict.fromkeys(forms))


_EN_SKIP = {"which", "their", "there", "these", "those", "where", "while", "would", "could", "should", "about", "other"}


def english_forms(word: str) -> list[str]:
    if len(word) < 5 or not word.isalpha() or not word.isascii() or word in _EN_SKIP:
        return []
    if word.endswith(("ing", "ed")):
        out = []
    elif word.endswith("ies"):
        out = [word[:-3] + "y"]
    elif word.endswith(("ches", "shes", "sses", "xes")):
        out = [word[:-2]]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        out = [word[:-1]]
    elif word.endswith("y") and word[-2] not in "aeiou":
        out = [word[:-1] + "ies"]
    elif word.endswith(("ch", "sh", "ss", "x")):
        out = [word + "es"]
    else:
        out = [word + "s"]
    if word.endswith("ed") and len(word) > 6:
        out.append(word[:-1] + "s" if word.endswith("ted") else word[:-2] + "ing")
    elif word.endswith("ing") and len(word) > 7:
        out.append(word[:-3] + "ed")
    return out


# ---------------------------------------------------------------- sampling
RUSSIAN_KEYBOARD = str.maketrans("әіңғүұқөһ", "аингуукох")
"""A Kazakh word as typed without its own letters on a Russian keyboard ("kk typed" below)."""


def sample(seed: int, per_case: int, per_word: int) -> list[tuple[str, str, str, str]]:
    """(language, word in the text, another form, case slug), sampled with ``seed``."""
    rng = random.Random(seed)
    out = []
    for f in find_cases([ROOT / "cases"]):
        case = require_case(load_case(f))
        slug, lang = f.parent.name, case.language
        text_words = {w for t in student_texts(case) for w in words(t) if w.isalpha() and len(w) > 3}
        pool: list[tuple[str, list[str]]] = []
        if lang == "ru":
            by_lemma: dict[str, tuple[str, list[str]]] = {}
            for w in sorted(text_words):
                if set(w) & set("әғқңөұүһі"):
                    continue
                lemma, forms = russian_forms(w)
                if lemma and len(lemma) > 3:
                    by_lemma.setdefault(lemma, (w, forms))
            pool = [(w, [x for x in forms if x not in text_words and "-" not in x]) for w, forms in by_lemma.values()]
        elif lang == "kk":
            pool = [(w, [x for x in kazakh_forms(s).values() if x not in text_words])
                    for s, w in kazakh_nouns(text_words).items()]
        else:
            pool = [(w, [x for x in english_forms(w) if x not in text_words]) for w in sorted(text_words)]
        pool = [(w, forms) for w, forms in pool if forms]
        rng.shuffle(pool)
        for w, forms in pool[:per_case]:
            for x in rng.sample(sorted(forms), min(per_word, len(forms))):
                out.append((lang, w, x, slug))
                if lang == "kk" and x.translate(RUSSIAN_KEYBOARD) != x:
                    out.append(("kk typed", w, x.translate(RUSSIAN_KEYBOARD), slug))
    return out


PRECISION = [
    # (query, the forms of its word, its twin, the forms of the twin's word): a case whose text uses the twin
    # and never the query's word must not be found by the query. Same Snowball stem or a shared prefix.
    ("акимат", r"акимат\w*", "аким", r"аким(а|у|ом|е|ы|ов|ам|ами|ах)?"),
    ("акимата", r"акимат\w*", "акима", r"аким(а|у|ом|е|ы|ов|ам|ами|ах)?"),
    ("мэрия", r"мэри[яиюей]\w*", "мэр", r"мэр(а|у|ом|е|ы|ов|ам|ами|ах)?"),
    ("администрация", r"администраци\w*", "администратор", r"администратор\w*"),
    ("общественность", r"общественност\w*", "общество", r"обществ(о|а|у|е|ом|ах|ами|ам)?"),
    ("әкімдік", r"әкімдi?[кг]\w*|әкімдік\w*|әкімдіг\w*", "әкім", r"әкім(і|нің|ге|ді|де|нен|мен|дер)?\w*"),
    ("ауылдық", r"ауылды[қғ]\w*", "ауыл", r"ауыл\w*"),
    ("акимдиги", r"әкімді[кг]\w*", "аким", r"әкім\w*"),  # the same pair typed on a Russian keyboard
    ("cities", r"cit(y|ies)", "citizens", r"citizens?"),
    ("governance", r"governance", "government", r"governments?"),
]


def precision(conn: object) -> list[tuple[str, str, list[str], list[str]]]:
    """(query, twin, cases the query finds, of them those whose text uses only the twin) for each pair."""
    texts = {}
    for f in find_cases([ROOT / "cases"]):
        texts[f.parent.name] = set(words(" ".join(student_texts(require_case(load_case(f))))))
    out = []
    for q, q_forms, twin, twin_forms in PRECISION:
        found = sorted(h.slug for h in search(conn, q))  # type: ignore[arg-type]
        qre, tre = re.compile(q_forms), re.compile(twin_forms)
        leak = [s for s in found if any(tre.fullmatch(w) and not qre.fullmatch(w) for w in texts[s])
                and not any(qre.fullmatch(w) for w in texts[s])]
        out.append((q, twin, found, leak))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--per-case", type=int, default=40)
    ap.add_argument("--per-word", type=int, default=2)
    ap.add_argument("--emit", type=int, default=0)
    args = ap.parse_args()
    t0, c0 = time.perf_counter(), time.process_time()
    conn, _ = index_cases([ROOT / "cases"])
    queries = sample(args.seed, args.per_case, args.per_word)
    if args.emit:  # the same number from each language
        rng = random.Random(args.seed)
        for lang in sorted({q[0] for q in queries}):
            of_lang = [q for q in queries if q[0] == lang]
            for _, w, x, slug in sorted(rng.sample(of_lang, min(args.emit, len(of_lang)))):
                print(f'    ("{x}", "{slug}"),  # {lang}: the text has «{w}»')
        return
    total: dict[str, int] = defaultdict(int)
    found: dict[str, int] = defaultdict(int)
    misses = []
    for lang, w, x, slug in queries:
        total[lang] += 1
        if slug in {h.slug for h in search(conn, x)}:
            found[lang] += 1
        else:
            misses.append((lang, w, x, slug))
    print(f"seed {args.seed}, {args.per_case} words per case, {args.per_word} forms per word")
    for lang in sorted(total):
        print(f"recall {lang}: {found[lang]}/{total[lang]} = {100 * found[lang] / total[lang]:.1f} %")
    print(f"recall all: {sum(found.values())}/{sum(total.values())}")
    for lang, w, x, slug in misses:
        print(f"  miss {lang} {slug}: text «{w}» → {stem(w, lang)!r}; query «{x}» → {query_stems(x)}")
    bad = 0
    for q, twin, found_q, leak in precision(conn):
        bad += bool(leak)
        print(f"precision «{q}» vs «{twin}»: {len(found_q)} found; cases with only «{twin}» returned: {leak or 'none'}"
              f"  [{query_stems(q)} / {query_stems(twin)}]")
    print(f"precision pairs holding: {len(PRECISION) - bad}/{len(PRECISION)}")
    print(f"CPU {time.process_time() - c0:.2f} s, wall {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
