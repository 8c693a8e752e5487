"""Joining laid-out PDFs into one document, with an outline and document metadata.

A long document (the catalogue) is laid out in parts so that a change lays
out only its own part; the parts are joined here, with a bookmark where each
section starts, and the title and language readers and screen readers show.
Only pypdf's public API is used.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from keykis import atomic


def join_pdfs(parts: Sequence[tuple[Path, Sequence[str]]], target: Path, *, title: str = "", subject: str = "",
              lang: str = "") -> int:
    """Join ``parts`` (a PDF and the bookmarks starting on its first page) into ``target``; return its page count."""
    from pypdf import PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    for path, bookmarks in parts:
        start = len(writer.pages)
        writer.append(str(path))
        for name in bookmarks:
            writer.add_outline_item(title=name, page_number=start)
    if title or subject:
        writer.add_metadata({"/Title": title, "/Subject": subject})
        writer.root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    if lang:
        writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
    buf = io.BytesIO()
    writer.write(buf)
    atomic.write_bytes(target, buf.getvalue())
    return len(writer.pages)
