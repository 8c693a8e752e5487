"""The SQLite FTS5 index of catalogue cards, and queries against it.

SQLite has no stemmer for Russian or Kazakh, so a query word matches any
word that starts with it after a short ending is cut off ("очереди" finds
"очередь", "queues" finds "queue"); the ``unicode61`` tokenizer folds case
and diacritics in all three languages. Filters compare case-folded text in
Python, since SQLite's own ``lower`` knows only ASCII.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keykis import atomic
from keykis.card import Card

COLUMNS = ("title", "abstract", "keywords", "actors", "disciplines", "authors")
WEIGHTS = (10.0, 2.0, 5.0, 1.0, 3.0, 3.0)
"""bm25 weight per column: a hit in a title counts most."""

_SCHEMA = f"""
CREATE TABLE cases (rowid INTEGER PRIMARY KEY, slug TEXT UNIQUE, card TEXT NOT NULL,
                    disciplines TEXT, authors TEXT, languages TEXT);
CREATE VIRTUAL TABLE cases_fts USING fts5({", ".join(COLUMNS)}, content='',
                    tokenize="unicode61 remove_diacritics 2");
"""


@dataclass(frozen=True)
class Hit:
    """One case found by a search."""

    slug: str
    card: Card
    """The catalogue card (title, path, languages, disciplines...)."""
    rank: float
    """bm25 rank: lower is better."""


def _texts(value: Any) -> str:
    """All strings inside ``value``, space-separated."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(_texts(v) for v in value.values())
    if isinstance(value, list):
        return " ".join(_texts(v) for v in value)
    return ""


def _fold(parts: Iterable[str]) -> str:
    return "\n".join(p.casefold() for p in parts)


def fill(conn: sqlite3.Connection, cards: Iterable[Card]) -> None:
    """Create the index tables in ``conn`` and add ``cards``."""
    conn.executescript(_SCHEMA)
    for i, card in enumerate(cards, start=1):
        row = {
            "title": _texts([card.get("title"), card.get("short_title")]),
            "abstract": _texts(card.get("abstract")),
            "keywords": _texts(card.get("keywords")),
            "actors": _texts(card.get("actors")),
            "disciplines": _texts(card.get("disciplines")),
            "authors": _texts(card.get("authors")),
        }
        disciplines = card.get("disciplines", [])
        conn.execute("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?)", (
            i, card["slug"], json.dumps(card, ensure_ascii=False),
            _fold([d["name"] for d in disciplines] + [c for d in disciplines for c in d.get("courses", [])]),
            _fold(a["name"] for a in card.get("authors", [])),
            " ".join(card.get("languages", [])),
        ))
        conn.execute(f"INSERT INTO cases_fts(rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (i, *(row[c] for c in COLUMNS)))
    conn.commit()


def write_index(cards: Iterable[Card], path: Path) -> None:
    """Write a fresh index of ``cards`` to ``path`` atomically."""
    with atomic.replace_with(path) as tmp:
        tmp.unlink()
        conn = sqlite3.connect(tmp)
        try:
            fill(conn, cards)
        finally:
            conn.close()


def open_index(path: Path | None = None, cards: Iterable[Card] = ()) -> sqlite3.Connection:
    """Open a built index read-only, or (``path`` None) make one in memory from ``cards``."""
    if path is None:
        conn = sqlite3.connect(":memory:")
        fill(conn, cards)
    else:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return conn


def index_ok(path: Path) -> bool:
    """Whether the index at ``path`` opens and answers (a damaged file is made again by the next build)."""
    try:
        conn = open_index(path)
    except sqlite3.Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM cases").fetchone()
        conn.execute("SELECT rowid FROM cases_fts WHERE cases_fts MATCH '\"a\"' LIMIT 1").fetchall()
        return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.Error:
        return False
    finally:
        conn.close()


_WORD = re.compile(r"\w+", re.UNICODE)


def _stem(word: str) -> str:
    """Cut a short ending so that other forms of the word match as a prefix."""
    n = len(word)
    return word[:-2] if n >= 7 else word[:-1] if n >= 5 else word


def fts_query(text: str) -> str:
    """An FTS5 query from what a person typed: every word must match (as a prefix of a stem).

    Words in double quotes are matched as an exact phrase. Nothing the user
    types can break the FTS5 syntax: every term is quoted.
    """
    terms = []
    for phrase in re.findall(r'"([^"]+)"', text):
        words = _WORD.findall(phrase)
        if words:
            terms.append('"' + " ".join(words) + '"')
    rest = re.sub(r'"[^"]*"?', " ", text)
    terms += [f'"{_stem(w.casefold())}"*' for w in _WORD.findall(rest)]
    return " AND ".join(terms)


def search(conn: sqlite3.Connection, query: str = "", *, discipline: str | None = None, lang: str | None = None,
           author: str | None = None, limit: int | None = None) -> list[Hit]:
    """Cases matching ``query`` and the filters, best first (all cases by title when there is no query)."""
    match = fts_query(query)
    if match:
        sql = ("SELECT c.slug, c.card, bm25(cases_fts, " + ", ".join(map(str, WEIGHTS)) + ") AS rank, c.disciplines,"
               " c.authors, c.languages FROM cases_fts JOIN cases c ON c.rowid = cases_fts.rowid"
               " WHERE cases_fts MATCH ? ORDER BY rank")
        rows = conn.execute(sql, (match,)).fetchall()
    else:
        rows = conn.execute("SELECT slug, card, 0.0, disciplines, authors, languages FROM cases ORDER BY slug").fetchall()
    hits = []
    for slug, card, rank, disciplines, authors, languages in rows:
        if discipline and discipline.casefold() not in disciplines:
            continue
        if author and author.casefold() not in authors:
            continue
        if lang and lang not in languages.split():
            continue
        hits.append(Hit(slug, json.loads(card), float(rank)))
    return hits[:limit] if limit else hits
