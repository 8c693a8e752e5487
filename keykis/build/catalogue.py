"""The catalogue of a case database: ``catalog.json``, ``catalog.pdf`` and the search index.

All three are made from the catalogue cards in the manifest. The PDF lists
the cases grouped by discipline, then by title; a case with several
disciplines has its card under the first and a cross-reference under the
others, as printed catalogues do. Its words come from the vocabulary (``catalogue``)
and its page from ``templates/catalog.html.j2``, rendered with the same Jinja
environment and font configuration as the case editions.

Laying out a thousand cards takes WeasyPrint minutes, so the PDF is made of
parts laid out on their own and cached in ``OUTDIR/.catalog-parts`` under the
hash of their HTML: a discipline's cards are cut into parts where a card's slug
hash says so (content-defined, so a card that moves or changes touches only its
own part), its cross-references are one more part. A changed card lays out its
part again, plus the small front matter whose contents list takes its page
numbers from the parts' page counts; the parts are then joined with pypdf, page
numbers stamped at the foot and a bookmark added per discipline.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keykis.build import atomic
from keykis.build.fingerprint import hash_text
from keykis.card import pick
from keykis.vocabulary import label, say, section

CATALOG_JSON, CATALOG_PDF, INDEX = "catalog.json", "catalog.pdf", "index.sqlite"
TEMPLATE, STYLESHEET = "catalog.html.j2", "catalog.css"
PARTS = ".catalog-parts"
"""Folder of ``OUTDIR`` holding the laid-out parts of ``catalog.pdf``."""
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


@dataclass
class Group:
    """One discipline of the catalogue with its cards and cross-references."""

    name: str
    cards: list[CardView] = field(default_factory=list)
    see_also: list[CardView] = field(default_factory=list)


def _authors(card: dict[str, Any]) -> str:
    return "; ".join(a["name"] + (f" ({a['affiliation']})" if a.get("affiliation") else "") for a in card.get("authors", []))


def _setting(card: dict[str, Any], lang: str) -> str:
    s = card.get("setting") or {}
    level = label("government_level", str(s["government_level"]), lang) if s.get("government_level") else ""
    parts = [s.get("country"), s.get("region"), level, s.get("policy_area"), s.get("year")]
    return ", ".join(str(p) for p in parts if p)


def _pages(card: dict[str, Any], lang: str) -> str:
    pages = card.get("pages") or {}
    return ", ".join(f"{label('page_kind', k.removesuffix('.pdf'), lang)} {v}" for k, v in pages.items() if k != "graph.pdf")


def view(card: dict[str, Any], lang: str) -> CardView:
    """The card in the catalogue language."""
    abstracts = card.get("abstract") or {}
    abstract_lang = next((c for c in (lang, card.get("language"), "ru", "en", "kk") if c and abstracts.get(c)), "")
    return CardView(
        slug=card["slug"],
        title=pick(card.get("title") or {}, lang, card["slug"]),
        authors=_authors(card),
        languages=", ".join(label("language", c, lang) for c in card.get("languages", [])),
        level=label("level", card["level"], lang) if card.get("level") else "",
        setting=_setting(card, lang),
        pages=_pages(card, lang),
        abstract=abstracts.get(abstract_lang, ""),
        abstract_lang=abstract_lang,
        keywords=", ".join(pick(card.get("keywords") or {}, lang, [])),
        guidelines=label("yes_no", "yes" if card.get("guidelines") else "no", lang),
        disciplines="; ".join(d["name"] for d in card.get("disciplines", [])),
        pdf=f"{card['slug']}/case.pdf",
    )


def groups(cards: list[dict[str, Any]], lang: str) -> list[Group]:
    """Cards grouped by first discipline (cross-referenced under the others), sorted by title."""
    by_name: dict[str, Group] = {}
    orphans = Group(say("catalogue.no_discipline", lang))
    for card in cards:
        v = view(card, lang)
        names = [d["name"] for d in card.get("disciplines", [])]
        if not names:
            orphans.cards.append(v)
        for i, name in enumerate(dict.fromkeys(names)):
            group = by_name.setdefault(name.casefold(), Group(name))
            (group.cards if i == 0 else group.see_also).append(v)
    out = sorted(by_name.values(), key=lambda g: g.name.casefold()) + ([orphans] if orphans.cards else [])
    for g in out:
        g.cards.sort(key=lambda c: c.title.casefold())
        g.see_also.sort(key=lambda c: c.title.casefold())
    return out


def catalogue_json(cards: list[dict[str, Any]], lang: str) -> str:
    """The machine-readable catalogue."""
    return json.dumps({"format": 1, "lang": lang, "count": len(cards), "cases": cards}, ensure_ascii=False, indent=1)


@dataclass
class Part:
    """A piece of one discipline laid out on its own: some of its cards, or its cross-references."""

    name: str
    first: bool
    cards: list[CardView] = field(default_factory=list)
    see_also: list[tuple[CardView, str]] = field(default_factory=list)
    """Cross-referenced cards with the discipline they are listed under."""
    see_also_heading: bool = True


def _cut_after(slug: str, every: int) -> bool:
    return int.from_bytes(hashlib.blake2b(slug.encode(), digest_size=4).digest(), "big") % every == 0


def parts(cards: list[dict[str, Any]], lang: str) -> list[Part]:
    """The catalogue's parts in reading order (see the module docstring)."""
    gs = groups(cards, lang)
    home = {c.slug: g.name for g in gs for c in g.cards}
    out: list[Part] = []
    for g in gs:
        chunk: list[CardView] = []
        for i, c in enumerate(g.cards):
            chunk.append(c)
            if _cut_after(c.slug, CUT_EVERY) or len(chunk) >= MAX_PART or i == len(g.cards) - 1:
                out.append(Part(g.name, not any(p.name == g.name for p in out), chunk))
                chunk = []
        refs: list[tuple[CardView, str]] = []
        for i, c in enumerate(g.see_also):
            refs.append((c, home.get(c.slug, "")))
            every = CUT_EVERY * SEE_ALSO_FACTOR
            if _cut_after(c.slug, every) or len(refs) >= MAX_PART * SEE_ALSO_FACTOR or i == len(g.see_also) - 1:
                first = not any(p.name == g.name for p in out)
                heading = not any(p.name == g.name and p.see_also for p in out)
                out.append(Part(g.name, first, see_also=refs, see_also_heading=heading))
                refs = []
    return out


def _page_html(lang: str, **context: Any) -> str:
    from keykis.render.engine import render_html

    words = section("catalogue", lang)
    return render_html(TEMPLATE, lang=lang, heading=words, label=words, **context)


def part_html(part: Part, lang: str) -> str:
    """One part of the catalogue as HTML, from ``templates/catalog.html.j2``."""
    return _page_html(lang, front=False, part=part)


def front_html(cards: list[dict[str, Any]], lang: str, contents: list[dict[str, Any]]) -> str:
    """The cover and contents (``contents``: name, count and first page of each discipline)."""
    return _page_html(lang, front=True, count=len(cards), contents=contents)


@dataclass
class PdfStats:
    """What writing ``catalog.pdf`` cost."""

    pages: int = 0
    parts: int = 0
    laid_out: int = 0
    """Parts (front matter included) laid out by WeasyPrint rather than taken from the cache."""


def _lay_out(html: str, target: Path) -> int:
    """Lay out one part as an untagged PDF and return its page count.

    The join keeps pages, not structure trees, so tags would be lost there; without
    them a part is half the size and pypdf reads it eight times faster.
    """
    from weasyprint import HTML

    from keykis.paths import templates_dir
    from keykis.render.engine import SafeFetcher, _quiet_weasyprint, font_config, stylesheet, write_atomic

    document = HTML(string=html, base_url=templates_dir().as_uri() + "/", url_fetcher=SafeFetcher([templates_dir()], {}))
    with _quiet_weasyprint():
        rendered = document.render(font_config=font_config(), stylesheets=[stylesheet(STYLESHEET)])
    write_atomic(target, rendered.write_pdf())
    return len(rendered.pages)


def _laid_out(html: str, folder: Path, salt: str, stats: PdfStats, cached: dict[str, Path]) -> tuple[Path, int]:
    """The PDF of ``html`` in ``folder`` (laid out unless cached) and its page count.

    A part is stored as ``<hash>-<pages>.pdf``, so a cached part's page count costs no PDF parsing.
    """
    key = hash_text(html, salt)
    if key in cached:
        path = cached[key]
        return path, int(path.stem.rpartition("-")[2])
    stats.laid_out += 1
    tmp = folder / f"{key}.new"
    pages = _lay_out(html, tmp)
    path = folder / f"{key}-{pages}.pdf"
    tmp.replace(path)
    cached[key] = path
    return path, pages


def _cached_parts(folder: Path) -> dict[str, Path]:
    out = {}
    for path in folder.glob("*-*.pdf"):
        key, _, pages = path.stem.rpartition("-")
        if pages.isdigit():
            out[key] = path
    return out


def write_pdf(cards: list[dict[str, Any]], outdir: Path, lang: str, *, salt: str = "") -> PdfStats:
    """Write ``catalog.pdf`` from cached and new parts; ``salt`` names the catalogue inputs (templates, fonts...)."""
    from pypdf import PdfWriter

    folder = outdir / PARTS
    folder.mkdir(parents=True, exist_ok=True)
    stats, cached = PdfStats(), _cached_parts(folder)
    laid = [(p, *_laid_out(part_html(p, lang), folder, salt + lang, stats, cached)) for p in parts(cards, lang)]
    counts = {g.name: len(g.cards) + len(g.see_also) for g in groups(cards, lang)}
    front_pages, used = 1, {path for _, path, _ in laid}
    for _ in range(3):  # the contents' page numbers depend on the front matter's own length
        contents, page = [], front_pages + 1
        for p, _, n in laid:
            if p.first:
                contents.append({"name": p.name, "count": counts[p.name], "page": page})
            page += n
        front, n_front = _laid_out(front_html(cards, lang, contents), folder, salt + lang, stats, cached)
        used.add(front)
        if n_front == front_pages:
            break
        front_pages = n_front
    writer = PdfWriter()
    writer.append(str(front))
    for p, path, _ in laid:
        start = len(writer.pages)
        writer.append(str(path))
        if p.first:
            writer.add_outline_item(title=p.name, page_number=start)
    _number_pages(writer, skip=1)
    buf = io.BytesIO()
    writer.write(buf)
    atomic.write_bytes(outdir / CATALOG_PDF, buf.getvalue())
    for stale in set(folder.iterdir()) - used:
        stale.unlink(missing_ok=True)
    stats.pages, stats.parts = len(writer.pages), len(laid) + 1
    return stats


def _number_pages(writer: Any, *, skip: int) -> None:
    """Stamp the page number at the foot of every page after the first ``skip`` (9 pt, grey, as an artifact)."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    opening = DecodedStreamObject()
    opening.set_data(b"q\n")
    opening_ref = writer._add_object(opening)
    for number, page in enumerate(writer.pages, 1):
        if number <= skip:
            continue
        box = page.mediabox
        x = float(box.left) + float(box.width) / 2 - 2.5 * len(str(number))  # Helvetica digits are 0.556 em
        y = float(box.bottom) + 12 * 72 / 25.4
        stamp = DecodedStreamObject()
        stamp.set_data(f"\nQ\n/Artifact BMC q BT /KkPageNo 9 Tf 0.333 g {x:.2f} {y:.2f} Td ({number}) Tj ET Q EMC\n".encode())
        resources = page.get("/Resources")
        if resources is None:
            page[NameObject("/Resources")] = resources = DictionaryObject()
        resources = resources.get_object()
        fonts = resources.get("/Font")
        if fonts is None:
            resources[NameObject("/Font")] = fonts = DictionaryObject()
        fonts.get_object()[NameObject("/KkPageNo")] = font
        contents = page.get("/Contents")
        old = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else (
            [contents] if contents is not None else [])
        page[NameObject("/Contents")] = ArrayObject([opening_ref, *old, writer._add_object(stamp)])


def write_all(cards: list[dict[str, Any]], outdir: Path, *, lang: str, salt: str = "") -> PdfStats:
    """Write ``catalog.json``, the search index and ``catalog.pdf`` into ``outdir``."""
    from keykis.search.index import write_index

    atomic.write_text(outdir / CATALOG_JSON, catalogue_json(cards, lang))
    write_index(cards, outdir / INDEX)
    return write_pdf(cards, outdir, lang, salt=salt)


def present(outdir: Path) -> bool:
    """Whether all catalogue files are in ``outdir``."""
    return all((outdir / n).is_file() for n in (CATALOG_JSON, CATALOG_PDF, INDEX))
