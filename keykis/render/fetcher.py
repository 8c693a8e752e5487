"""The only way WeasyPrint may fetch anything while rendering a case.

Rendering must never read a file outside the case folder and the package's
own templates, and never open a network connection, whatever a case file
says. WeasyPrint asks its URL fetcher for every stylesheet, image and font
it meets; this fetcher serves in-memory assets (the graph SVG), files under
the allowed folders, and refuses everything else. Refusals are recorded so
tests (and curious users) can see what was asked for.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from keykis import safe_read
from keykis.errors import CaseFileError
from keykis.render.assets import ASSET_SCHEME, asset_url

__all__ = ["ASSET_SCHEME", "RefusedURL", "SafeFetcher", "asset_url"]


class RefusedURL(ValueError):
    """A URL the renderer refuses to fetch."""


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """Serve in-memory assets and files under ``roots``; refuse everything else."""

    def __init__(self, roots: Iterable[Path], assets: Mapping[str, tuple[bytes, str]] | None = None) -> None:
        super().__init__(allowed_protocols=())
        self.roots = [Path(r).resolve() for r in roots]
        self.assets = dict(assets or {})
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        """Return the asset or file behind ``url``, or raise ``RefusedURL``."""
        parts = urlsplit(url)
        if parts.scheme == ASSET_SCHEME:
            name = unquote(parts.path).lstrip("/")
            if name in self.assets:
                body, mime = self.assets[name]
                self.served.append(url)
                return URLFetcherResponse(url, body, {"Content-Type": mime})
        elif parts.scheme == "file" and not parts.netloc and not parts.query:
            path = Path(unquote(parts.path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots):
                try:  # regular files only, with a size cap: a FIFO or a device never blocks the renderer
                    body = safe_read.read_bytes(path, limit=safe_read.MAX_ASSET_BYTES)
                except CaseFileError:
                    body = None
                if body is not None:
                    self.served.append(url)
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": mime})
        self.refused.append(url)
        raise RefusedURL(f"refused to fetch {url!r}")

    def __call__(self, url: str) -> URLFetcherResponse:
        """Fetch ``url`` (WeasyPrint calls the fetcher directly)."""
        return self.fetch(url)
