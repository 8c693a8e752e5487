"""Rendering: the three documents of a case, named for who reads them, and its concept graph.

The **student handout** (``handout.pdf``) is what a class is given: the case
told as a story, from the student's view of the case (``keykis.audience``:
nothing ``schemas/study.yaml`` lists as an answer or as teacher-only). The
**research edition** (``case.pdf``) is the full KEYKIS case as the method lays
it out, for journals and the archive. The **teacher guidelines**
(``guidelines.pdf``) carry the author's analysis as the answer key.

``render_case`` is the one entry point the CLI, the editor and the database
build call. It renders from a *public* copy of the case (aliases applied),
draws the graphs with Graphviz (cached by DOT hash), fills the Jinja
templates in ``templates/`` and lets WeasyPrint lay them out with a fetcher
that reads nothing outside the case folder and the templates. Other kinds of
documents (a student's worksheet) plug in through ``render_document``: the
caller hands it the renderer of each kind it offers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from keykis.documents import CASE, kind_of
from keykis.errors import UserError
from keykis.model import Case, load_case

if TYPE_CHECKING:
    from keykis.gate import ReadyCase

EDITIONS = ("handout", "research", "teacher")
"""The documents of a case: the student handout, the research edition, the teacher guidelines."""
ALIASES = {"student": "handout"}
"""Older names of editions: ``student`` is what a student may read, the handout."""
FILES = {"handout": "handout.pdf", "research": "case.pdf", "teacher": "guidelines.pdf"}
"""The file each edition is written to. The research edition keeps ``case.pdf``: it is the case in the method's
sense, and catalogues, search results and output folders already handed out link to it (docs/print.md)."""


@dataclass
class RenderResult:
    """What a render wrote."""

    outputs: list[Path] = field(default_factory=list)
    """Every file written, in order."""
    pages: dict[str, int] = field(default_factory=dict)
    """Page count per output file name (PDFs only)."""
    refused: list[str] = field(default_factory=list)
    """URLs the renderer refused to fetch (a case asked for something it may not read)."""
    sizes: dict[str, int] = field(default_factory=dict)
    """Printed A4 pages of the ``case`` (student edition and the author's analysis) and of the
    teacher ``guidelines`` proper, when both editions were rendered."""


def _editions(editions: Iterable[str]) -> tuple[str, ...]:
    wanted = [ALIASES.get(e, e) for given in editions for e in (EDITIONS if given == "all" else (given,))]
    flat = tuple(dict.fromkeys(wanted))
    unknown = [e for e in flat if e not in EDITIONS]
    if unknown:
        raise UserError(f"unknown edition '{unknown[0]}' (choose handout, research, teacher or all)",
                        words=("file.unknown_edition", {"edition": unknown[0]}))
    return flat


def render_case(
    case_or_path: ReadyCase | Path | str,
    outdir: Path | str,
    *,
    editions: Iterable[str] = EDITIONS,
    html: bool = False,
    archival: bool = False,
    lang: str | None = None,
) -> RenderResult:
    """Render a case to ``outdir``: graph.svg, graph.pdf and the chosen editions (handout.pdf, case.pdf, guidelines.pdf).

    Args:
        case_or_path: A case that passed the gate (``keykis.gate.require_case``), or its folder or
            ``case.yaml`` (loaded and gated here).
        outdir: Folder for the outputs (created when missing).
        editions: ``handout`` (handout.pdf; ``student`` too), ``research`` (case.pdf), ``teacher``
            (guidelines.pdf), or ``all``.
        html: Keep the HTML beside each PDF.
        archival: Write PDF/A-3b with the (public) case file attached.
        lang: Language of headings and captions; the case's own language by default.
    """
    from keykis.gate import require_case
    from keykis.render.case_edition import render_editions

    # no template meets a wrong type or a text over its limit; a ReadyCase has been through the gate already
    case = require_case(case_or_path if isinstance(case_or_path, Case) else load_case(Path(case_or_path)))
    return render_editions(case, Path(outdir), editions=_editions(editions), html=html, archival=archival, lang=lang)


DocumentRenderer = Callable[..., RenderResult]
"""``render(path, outdir, **options)`` for one kind of document (``keykis.study.render.render`` for worksheets)."""


def render_document(path: Path, outdir: Path, *, renderers: Mapping[str, DocumentRenderer] | None = None,
                    **options: Any) -> RenderResult:
    """Render any keykis document: a case, or a kind of ``keykis.documents.KINDS`` found in ``renderers``."""
    from keykis import yamlsafe
    from keykis.gate import require_case
    from keykis.model import case_file

    file = case_file(path)
    data, text = yamlsafe.load_mapping(file)
    kind = kind_of(data)
    if kind == CASE:
        return render_case(require_case(Case(data, path=file, text=text)), outdir, **options)
    renderer = (renderers or {}).get(kind)
    if renderer is None:
        raise UserError(f"rendering a {kind} is not available in this version", path=str(file),
                        words=("file.render_unavailable", {"kind": kind}))
    return renderer(file, outdir, **options)


__all__ = ["ALIASES", "EDITIONS", "FILES", "DocumentRenderer", "RenderResult", "render_case", "render_document"]
