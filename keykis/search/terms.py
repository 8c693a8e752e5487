"""What of a case the search index holds: the stems of the text a student reads.

The build makes each case's terms in its worker (the case is loaded there
anyway) and keeps them in ``OUTDIR/.search-terms/<input hash>.txt``, so the
index is remade from small files instead of a thousand case files read
again; a folder that was never built is stemmed on the fly.
"""

from __future__ import annotations

from pathlib import Path

from keykis import atomic
from keykis.audience import student_view
from keykis.gate import ReadyCase
from keykis.search.stems import kazakh_support, stems

TERMS = ".search-terms"
"""Folder under OUTDIR with one file of stems per built case, named by the case's input hash."""

_LEFT_OUT = frozenset({"meta", "references", "suppress", "keykis"})


def student_texts(case: ReadyCase) -> list[str]:
    """Every text a student may read in ``case`` (no teacher notes, no answers, public names), in file order."""
    view = student_view(case)
    return [text for path, text in view.iter_texts(guidelines=False) if path and path[0] not in _LEFT_OUT]


def case_terms(case: ReadyCase) -> str:
    """The stems of every text a student may read in ``case``, one line per text."""
    texts = student_texts(case)
    support = kazakh_support(texts, case.language)
    return "\n".join(stems(text, case.language, support) for text in texts)


_FORMAT = "# keykis search terms 2\n"
"""The first line of a terms file: files of an older stemming (without it) are stemmed again."""


def terms_file(outdir: Path, key: str) -> Path:
    """Where the terms of the case built from inputs ``key`` are kept."""
    return outdir / TERMS / f"{key}.txt"


def write_terms(outdir: Path, key: str, case: ReadyCase) -> None:
    """Keep the terms of ``case`` (built from inputs ``key``) for the index."""
    keep_terms(outdir, key, case_terms(case))


def keep_terms(outdir: Path, key: str, terms: str) -> None:
    """Keep ``terms`` (from :func:`case_terms`) of the case built from inputs ``key``."""
    (outdir / TERMS).mkdir(exist_ok=True)
    atomic.write_text(terms_file(outdir, key), _FORMAT + terms)


def read_terms(outdir: Path, key: str) -> str | None:
    """The kept terms of the case built from ``key``; None when they are not there or of an older stemming."""
    try:
        text = terms_file(outdir, key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text[len(_FORMAT):] if text.startswith(_FORMAT) else None


def prune_terms(outdir: Path, keys: set[str]) -> None:
    """Remove kept terms of inputs no case has any more."""
    folder = outdir / TERMS
    if folder.is_dir():
        for f in folder.glob("*.txt"):
            if f.stem not in keys:
                f.unlink(missing_ok=True)
