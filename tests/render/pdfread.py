"""Reading rendered PDFs as a person would: text, page sizes, fonts, attachments."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path
from typing import Any

import pypdf

A4 = (595.28, 841.89)


def text(pdf: Path) -> str:
    """The text of the PDF as poppler extracts it, whitespace normalised."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.replace("\u00ad", "").split())


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Sorted (short, long) side of every page in points."""
    reader = pypdf.PdfReader(pdf)
    return [tuple(sorted((float(p.mediabox.width), float(p.mediabox.height)))) for p in reader.pages]  # type: ignore[misc]


def is_a4(size: tuple[float, float]) -> bool:
    """Whether a (short, long) size is A4 within half a point."""
    return abs(size[0] - A4[0]) < 0.5 and abs(size[1] - A4[1]) < 0.5


def fonts(pdf: Path) -> dict[str, bool]:
    """Base font name -> whether its program is embedded, over all pages."""
    found: dict[str, bool] = {}
    reader = pypdf.PdfReader(pdf)
    for page in reader.pages:
        res: Any = page.get("/Resources") or {}
        for ref in (res.get("/Font") or {}).values():
            font = ref.get_object()
            descs = [font.get("/FontDescriptor")]
            descs += [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts") or []]
            embedded = any(d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                           for d in descs)
            found[str(font.get("/BaseFont"))] = embedded
    return found


def words(pdf: Path) -> list[tuple[int, float, float, str]]:
    """Every word as (page number from 1, xMin, xMax, text), as poppler lays them out."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                         text=True).stdout
    found: list[tuple[int, float, float, str]] = []
    page = 0
    for m in re.finditer(r'<page |<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out):
        if m.group(0) == "<page ":
            page += 1
        else:
            found.append((page, float(m.group(1)), float(m.group(2)), html.unescape(m.group(3))))
    return found
