"""The catalogue of a case database: ``catalog.json``, ``catalog.pdf`` and the search index.

All three are made from the catalogue cards in the manifest. The PDF lists
the cases grouped by discipline, then by title; a case with several
disciplines has its card under the first and a cross-reference under the
others, as printed catalogues do. Its words come from ``schemas/catalog.yaml``
and its page from ``templates/catalog.html.j2``, rendered with the same Jinja
environment and font configuration as the case editions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from keykis import yamlsafe
from keykis.build import atomic
from keykis.build.card import pick
from keykis.paths import schemas_dir

CATALOG_JSON, CATALOG_PDF, INDEX = "catalog.json", "catalog.pdf", "index.sqlite"
TEMPLATE, STYLESHEET = "catalog.html.j2", "catalog.css"


@cache
def words() -> dict[str, Any]:
    """The catalogue's words in all languages (``schemas/catalog.yaml``)."""
    data = yamlsafe.loads((schemas_dir() / "catalog.yaml").read_text(encoding="utf-8"), "catalog.yaml")
    return data if isinstance(data, dict) else {}


def word(group: str, key: str, lang: str) -> str:
    """One word of ``schemas/catalog.yaml`` in ``lang`` (the key itself when missing)."""
    entry = words().get(group, {}).get(key)
    return str(pick(entry, lang, key)) if isinstance(entry, dict) else key


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
    level = word("government_level", str(s["government_level"]), lang) if s.get("government_level") else ""
    parts = [s.get("country"), s.get("region"), level, s.get("policy_area"), s.get("year")]
    return ", ".join(str(p) for p in parts if p)


def _pages(card: dict[str, Any], lang: str) -> str:
    pages = card.get("pages") or {}
    return ", ".join(f"{word('pages', k.removesuffix('.pdf'), lang)} {v}" for k, v in pages.items() if k != "graph.pdf")


def view(card: dict[str, Any], lang: str) -> CardView:
    """The card in the catalogue language."""
    abstracts = card.get("abstract") or {}
    abstract_lang = next((c for c in (lang, card.get("language"), "ru", "en", "kk") if c and abstracts.get(c)), "")
    return CardView(
        slug=card["slug"],
        title=pick(card.get("title") or {}, lang, card["slug"]),
        authors=_authors(card),
        languages=", ".join(word("languages", c, lang) for c in card.get("languages", [])),
        level=word("level", card["level"], lang) if card.get("level") else "",
        setting=_setting(card, lang),
        pages=_pages(card, lang),
        abstract=abstracts.get(abstract_lang, ""),
        abstract_lang=abstract_lang,
        keywords=", ".join(pick(card.get("keywords") or {}, lang, [])),
        guidelines=word("yes_no", "yes" if card.get("guidelines") else "no", lang),
        disciplines="; ".join(d["name"] for d in card.get("disciplines", [])),
        pdf=f"{card['slug']}/case.pdf",
    )


def groups(cards: list[dict[str, Any]], lang: str) -> list[Group]:
    """Cards grouped by first discipline (cross-referenced under the others), sorted by title."""
    by_name: dict[str, Group] = {}
    orphans = Group(word("headings", "no_discipline", lang))
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


def catalogue_html(cards: list[dict[str, Any]], lang: str) -> str:
    """The catalogue page as HTML, from ``templates/catalog.html.j2``."""
    from keykis.render.engine import render_html

    heading = {k: word("headings", k, lang) for k in words().get("headings", {})}
    labels = {k: word("fields", k, lang) for k in words().get("fields", {})}
    return render_html(TEMPLATE, lang=lang, groups=groups(cards, lang), count=len(cards), heading=heading, label=labels)


def write_pdf(cards: list[dict[str, Any]], outdir: Path, lang: str) -> int:
    """Write ``catalog.pdf``; return its page count."""
    from keykis.render.engine import PdfJob, write_pdf

    pages, _ = write_pdf(PdfJob(catalogue_html(cards, lang), outdir / CATALOG_PDF, stylesheets=(STYLESHEET,)))
    return pages


def write_all(cards: list[dict[str, Any]], outdir: Path, *, lang: str) -> None:
    """Write ``catalog.json``, the search index and ``catalog.pdf`` into ``outdir``."""
    from keykis.search.index import write_index

    atomic.write_text(outdir / CATALOG_JSON, catalogue_json(cards, lang))
    write_index(cards, outdir / INDEX)
    write_pdf(cards, outdir, lang)


def present(outdir: Path) -> bool:
    """Whether all catalogue files are in ``outdir``."""
    return all((outdir / n).is_file() for n in (CATALOG_JSON, CATALOG_PDF, INDEX))
