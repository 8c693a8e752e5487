"""``keykis search QUERY``: cases by words, discipline, language or author."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from keykis.cli import default_lang
from keykis.errors import UserError
from keykis.terminal import clean_line
from keykis.vocabulary import LANGS, say


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis search`` (their help texts: vocabulary ``cli.search.<dest>``)."""
    p.add_argument("query", nargs="?", default="", metavar="QUERY")
    p.add_argument("--in", dest="where", type=Path, default=None, metavar="PATH")
    p.add_argument("--discipline", default=None)
    p.add_argument("--lang", choices=LANGS, default=None)
    p.add_argument("--author", default=None)
    p.add_argument("--limit", type=int, default=None, metavar="N")
    p.add_argument("--format", choices=("human", "json"), default="human", dest="fmt")


def _connect(where: Path) -> tuple[object, Path | None, list[str]]:
    from keykis.library.catalogue import INDEX
    from keykis.search import open_index
    from keykis.search.live import index_cases

    if not where.exists():
        raise UserError("no such file or folder", words=("file.missing_path", {}), path=str(where))
    if where.is_file() and where.suffix == ".sqlite":
        return open_index(where), where.parent, []
    if (where / INDEX).is_file():
        return open_index(where / INDEX), where, []
    conn, skipped = index_cases([where])
    return conn, None, skipped


def run(args: argparse.Namespace) -> int:
    """Print the matching cases with their paths; exit 1 when none matches."""
    import sqlite3

    from keykis.card import pick
    from keykis.search import search

    where = args.where or Path("cases")
    try:
        conn, built, skipped = _connect(where)
    except sqlite3.DatabaseError as exc:
        raise UserError(f"the search index cannot be read ({exc}); run keykis build again", path=str(where),
                        words=("file.index_damaged", {"error": exc})) from None
    assert isinstance(conn, sqlite3.Connection)
    try:
        hits = search(conn, args.query, discipline=args.discipline, lang=args.lang, author=args.author, limit=args.limit)
    except sqlite3.DatabaseError as exc:
        raise UserError(f"the search index cannot be read ({exc}); run keykis build again", path=str(where),
                        words=("file.index_damaged", {"error": exc})) from None
    finally:
        conn.close()
    for reason in skipped:
        print(f"keykis: {say('cli.search_skipped', default_lang(), reason=clean_line(reason))}", file=sys.stderr)
    if args.fmt == "json":
        print(json.dumps([h.card | {"pdf": str(built / h.slug / "case.pdf") if built else None} for h in hits],
                         ensure_ascii=False, indent=2))
        return 0 if hits else 1
    lang = args.lang or "ru"
    for h in hits:
        c = h.card
        langs = ", ".join(map(str, c.get("languages", [])))
        print(clean_line(f"{h.slug}  [{langs}]  {pick(c.get('title') or {}, lang, h.slug)}"))
        disciplines = "; ".join(str(d.get("name", "")) for d in c.get("disciplines", []) if isinstance(d, dict))
        if disciplines:
            print(f"    {clean_line(disciplines)}")
        print(f"    {clean_line(str(c.get('path', '')))}")
        if built is not None:
            print(f"    {clean_line(str(built / h.slug / 'case.pdf'))}")
    if not hits:
        print(say("cli.search_none", default_lang()), file=sys.stderr)
    return 0 if hits else 1
