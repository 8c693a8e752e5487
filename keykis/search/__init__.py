"""Finding cases in a database by words, discipline, language or author.

The index is an embedded SQLite database with full-text search (FTS5) over
the catalogue cards: titles, abstracts, keywords, actors and disciplines in
all three languages. ``keykis build`` writes it beside the catalogue; for a
folder of cases that was never built, it is made in memory on the fly.
"""

from keykis.search.index import Hit, open_index, search, write_index

__all__ = ["Hit", "open_index", "search", "write_index"]
