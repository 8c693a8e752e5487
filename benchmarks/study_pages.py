"""The study documents of a bundled case, written for the print check: worksheet, class review, feedback.

    .venv/bin/python benchmarks/print_check.py --study OUTDIR

A student's worksheet (``tests/study/data/class30``), the class review of a few
worksheets (one broken, one with errors, two with one ID number, a team) and
each student's feedback, for the Ozerny case, in Russian, Kazakh and English:
``OUTDIR/<lang>/worksheet.pdf``, ``OUTDIR/<lang>/review.pdf``,
``OUTDIR/<lang>/feedback/*.pdf``. ``tests/render/test_print_check.py`` measures
the same files.
"""

from __future__ import annotations

from pathlib import Path

from keykis.vocabulary import LANGS

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "ozerny-service-centre"
CLASS = ROOT / "tests" / "study" / "data" / "class30"
WORKSHEET = "23-22010.yaml"
"""A worksheet with errors (ids that resolve to nothing): its findings print as messages."""
REVIEWED = ("01-21001.yaml", "05-21005.yaml", "23-22010.yaml", "26-team.yaml", "33-21005.yaml", "35-noid.yaml",
            "38-team.yaml")


def write_study_pages(outdir: Path, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """Write the worksheet, review and feedback PDFs in every language of ``langs``; return the PDFs."""
    from keykis.gate import require_case
    from keykis.model import load_case
    from keykis.study.render import render
    from keykis.study.report import write_feedback, write_review
    from keykis.study.review import review_class

    case = require_case(load_case(CASE))
    written: list[Path] = []
    for lang in langs:
        folder = outdir / lang
        folder.mkdir(parents=True, exist_ok=True)
        written += render(CLASS / WORKSHEET, folder, lang=lang, case_path=CASE / "case.yaml").outputs
        review = review_class(case, [CLASS / name for name in REVIEWED], lang=lang)
        written += [p for p in write_review(review, folder, lang=lang) if p.suffix == ".pdf"]
        (folder / "feedback").mkdir(exist_ok=True)
        written += write_feedback(review, folder / "feedback", lang=lang)
    return written


__all__ = ["CASE", "write_study_pages"]
