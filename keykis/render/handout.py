"""The student handout: the case told as a story, made from the student's view of it.

The handout is what an instructor gives a class before the discussion. It is
rendered from ``keykis.audience.student_view`` of the public case, so what
``schemas/study.yaml`` lists as an answer or as teacher-only (the author's
problems, tasks, solutions, decision, conclusion, abstract, guidelines) is not
in the data the template sees, whatever the template asks for. The synopsis
takes the abstract's place.

``handout_body`` gives the handout's HTML body (title block to sources) for
any page that shows it: the PDF wraps it in ``handout.html.j2``, a web page in
its own frame.
"""

from __future__ import annotations

from keykis.audience import student_view
from keykis.gate import TypedCase
from keykis.render.context import EditionContext, edition_context
from keykis.render.disguise import public_case
from keykis.render.engine import render_html
from keykis.render.typography import typeset_html


def handout_context(case: TypedCase, lang: str | None = None, *, public: bool = False) -> EditionContext:
    """The context of the handout of ``case`` (headings in ``lang``, default the case's language).

    Args:
        case: The case as it passed the gate (real names are replaced by aliases here), or its public copy.
        lang: Language of the headings and captions.
        public: ``case`` is already the public copy (aliases applied).
    """
    return edition_context(student_view(case if public else public_case(case)), lang)


def handout_body(ctx: EditionContext) -> str:
    """The handout's HTML body: title block, synopsis, the story, the decision ahead, exhibits, sources.

    The text carries the typographic no-break spaces of the case's language
    (``keykis.render.typography``), as the PDF does. Images are referenced as the context names them (``ctx.figure_url``,
    ``ctx.graph_url``); set those to URLs the page can load, or leave them
    empty to print the handout without its graph.
    """
    return typeset_html(render_html("handout_body.html.j2", c=ctx), ctx.case.language)


__all__ = ["handout_body", "handout_context"]
