"""The catalogue card of a case: its metadata in a plain, JSON-ready form.

The card is made once, in the worker that builds the case, and stored in
the manifest; the catalogue, ``catalog.json`` and the search index are all
made from cards, so an unchanged case is never parsed again. Cards carry
public names only: a disguised case's real names never reach a catalogue.
"""

from __future__ import annotations

from typing import Any, TypedDict, cast

from keykis.gate import ReadyCase
from keykis.model import Actor, Case, case_number
from keykis.vocabulary import LANGS


class Author(TypedDict):
    """An author as the catalogue prints them."""

    name: str
    affiliation: str


class Discipline(TypedDict):
    """A discipline the case is for, with its courses."""

    name: str
    courses: list[str]


class Card(TypedDict):
    """The catalogue card: everything the catalogue, ``catalog.json`` and the search index need.

    Stored as JSON in the build manifest, so every value is a plain JSON type;
    texts in several languages are keyed by language code.
    """

    slug: str
    id: str
    number: str
    path: str
    language: str
    languages: list[str]
    title: dict[str, str]
    short_title: str
    authors: list[Author]
    level: str
    size: str
    difficulty: str
    source_type: str
    status: str
    revision: str
    setting: dict[str, str | int]
    abstract: dict[str, str]
    synopsis: dict[str, str]
    """The spoiler-free synopsis per language: what the public catalogue prints (never the abstract)."""
    keywords: dict[str, list[str]]
    disciplines: list[Discipline]
    actors: list[str]
    guidelines: bool
    pages: dict[str, int]
    outputs: list[str]


def no_card() -> Card:
    """The card of a case not built (yet): empty."""
    return cast(Card, {})


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _titles(case: Case) -> dict[str, str]:
    titles = {case.language: case.title} if case.title else {}
    extra = case.data.get("titles")
    if isinstance(extra, dict):
        titles.update({k: _str(v) for k, v in extra.items() if k in LANGS and _str(v) and k not in titles})
    return titles


def _abstracts(case: Case) -> dict[str, str]:
    out: dict[str, str] = {}
    abstract = case.data.get("abstract")
    for lang, parts in (abstract.items() if isinstance(abstract, dict) else ()):
        if lang in LANGS and isinstance(parts, dict):
            text = _str(parts.get("final")) or _str(parts.get("draft"))
            if text:
                out[lang] = " ".join(text.split())
    return out


def _synopses(case: Case) -> dict[str, str]:
    given = case.data.get("synopsis")
    pairs = given.items() if isinstance(given, dict) else ()
    return {lang: " ".join(_str(text).split()) for lang, text in pairs if lang in LANGS and _str(text)}


def _keywords(case: Case) -> dict[str, list[str]]:
    kw = case.data.get("keywords")
    if not isinstance(kw, dict):
        return {}
    return {lang: [_str(w) for w in words if _str(w)] for lang, words in kw.items() if lang in LANGS and isinstance(words, list)}


def _disciplines(case: Case) -> list[Discipline]:
    out: list[Discipline] = []
    for d in case.data.get("disciplines") or []:
        if isinstance(d, dict) and _str(d.get("name")):
            courses = [_str(c) for c in d.get("courses") or [] if _str(c)]
            out.append({"name": _str(d["name"]), "courses": courses})
    return out


def _authors(case: Case) -> list[Author]:
    return [
        {"name": _str(a.get("name")), "affiliation": _str(a.get("affiliation"))}
        for a in case.meta.get("authors") or []
        if isinstance(a, dict) and _str(a.get("name"))
    ]


def _has_guidelines(case: Case) -> bool:
    g = case.data.get("guidelines")
    return isinstance(g, dict) and any(v not in (None, "", [], {}) for v in g.values())


def _actor(actor: Actor) -> str:
    """Public name and role: real names of a disguised case stay out."""
    return actor.public_name + (f" — {actor.role}" if actor.role else "")


def make_card(case: ReadyCase, *, slug: str, pages: dict[str, int] | None = None,
              outputs: list[str] | None = None) -> Card:
    """The catalogue card of ``case`` (which passed the gate) built under ``OUTDIR/<slug>``."""
    meta = case.meta
    setting: dict[str, Any] = meta["setting"] if isinstance(meta.get("setting"), dict) else {}
    actors = case.actors()
    return {
        "slug": slug,
        "id": case.id,
        "number": case_number(case),
        "path": str(case.path) if case.path else "",
        "language": case.language,
        "languages": case.languages,
        "title": _titles(case),
        "short_title": _str(meta.get("short_title")),
        "authors": _authors(case),
        "level": _str(meta.get("level")),
        "size": _str(meta.get("size")),
        "difficulty": _str(meta.get("difficulty")),
        "source_type": _str(meta.get("source_type")),
        "status": case.status,
        "revision": str(meta.get("revision") or ""),
        "setting": {k: v for k, v in setting.items() if isinstance(v, (str, int))},
        "abstract": _abstracts(case),
        "synopsis": _synopses(case),
        "keywords": _keywords(case),
        "disciplines": _disciplines(case),
        "actors": [_actor(actors[c]) for c in case.characters() if c in actors],
        "guidelines": _has_guidelines(case),
        "pages": dict(pages or {}),
        "outputs": list(outputs or []),
    }


def pick(texts: dict[str, Any], lang: str, fallback: Any = "") -> Any:
    """The text in ``lang``, else in Russian, English, Kazakh, else ``fallback``."""
    for code in (lang, "ru", "en", "kk"):
        if texts.get(code):
            return texts[code]
    return fallback
