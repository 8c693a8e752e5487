"""The catalogue of a case database: ``catalog.json``, ``catalog.pdf`` and the search index.

All three are made from the catalogue cards in the manifest. The PDF lists
the cases grouped by discipline, then by title; a case with several
disciplines has its card under the first and a cross-reference under the
others, as printed catalogues do. Its words come from the vocabulary (``catalogue``)
and its page from ``templates/catalog.html.j2``, rendered with the same Jinja
environment and font configuration as the case editions.

Laying out a thousand cards takes WeasyPrint minutes, so the PDF is made of
chunks laid out on their own and cached in ``OUTDIR/.catalog-chunks`` under the
hash of their HTML: a discipline's cards are cut into chunks where a card's slug
hash says so (content-defined, so a card that moves or changes touches only its
own chunk). Disciplines follow one another within a chunk (each one's piece a
``Section``), so a discipline of one case does not leave a near-empty page. Each
chunk is told the number of its first page and sets its folios itself (CSS page
counters, in the catalogue's embedded font). A changed card lays out its chunk
again, plus the small front matter whose contents list takes its page numbers
from the chunks' page counts; chunks after it are laid out again only if its page
count changed. The chunks are then joined (``keykis.render.join``), a bookmark
added per discipline, title and language set. Chunks are tagged PDFs and the join
merges their structure trees, so the catalogue is tagged as a whole.

Each entry links to its case's files (case, teaching note, graph) by paths
relative to the catalogue, so the links work wherever the output folder is
copied. A keyword index (keyword -> case numbers, in the catalogue's language and
alphabetical order, ``keykis.collation``) closes the catalogue in pieces of at most
``INDEX_PIECE`` keywords (a keyword's case numbers weighed in), cut between letters
where it can be (one index laid out whole grew with the library: 265 MB of
WeasyPrint at 1,000 cases, 439 MB at 2,000);
its numbers link to the entries.

Discipline names go through one controlled vocabulary
(``schemas/disciplines.yaml``), so a discipline named in Russian by one case and
in English by another is one heading, in the catalogue's language.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from keykis import atomic, yamlsafe
from keykis.card import Card, pick
from keykis.collation import initial, sort_key
from keykis.library.fingerprint import hash_text
from keykis.paths import schemas_dir
from keykis.render.join import local_href
from keykis.vocabulary import LANGS, label, say, section

CATALOG_JSON, CATALOG_PDF, INDEX = "catalog.json", "catalog.pdf", "index.sqlite"
TEMPLATE, STYLESHEET = "catalog.html.j2", "catalog.css"
INDEX_ANCHOR = "keyword-index"
"""Id of the keyword index's heading, which its line in the contents links to."""
CHUNKS = ".catalog-chunks"
"""Folder of ``OUTDIR`` holding the laid-out chunks of ``catalog.pdf``."""
OLD_CHUNKS = ".catalog-parts"
"""Where earlier versions kept them: removed when only laid-out chunks are in it."""
CUT_EVERY, MAX_PART, SEE_ALSO_FACTOR = 16, 64, 8
"""A part ends after a card whose slug hash is divisible by CUT_EVERY (about 16 cards a part), or at MAX_PART
cards; cross-references are cut SEE_ALSO_FACTOR times less often (they are one line each)."""


@dataclass
class CardView:
    """A card as the catalogue page shows it, already in the catalogue language."""

    slug: str
    title: str
    authors: str
    languages: str
    level: str
    setting: str
    pages: str
    abstract: str
    abstract_lang: str
    keywords: str
    guidelines: str
    disciplines: str
    pdf: str
    number: str = ""
    title_lang: str = ""
    translations: list[tuple[str, str]] = field(default_factory=list)
    """The title in the case's other languages: (language, title)."""
    files: list[tuple[str, str]] = field(default_factory=list)
    """The case's files as (what it is, link relative to the catalogue), the case PDF first."""
    language: str = ""
    """The language the case is written in: its authors, setting and own words are in it."""
    foreign: str = ""
    """How the catalogue marks words printed in the case's language when it is not the catalogue's («на казахском»)."""
    setting_foreign: str = ""
    """The setting's words no vocabulary translates (a village, a policy area), in the case's language."""
    keywords_lang: str = ""
    related: list[tuple[str, str, str, str]] = field(default_factory=list)
    """Related cases: (number, title, title's language, slug), most related first (see :func:`related`)."""


@dataclass
class Group:
    """One discipline of the catalogue with its cards and cross-references (slugs)."""

    name: str
    cards: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)


def _authors(card: Card) -> str:
    return "; ".join(a["name"] + (f" ({a['affiliation']})" if a.get("affiliation") else "") for a in card.get("authors", []))


@cache
def _place_names() -> dict[str, dict[str, str]]:
    """Any name or alias of a place of ``schemas/places.yaml`` (case-folded) -> its names in ru, kk and en."""
    data, _ = yamlsafe.load_mapping(schemas_dir() / "places.yaml")
    out: dict[str, dict[str, str]] = {}
    for entry in data.get("places") or []:
        names = {k: str(v) for k, v in (entry.get("name") or {}).items()}
        for alias in [*names.values(), *(entry.get("aliases") or [])]:
            out[" ".join(str(alias).split()).casefold()] = names
    return out


def _setting(card: Card, lang: str) -> tuple[str, str]:
    """The setting in the catalogue's language, and the words of it left in the case's language.

    Country and region are translated piece by piece (split at commas) from
    ``schemas/places.yaml``, the level of government from the vocabulary
    (left out when a place already names it: «город Алматы», "Aktobe city"); a
    place not listed there and the policy area, written in another language
    than the catalogue's, are returned apart, for the page to mark with their
    language.
    """
    s = card.get("setting") or {}
    written = str(card.get("language") or lang)
    places = _place_names()
    shown: list[str] = []
    foreign: list[str] = []
    for key in ("country", "region"):
        for piece in str(s.get(key) or "").split(","):
            piece = " ".join(piece.split())
            names = places.get(piece.casefold()) if piece else None
            if not piece:
                continue
            if names and names.get(lang):
                shown.append(names[lang])
            else:
                (shown if written == lang else foreign).append(piece)
    if s.get("government_level"):
        level = label("government_level", str(s["government_level"]), lang)
        words = [w.casefold() for piece in shown for w in piece.split()]
        if not any(w.startswith(level.casefold()) for w in words):  # «город Алматы» says «город» already
            shown.append(level)
    if s.get("policy_area"):
        (shown if written == lang else foreign).append(str(s["policy_area"]))
    if s.get("year"):
        shown.append(str(s["year"]))
    return ", ".join(dict.fromkeys(shown)), "; ".join(foreign)


def _pages(card: Card, lang: str) -> str:
    pages = card.get("pages") or {}
    return ", ".join(f"{label('page_kind', k.removesuffix('.pdf'), lang)} {v}" for k, v in pages.items() if k != "graph.pdf")


FILE_ORDER = ("handout.pdf", "case.pdf", "guidelines.pdf", "graph.pdf")
"""The files an entry links to, in this order (other PDFs of the case after them, by name)."""


def _files(card: Card, lang: str) -> list[tuple[str, str]]:
    outputs = [str(o) for o in card.get("outputs") or [] if str(o).lower().endswith(".pdf") and "/" not in str(o)]
    if not outputs:  # a card from before outputs were listed: the case PDF is always there
        outputs = ["case.pdf"]
    ordered = [o for o in FILE_ORDER if o in outputs] + sorted(o for o in outputs if o not in FILE_ORDER)
    return [(label("file_kind", o.removesuffix(".pdf"), lang) if o in FILE_ORDER else o,
             local_href(f"{card['slug']}/{o}")) for o in ordered]


def _title(card: Card, lang: str) -> tuple[str, str]:
    """The card's title as the catalogue prints it, and the language it is in."""
    titles = card.get("title") or {}
    return str(pick(titles, lang, card["slug"])), next((c for c in (lang, "ru", "en", "kk") if titles.get(c)), lang)


def view(card: Card, lang: str) -> CardView:
    """The card in the catalogue language; what stays in the case's own language is marked with it."""
    abstracts = card.get("synopsis") or {}  # the abstract names the case's answer; the catalogue is public
    abstract_lang = next((c for c in (lang, card.get("language"), "ru", "en", "kk") if c and abstracts.get(c)), "")
    titles = card.get("title") or {}
    title, title_lang = _title(card, lang)
    written = str(card.get("language") or lang)
    setting, setting_foreign = _setting(card, lang)
    keywords = card.get("keywords") or {}
    keywords_lang = next((c for c in (lang, written, "ru", "en", "kk") if keywords.get(c)), lang)
    return CardView(
        number=str(card.get("number") or ""),
        title_lang=title_lang,
        translations=[(k, str(v)) for k, v in titles.items() if k != title_lang and v],
        slug=card["slug"],
        title=title,
        authors=_authors(card),
        languages=", ".join(label("language", c, lang) for c in card.get("languages", [])),
        level=label("level", card["level"], lang) if card.get("level") else "",
        setting=setting,
        setting_foreign=setting_foreign,
        pages=_pages(card, lang),
        abstract=abstracts.get(abstract_lang, ""),
        abstract_lang=abstract_lang,
        keywords=", ".join(keywords.get(keywords_lang) or []),
        keywords_lang=keywords_lang,
        guidelines=label("yes_no", "yes" if card.get("guidelines") else "no", lang),
        disciplines="; ".join(_discipline_marked(d["name"], lang, written) for d in card.get("disciplines", [])),
        pdf=f"{card['slug']}/{'handout.pdf' if 'handout.pdf' in (card.get('outputs') or []) else 'case.pdf'}",
        files=_files(card, lang),
        language=written,
        foreign=label("language_in", written, lang) if written != lang and written in LANGS else "",
    )


RELATED_MAX, RELATED_MIN = 3, 3
"""An entry names at most RELATED_MAX related cases, each scoring at least RELATED_MIN (see :func:`related`)."""


def related(cards: list[Card], lang: str) -> dict[str, list[str]]:
    """Slug -> the slugs of its related cases, most related first.

    Two cases are related when they share a keyword in the catalogue's
    language (a reader looking for one would look for the other): each shared
    keyword scores 2, each shared discipline, the same level of study, level
    of government and country 1 more. Ties go to the lower case number. Only
    cases sharing a keyword are compared (an index of keywords), so a large
    catalogue is not compared pair by pair.
    """
    places = _place_names()

    def features(card: Card) -> tuple[set[str], set[str]]:
        words = {" ".join(str(w).split()).casefold() for w in pick(card.get("keywords") or {}, lang, [])}
        s = card.get("setting") or {}
        country = " ".join(str(s.get("country") or "").split())
        facts = {"d:" + discipline(d["name"], "en").casefold() for d in card.get("disciplines", [])}
        facts |= {f"level:{card.get('level') or ''}", f"gov:{s.get('government_level') or ''}",
                  "country:" + (places.get(country.casefold(), {}).get("en") or country).casefold()}
        return words - {""}, {f for f in facts if not f.endswith(":")}

    found = {c["slug"]: features(c) for c in cards}
    order = {c["slug"]: (str(c.get("number") or "~"), c["slug"]) for c in cards}
    by_word: dict[str, list[str]] = {}
    for slug, (words, _) in found.items():
        for w in words:
            by_word.setdefault(w, []).append(slug)
    out: dict[str, list[str]] = {}
    for slug, (words, facts) in found.items():
        shared: dict[str, int] = {}
        for w in words:
            for other in by_word[w]:
                if other != slug:
                    shared[other] = shared.get(other, 0) + 1
        scored = [(-(2 * n + len(facts & found[other][1])), order[other], other) for other, n in shared.items()]
        out[slug] = [other for score, _, other in sorted(scored) if -score >= RELATED_MIN][:RELATED_MAX]
    return out


@cache
def _discipline_names() -> dict[str, dict[str, str]]:
    """Any name or alias of a controlled discipline (case-folded) -> its names in ru, kk and en."""
    data, _ = yamlsafe.load_mapping(schemas_dir() / "disciplines.yaml")
    out: dict[str, dict[str, str]] = {}
    for entry in data.get("disciplines") or []:
        names = {k: str(v) for k, v in (entry.get("name") or {}).items()}
        for alias in [*names.values(), *(entry.get("aliases") or [])]:
            out[str(alias).casefold()] = names
    return out


def discipline(name: str, lang: str) -> str:
    """A discipline's name in ``lang`` from the controlled vocabulary (as written when it is not there)."""
    names = _discipline_names().get(name.strip().casefold())
    return str(pick(names, lang, name)) if names else name


def _discipline_marked(name: str, lang: str, written: str) -> str:
    """A discipline in ``lang``; one the controlled vocabulary lacks, written in another language, marked with it."""
    if _discipline_names().get(name.strip().casefold()) or written == lang or written not in LANGS:
        return discipline(name, lang)
    return f"{name} ({label('language_in', written, lang)})"


class Shelf:
    """The cards of a catalogue by slug and each one's related cases; a card's view is made when its chunk's page
    is, so only one chunk's views are held at a time (all of them, held to the end, grew with the library)."""

    def __init__(self, cards: list[Card], lang: str) -> None:
        self.lang = lang
        self.cards = {card["slug"]: card for card in cards}
        self.related = related(cards, lang)

    def view(self, slug: str) -> CardView:
        """The card's view, with its related cases."""
        out = view(self.cards[slug], self.lang)
        out.related = [(str(other.get("number") or ""), *_title(other, self.lang), o)
                       for o in self.related.get(slug, []) for other in (self.cards[o],)]
        return out


def groups(cards: list[Card], lang: str) -> list[Group]:
    """Cards (their slugs) grouped by first discipline (cross-referenced under the others), sorted by title."""
    by_name: dict[str, Group] = {}
    orphans = Group(say("catalogue.no_discipline", lang))
    titles = {card["slug"]: _title(card, lang)[0].casefold() for card in cards}
    for card in cards:
        names = [discipline(d["name"], lang) for d in card.get("disciplines", [])]
        if not names:
            orphans.cards.append(card["slug"])
        for i, name in enumerate(dict.fromkeys(names)):
            group = by_name.setdefault(name.casefold(), Group(name))
            (group.cards if i == 0 else group.see_also).append(card["slug"])
    out = sorted(by_name.values(), key=lambda g: g.name.casefold()) + ([orphans] if orphans.cards else [])
    for g in out:
        g.cards.sort(key=titles.__getitem__)
        g.see_also.sort(key=titles.__getitem__)
    return out


@dataclass
class IndexEntry:
    """A keyword of the index with the cases that carry it: (case number, slug)."""

    word: str
    cases: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class IndexLetter:
    """The index entries under one initial letter."""

    letter: str
    entries: list[IndexEntry] = field(default_factory=list)


def keyword_index(cards: list[Card], lang: str) -> list[IndexLetter]:
    """Keyword -> case numbers, in ``lang`` (the catalogue's), sorted as that language sorts."""
    found: dict[str, IndexEntry] = {}
    for card in cards:
        number = str(card.get("number") or card["slug"])
        for word in pick(card.get("keywords") or {}, lang, []):
            text = " ".join(str(word).split())
            if not text:
                continue
            entry = found.setdefault(text.casefold(), IndexEntry(text))
            if (number, card["slug"]) not in entry.cases:
                entry.cases.append((number, card["slug"]))
    letters: list[IndexLetter] = []
    for entry in sorted(found.values(), key=lambda e: sort_key(e.word, lang)):
        entry.cases.sort()
        first = initial(entry.word, lang)
        if not letters or letters[-1].letter != first:
            letters.append(IndexLetter(first))
        letters[-1].entries.append(entry)
    return letters


INDEX_PIECE = 150
"""What one laid-out piece of the index holds at most, in keywords (about three pages of two columns); a keyword's
case numbers weigh in too (see :data:`NUMBERS_PER_KEYWORD`)."""
NUMBERS_PER_KEYWORD = 10
"""Case numbers that weigh as much as a keyword in a piece. A keyword many cases share lists a number per case, so
a piece counted in keywords alone grew with the library (its largest piece 3,500 numbers at 500 cases, 6,900 at
1,000, 13,800 at 2,000); weighed with its numbers, a piece holds at most about 1,500 whatever the library."""


def _weight(entry: IndexEntry) -> int:
    return 1 + len(entry.cases) // NUMBERS_PER_KEYWORD


def index_pieces(letters: list[IndexLetter], budget: int = INDEX_PIECE) -> list[list[IndexLetter]]:
    """The index cut into pieces weighing at most ``budget`` (a keyword 1, its case numbers
    :data:`NUMBERS_PER_KEYWORD` to 1 more), laid out one at a time.

    A letter that does not fit in what is left of a piece starts the next one;
    a letter heavier than a whole piece is cut, and its heading is repeated where
    it goes on; a keyword with more numbers than a piece holds is cut too, and
    its word is repeated before the numbers that go on. Every piece starts on a
    new page.
    """
    most = max(1, budget - 1) * NUMBERS_PER_KEYWORD  # the numbers of one keyword that fill a piece alone
    pieces: list[list[IndexLetter]] = [[]]
    size = 0
    for group in letters:
        entries = [IndexEntry(e.word, e.cases[i:i + most]) for e in group.entries
                   for i in range(0, max(len(e.cases), 1), most)]
        total = sum(map(_weight, entries))
        if size and size + total > budget and total <= budget:
            pieces.append([])
            size = 0
        run: IndexLetter | None = None
        for entry in entries:
            if size and size + _weight(entry) > budget:
                pieces.append([])
                size, run = 0, None
            if run is None:
                run = IndexLetter(group.letter, [])
                pieces[-1].append(run)
            run.entries.append(entry)
            size += _weight(entry)
    return [p for p in pieces if p]


def catalogue_json(cards: list[Card], lang: str) -> str:
    """The machine-readable catalogue."""
    return json.dumps({"format": 1, "lang": lang, "count": len(cards), "cases": cards}, ensure_ascii=False, indent=1)


@dataclass
class Section:
    """A discipline's piece inside one chunk: some of its cards, or its cross-references (slugs)."""

    name: str
    first: bool
    cards: list[str] = field(default_factory=list)
    see_also: list[tuple[str, str]] = field(default_factory=list)
    """Cross-referenced cards with the discipline they are listed under."""
    see_also_heading: bool = True

    @property
    def anchor(self) -> str:
        """Id of the discipline's heading, by which the contents find its page."""
        return "d-" + hashlib.blake2b(self.name.encode(), digest_size=6).hexdigest()


@dataclass
class Shown:
    """A section as its page shows it: the views of its cards."""

    name: str
    first: bool
    anchor: str
    see_also_heading: bool
    cards: list[CardView]
    see_also: list[tuple[CardView, str]]


@dataclass
class Chunk:
    """Pieces of one or more disciplines laid out together, on pages of their own."""

    sections: list[Section] = field(default_factory=list)
    shelf: Shelf | None = None
    """Where the sections' cards are (shared by every chunk of a catalogue)."""

    def size(self) -> int:
        return sum(len(x.cards) + len(x.see_also) // SEE_ALSO_FACTOR for x in self.sections)

    def shown(self) -> list[Shown]:
        """The sections with their cards' views, made now."""
        shelf = self.shelf
        if shelf is None:
            if any(x.cards or x.see_also for x in self.sections):
                raise ValueError("a chunk with cards needs the shelf they are on")
            return [Shown(x.name, x.first, x.anchor, x.see_also_heading, [], []) for x in self.sections]
        return [Shown(x.name, x.first, x.anchor, x.see_also_heading, [shelf.view(s) for s in x.cards],
                      [(shelf.view(s), home) for s, home in x.see_also]) for x in self.sections]


def _cut_after(slug: str, every: int) -> bool:
    return int.from_bytes(hashlib.blake2b(slug.encode(), digest_size=4).digest(), "big") % every == 0


def chunks(cards: list[Card], lang: str) -> list[Chunk]:
    """The catalogue's chunks in reading order (see the module docstring)."""
    shelf = Shelf(cards, lang)
    gs = groups(cards, lang)
    home = {slug: g.name for g in gs for slug in g.cards}
    out: list[Chunk] = [Chunk(shelf=shelf)]
    started: set[str] = set()
    see_also_started: set[str] = set()

    def section(name: str) -> Section:
        chunk = out[-1]
        if not chunk.sections or chunk.sections[-1].name != name:
            chunk.sections.append(Section(name, name not in started))
            started.add(name)
        return chunk.sections[-1]

    for g in gs:
        for slug in g.cards:
            section(g.name).cards.append(slug)
            if _cut_after(slug, CUT_EVERY) or out[-1].size() >= MAX_PART:
                out.append(Chunk(shelf=shelf))
        for slug in g.see_also:
            sec = section(g.name)
            if not sec.see_also:
                sec.see_also_heading = g.name not in see_also_started
                see_also_started.add(g.name)
            sec.see_also.append((slug, home.get(slug, "")))
            if _cut_after(slug, CUT_EVERY * SEE_ALSO_FACTOR) or out[-1].size() >= MAX_PART:
                out.append(Chunk(shelf=shelf))
    return [p for p in out if p.sections]


def _counts(all_chunks: list[Chunk]) -> dict[str, int]:
    """Discipline -> its entries and cross-references, counted from the chunks (not by grouping the cards again)."""
    out: dict[str, int] = {}
    for chunk in all_chunks:
        for x in chunk.sections:
            out[x.name] = out.get(x.name, 0) + len(x.cards) + len(x.see_also)
    return out


def _page_html(lang: str, **context: Any) -> str:
    from keykis.render.engine import render_html

    words = section("catalogue", lang)
    return render_html(TEMPLATE, lang=lang, heading=words, label=words,
                       label_in=lambda code: label("language_in", str(code), lang), **context)


def chunk_html(chunk: Chunk, lang: str, start: int = 1) -> str:
    """One chunk of the catalogue as HTML, from ``templates/catalog.html.j2``; its first page is page ``start``."""
    return _page_html(lang, front=False, chunk={"sections": chunk.shown()}, index=None, start=start)


def index_html(letters: list[IndexLetter], lang: str, start: int, *, first: bool = True) -> str:
    """A piece of the keyword index at the end of the catalogue (``first``: with its heading); its first
    page is page ``start``."""
    return _page_html(lang, front=False, chunk=None, index=letters, index_first=first, start=start)


def front_html(cards: list[Card], lang: str, contents: list[dict[str, Any]]) -> str:
    """The cover and contents (``contents``: name, count and first page of each discipline)."""
    return _page_html(lang, front=True, chunk=None, index=None, count=len(cards), contents=contents, start=1)


@dataclass
class PdfStats:
    """What writing ``catalog.pdf`` cost."""

    pages: int = 0
    chunks: int = 0
    laid_out: int = 0
    """Chunks (front matter included) laid out by WeasyPrint rather than taken from the cache."""


def _lay_out(html: str, target: Path) -> tuple[int, dict[str, int]]:
    """Lay out one chunk as a tagged PDF (the join merges the chunks' structure trees); return its page count and
    the page (from 0) each anchor of it starts on, as WeasyPrint placed them (the PDF's named destinations), so
    the process that joins never opens the part to find them."""
    from keykis.render.engine import PdfJob, write_pdf

    job = PdfJob(html=html, target=target, stylesheets=(STYLESHEET,), tagged=True)
    pages, _ = write_pdf(job)
    return pages, dict(job.anchor_pages)


LAYOUTS_PER_PROCESS = 4
"""Parts a layout process lays out before another takes its place. WeasyPrint keeps 10-20 MB of every layout
(and 100-215 MB while it lays a part out), so one process laying out every part grows with the library."""


class Layouts:
    """Lays the catalogue's parts out in short-lived processes, one part at a time (a part's first page is where
    the part before it ended), each process replaced after ``per_process`` parts; the process that calls only
    renders the pages' HTML. The processes are started on the first part to lay out (a catalogue taken whole from
    the cache starts none) and stopped by :meth:`close`."""

    def __init__(self, per_process: int = LAYOUTS_PER_PROCESS) -> None:
        self._pool: Any = None
        self.per_process = per_process

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)`` in the current short-lived process (started if there is none)."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            context: Any = multiprocessing.get_context(method)
            if method == "forkserver":  # only read if the build has not started the server yet
                context.set_forkserver_preload(["keykis.library.catalogue", "keykis.render.engine", "weasyprint"])
            self._pool = ProcessPoolExecutor(1, mp_context=context, max_tasks_per_child=self.per_process)
        return self._pool.submit(fn, *args, **kwargs).result()

    def __call__(self, html: str, target: Path) -> tuple[int, dict[str, int]]:
        pages, anchors = self.run(_lay_out, html, target)
        return int(pages), {str(k): int(v) for k, v in anchors.items()}

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _join(parts: list[tuple[Path, list[str]]], target: Path, *, title: str, subject: str, lang: str) -> int:
    """Join the parts into ``target`` (``keykis.render.join``) in a process of its own that ends with the join.

    The join keeps a few numbers per object and page of the whole catalogue to its end (offsets, page tree,
    parent tree) and the PDF library keeps some of the memory of every part it read, so the join's peak grows
    with the catalogue; in a process of its own that memory is returned when the join is done, and the process
    that renders the pages stays the size of its cards."""
    from keykis.render.join import join_pdfs

    process = Layouts(per_process=1)
    try:
        return int(process.run(join_pdfs, parts, target, title=title, subject=subject, lang=lang))
    finally:
        process.close()


def _laid_out(html: str, folder: Path, salt: str, stats: PdfStats, cached: dict[str, Path],
              lay_out: Callable[[str, Path], tuple[int, dict[str, int]]] = _lay_out,
              anchors: dict[Path, dict[str, int]] | None = None) -> tuple[Path, int]:
    """The PDF of ``html`` in ``folder`` (laid out by ``lay_out`` unless cached) and its page count.

    A chunk is stored as ``<hash>-<pages>.pdf``, so a cached chunk's page count costs no PDF parsing; a chunk laid
    out now has its anchors' pages put in ``anchors`` (a cached one's are read from its PDF when needed).
    """
    key = hash_text(html, salt)
    if key in cached:
        path = cached[key]
        return path, int(path.stem.rpartition("-")[2])
    stats.laid_out += 1
    tmp = folder / f"{key}.new"
    pages, found = lay_out(html, tmp)
    path = folder / f"{key}-{pages}.pdf"
    tmp.replace(path)
    cached[key] = path
    if anchors is not None:
        anchors[path] = found
    return path, pages


def _anchor_pages(path: Path) -> dict[str, int]:
    """Named destinations of a laid-out chunk -> their page within it (from 0)."""
    import pikepdf

    from keykis.render.join import name_tree

    out: dict[str, int] = {}
    with pikepdf.Pdf.open(path) as pdf:
        names = pdf.Root.get("/Names")
        if names is None or "/Dests" not in names:
            return out
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        for name, dest in name_tree(names.Dests):
            target = dest.get("/D") if isinstance(dest, pikepdf.Dictionary) else dest
            if isinstance(target, pikepdf.Array) and len(target) and target[0].is_indirect:
                page = pages.get(target[0].objgen)
                if page is not None:
                    out[name] = page
    return out


def _cached_chunks(folder: Path) -> dict[str, Path]:
    out = {}
    for path in folder.glob("*-*.pdf"):
        key, _, pages = path.stem.rpartition("-")
        if pages.isdigit():
            out[key] = path
    return out


def _drop_old_chunks(outdir: Path) -> None:
    """Remove ``OUTDIR/.catalog-parts`` of an earlier version when it holds laid-out chunks and nothing else."""
    old = outdir / OLD_CHUNKS
    if old.is_symlink() or not old.is_dir():
        return
    files = list(old.iterdir())
    if all(f.is_file() and not f.is_symlink() and f.suffix in (".pdf", ".new") for f in files):
        for f in files:
            f.unlink(missing_ok=True)
        old.rmdir()


def write_pdf(cards: list[Card], outdir: Path, lang: str, *, salt: str = "") -> PdfStats:
    """Write ``catalog.pdf`` from cached and new chunks; ``salt`` names the catalogue inputs (templates, fonts...)."""
    _drop_old_chunks(outdir)
    folder = outdir / CHUNKS
    folder.mkdir(parents=True, exist_ok=True)
    stats, cached = PdfStats(), _cached_chunks(folder)
    all_chunks = chunks(cards, lang)
    counts = _counts(all_chunks)
    letters, index_title = keyword_index(cards, lang), say("catalogue.index", lang)
    used: set[Path] = set()
    anchors: dict[Path, dict[str, int]] = {}
    front_pages = 1
    lay_out = Layouts()
    try:
        for _ in range(3):  # the chunks' folios and the contents depend on the front matter's own length
            laid, page = [], front_pages + 1
            for p in all_chunks:
                path, n = _laid_out(chunk_html(p, lang, page), folder, salt + lang, stats, cached, lay_out, anchors)
                laid.append((p, path, n, page))
                page += n
            contents = []
            for p, path, _, start in laid:
                firsts = [x for x in p.sections if x.first]
                at = {}
                if firsts[1:] or (firsts and firsts[0] is not p.sections[0]):  # a discipline starts inside the chunk
                    at = anchors[path] if path in anchors else _anchor_pages(path)
                contents += [{"name": x.name, "count": counts[x.name], "page": start + at.get(x.anchor, 0),
                              "anchor": x.anchor} for x in firsts]
            index: list[tuple[Path, list[str]]] = []
            if letters:
                contents.append({"name": index_title, "count": None, "page": page, "anchor": INDEX_ANCHOR})
            for n, piece in enumerate(index_pieces(letters, INDEX_PIECE)):
                path, count = _laid_out(index_html(piece, lang, page, first=not n), folder, salt + lang, stats, cached,
                                        lay_out)
                index.append((path, [] if n else [index_title]))
                page += count
            front, n_front = _laid_out(front_html(cards, lang, contents), folder, salt + lang, stats, cached, lay_out)
            used |= {front, *(path for _, path, _, _ in laid), *(path for path, _ in index)}
            if n_front == front_pages:
                break
            front_pages = n_front
    finally:
        lay_out.close()  # the layout processes end before the join
    joined = [(front, []), *((path, [x.name for x in p.sections if x.first]) for p, path, _, _ in laid), *index]
    pages = _join(joined, outdir / CATALOG_PDF, title=say("catalogue.title", lang), subject=say("catalogue.subtitle", lang),
                  lang=lang)
    for stale in set(folder.iterdir()) - used:
        stale.unlink(missing_ok=True)
    stats.pages, stats.chunks = pages, len(laid) + 1 + len(index)
    return stats


def write_all(cards: list[Card], outdir: Path, *, lang: str, salt: str = "",
              write_index: Callable[[], None] | None = None) -> PdfStats:
    """Write ``catalog.json``, the search index (of the cards, unless ``write_index`` writes it) and ``catalog.pdf``."""
    from keykis.search.index import write_index as index_of_cards

    atomic.write_text(outdir / CATALOG_JSON, catalogue_json(cards, lang))
    if write_index is None:
        index_of_cards(cards, outdir / INDEX)
    else:
        write_index()
    return write_pdf(cards, outdir, lang, salt=salt)


def present(outdir: Path) -> bool:
    """Whether all catalogue files are in ``outdir`` and can be read (a damaged index or catalogue is made again)."""
    if not all((outdir / n).is_file() for n in (CATALOG_JSON, CATALOG_PDF, INDEX)):
        return False
    from keykis import safe_read
    from keykis.errors import UserError
    from keykis.yamlsafe import json_too_deep

    try:  # through the safe reader: a FIFO or a device swapped in is refused at once, the size is capped
        text = safe_read.read_text(outdir / CATALOG_JSON, limit=safe_read.MAX_ASSET_BYTES)
        data = None if json_too_deep(text) else json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
            return False
        if next(safe_read.iter_chunks(outdir / CATALOG_PDF), b"")[:5] != b"%PDF-":
            return False
    except (OSError, ValueError, UserError, RecursionError):
        return False
    from keykis.search.index import index_ok

    return index_ok(outdir / INDEX)
