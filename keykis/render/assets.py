"""How a page names an in-memory asset (the graph SVG, a matrix drawing) that the renderer's fetcher serves.

Kept apart from :mod:`keykis.render.fetcher` so that a process that only renders HTML from the templates (the
catalogue's pages, laid out elsewhere) does not import WeasyPrint.
"""

from __future__ import annotations

ASSET_SCHEME = "keykis-asset"


def asset_url(name: str) -> str:
    """The URL under which an in-memory asset is served."""
    return f"{ASSET_SCHEME}:{name}"
