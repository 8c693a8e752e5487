"""The SQLite FTS5 index of catalogue cards and case texts, and queries against it.

SQLite has no stemmer for Russian or Kazakh, so the index holds stems made in
Python (``keykis.search.stems``: Snowball for Russian and English, the
morphology's suffix grammar for Kazakh) and a query is stemmed the same way:
«очередями» finds «очереди», «әкімдігінің» finds «әкімдігі», and «акимат»
does not find «акима». Besides the card (title, abstract, keywords, actors,
disciplines, authors) each case's own text is indexed, as a student reads it.
Filters compare case-folded text in Python, since SQLite's own ``lower``
knows only ASCII.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from keykis import atomic
from keykis.card import Card
from keykis.morphology.kazakh import LETTERS
from keykis.search.stems import query_stems, stem, stemmed, typed, typed_query_stems, words

COLUMNS = ("title", "abstract", "keywords", "actors", "disciplines", "authors", "text", "typed")
WEIGHTS = (10.0, 2.0, 5.0, 1.0, 3.0, 3.0, 0.5, 0.5)
"""bm25 weight per column: a hit in a title counts most. ``typed`` holds the Kazakh stems of all the others (every
stem of a Kazakh case) without the Kazakh letters, as typed on a Russian keyboard, once each: it is matched only by
a query word without those letters."""

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


def _fold(parts: Iterable[str]) -> str:
    return "\n".join(p.casefold() for p in parts)


def fill(conn: sqlite3.Connection, cards: Iterable[Card], texts: Mapping[str, str] | None = None) -> None:
    """Create the index tables in ``conn`` and add ``cards``, with each case's stemmed text from ``texts``."""
    conn.executescript(_SCHEMA)
    for i, card in enumerate(cards, start=1):
        lang = str(card.get("language") or "ru")
        row = {
            "title": stemmed([card.get("title"), card.get("short_title")], lang),
            "abstract": stemmed(card.get("abstract"), lang),
            "keywords": stemmed(card.get("keywords"), lang),
            "actors": stemmed(card.get("actors"), lang),
            "disciplines": stemmed(card.get("disciplines"), lang),
            "authors": stemmed(card.get("authors"), lang),
            "text": (texts or {}).get(str(card["slug"]), ""),
        }
        row["typed"] = " ".join(dict.fromkeys(typed(t) for v in row.values() for t in v.split()
                                              if lang == "kk" or LETTERS & set(t)))
        disciplines = card.get("disciplines", [])
        conn.execute("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?)", (
            i, card["slug"], json.dumps(card, ensure_ascii=False),
            _fold([d["name"] for d in disciplines] + [c for d in disciplines for c in d.get("courses", [])]),
            _fold(a["name"] for a in card.get("authors", [])),
            " ".join(card.get("languages", [])),
        ))
        conn.execute(f"INSERT INTO cases_fts(rowid, {', '.join(COLUMNS)}) VALUES (?, {', '.join('?' * len(COLUMNS))})",
                     (i, *(row[c] for c in COLUMNS)))
    conn.commit()


def write_index(cards: Iterable[Card], path: Path, texts: Mapping[str, str] | None = None) -> None:
    """Write a fresh index of ``cards`` (and the cases' stemmed ``texts`` by slug) to ``path`` atomically."""
    with atomic.replace_with(path) as tmp:
        tmp.unlink()
        conn = sqlite3.connect(tmp)
        try:
            fill(conn, cards, texts)
        finally:
            conn.close()


def open_index(path: Path | None = None, cards: Iterable[Card] = (),
               texts: Mapping[str, str] | None = None) -> sqlite3.Connection:
    """Open a built index read-only, or (``path`` None) make one in memory from ``cards`` and ``texts``."""
    if path is None:
        conn = sqlite3.connect(":memory:")
        fill(conn, cards, texts)
        return conn
    return _open_built(path)


QUERY_SECONDS = 10.0
"""How long one query on a built index may run before it is stopped (a hostile view or a huge file)."""


def _open_built(path: Path) -> sqlite3.Connection:
    """A built index opened as hostile: a regular file only, read-only, no views or triggers, every query
    bounded in time by a progress handler."""
    import os
    import stat
    import time

    try:
        st = os.stat(path)
    except OSError as exc:
        raise sqlite3.DatabaseError(f"cannot open the index: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise sqlite3.DatabaseError("the index is not a regular file")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        started = time.monotonic()
        conn.set_progress_handler(lambda: int(time.monotonic() - started > QUERY_SECONDS), 10_000)
        kinds = dict(conn.execute("SELECT name, type FROM sqlite_master WHERE name IN ('cases', 'cases_fts')"
                                  " OR type IN ('view', 'trigger')").fetchall())
        if any(kind in ("view", "trigger") for kind in kinds.values()) or kinds.get("cases") != "table":
            raise sqlite3.DatabaseError("the index holds views or triggers, or lacks its table: keykis did not make it")
    except BaseException:
        conn.close()
        raise
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
        return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _any_of(options: Sequence[str], typed_options: Sequence[str] = ()) -> str:
    quoted = [f'"{o}"' for o in options]
    if typed_options:
        quoted.append("typed : " + _any_of(typed_options))
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def fts_query(text: str, *, typed_column: bool = True) -> str:
    """An FTS5 query from what a person typed: every word must match, by one of its stems.

    Words in double quotes are matched as an exact phrase (of stems). Nothing
    the user types can break the FTS5 syntax: every term is quoted. A Cyrillic
    word without Kazakh letters also matches a Kazakh word typed that way, in
    the ``typed`` column (when the index has one).
    """
    terms = []
    for phrase in re.findall(r'"([^"]+)"', text):
        found = words(phrase)
        if found:
            terms.append(_any_of(list(dict.fromkeys(" ".join(stem(w, lang) for w in found)
                                                    for lang in ("ru", "kk", "en")))))
    rest = re.sub(r'"[^"]*"?', " ", text)
    terms += [_any_of(query_stems(w), typed_query_stems(w) if typed_column else []) for w in words(rest)]
    return " AND ".join(terms)


def search(conn: sqlite3.Connection, query: str = "", *, discipline: str | None = None, lang: str | None = None,
           author: str | None = None, limit: int | None = None) -> list[Hit]:
    """Cases matching ``query`` and the filters, best first (all cases by title when there is no query)."""
    columns = [row[1] for row in conn.execute("PRAGMA table_info(cases_fts)").fetchall()]
    match = fts_query(query, typed_column="typed" in columns)
    if match:
        sql = ("SELECT c.slug, c.card, bm25(cases_fts, " + ", ".join(map(str, WEIGHTS[:len(columns)])) + ") AS rank,"
               " c.disciplines,"
               " c.authors, c.languages FROM cases_fts JOIN cases c ON c.rowid = cases_fts.rowid"
               " WHERE cases_fts MATCH ? ORDER BY rank")
        rows = conn.execute(sql, (match,)).fetchall()
    else:
        rows = conn.execute("SELECT slug, card, 0.0, disciplines, authors, languages FROM cases ORDER BY slug").fetchall()
    hits = []
    for slug, card, rank, disciplines, authors, languages in rows:
        if not all(isinstance(v, str) for v in (slug, card, disciplines, authors, languages)) or \
                not isinstance(rank, (int, float)):
            continue  # a row of the wrong types (a damaged or hostile index): left out, never a crash
        try:
            card_data = json.loads(card)
        except (ValueError, RecursionError):
            continue
        if not isinstance(card_data, dict):
            continue
        if discipline and discipline.casefold() not in disciplines:
            continue
        if author and author.casefold() not in authors:
            continue
        if lang and lang not in languages.split():
            continue
        hits.append(Hit(slug, card_data, float(rank)))  # type: ignore[arg-type]
    return hits[:limit] if limit else hits
