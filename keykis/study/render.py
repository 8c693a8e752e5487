"""``keykis render WORKSHEET``: a student's worksheet as worksheet.pdf for submission.

Handed to ``keykis.render.render_document`` by ``keykis.cli.render`` for the ``worksheet`` kind. The case the worksheet
was made for is named (``keykis render WORKSHEET --case CASE``) or looked up
beside it (see ``keykis.study.worksheet.find_case``), and used through the student view only, so the PDF shows public names and
nothing teacher-only. Without its case a worksheet cannot be printed (public
names, goals and values come from the case): rendering fails with a clear
message instead of quietly making a thinner PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from keykis.errors import UserError
from keykis.model import load_case
from keykis.render import RenderResult


def render(path: Path, outdir: Path, *, lang: str | None = None, case_path: Path | None = None,
           **_options: Any) -> RenderResult:
    """Write ``outdir/worksheet.pdf`` for the worksheet at ``path`` (its case: ``case_path``, or found beside it)."""
    from pypdf import PdfReader

    from keykis import yamlsafe
    from keykis.gate import require_case
    from keykis.study.checks import check_worksheet
    from keykis.study.gate import require_worksheet
    from keykis.study.report import write_worksheet_pdf
    from keykis.study.student import student_view
    from keykis.study.worksheet import find_case, load_worksheet

    ws = load_worksheet(path)
    require_worksheet(ws.data, name=str(path), locate=yamlsafe.Locator(ws.text).locate)
    case_path = case_path or find_case(ws)
    if case_path is None:
        raise UserError(f"the case '{ws.case_id or '?'}' of this worksheet was found neither beside it nor in the "
                        "folders above; keep the worksheet in the case folder (or a folder below it)", path=str(path),
                        words=("file.case_not_found", {"case": ws.case_id or "?"}))
    case = student_view(require_case(load_case(case_path)))
    lang = lang or str(ws.head.get("language") or case.language)
    findings = check_worksheet(ws, case, lang=lang)
    target = write_worksheet_pdf(ws, case, Path(outdir) / "worksheet.pdf", lang=lang, findings=findings)
    return RenderResult(outputs=[target], pages={target.name: len(PdfReader(target).pages)})
