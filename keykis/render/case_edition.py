"""The files of a case: graph.svg, graph.pdf and its three documents (handout.pdf, case.pdf, guidelines.pdf).

Everything is rendered from the public copy of the case, so a real name for
which an alias is set cannot reach any output, including the case file
attached to an archival PDF.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from keykis.errors import UserError
from keykis.gate import ReadyCase
from keykis.render import FILES, RenderResult
from keykis.render.context import edition_context
from keykis.render.disguise import public_case, public_source
from keykis.render.engine import PdfJob, render_html, write_atomic, write_pdf
from keykis.render.fetcher import ASSET_SCHEME, asset_url
from keykis.render.graph_dot import concept_layout, draw, fan_dot, relation_legend, relation_types_used
from keykis.render.handout import handout_context
from keykis.render.proof_words import Giveaway, handout_giveaways, html_text
from keykis.vocabulary import LANGS, label, place, say

SVG = "image/svg+xml"
TEMPLATES = {"graph.pdf": "graph.html.j2", "handout.pdf": "handout.html.j2", "case.pdf": "case.html.j2",
             "guidelines.pdf": "guidelines.html.j2"}


def render_editions(case: ReadyCase, outdir: Path, *, editions: tuple[str, ...], html: bool, archival: bool,
                    lang: str | None) -> RenderResult:
    """Render the graph and the chosen editions of ``case`` into ``outdir``."""
    public = public_case(case)
    ctx = edition_context(public, lang)
    result = RenderResult()
    layout = concept_layout(public, ctx.lang)
    assets = {"graph.svg": (layout.svg, SVG), "figure.svg": (layout.figure_svg, SVG)}
    ctx.graph_url = asset_url("graph.svg")
    ctx.figure_url = asset_url("figure.svg")
    ctx.graph_landscape = layout.landscape
    ctx.graph_box_mm = layout.box_mm
    ctx.relations = relation_legend(public, ctx.lang, layout.figure_limit)
    ctx.relation_lines = relation_types_used(public, ctx.lang)
    if "teacher" in editions:
        assets["fan.svg"] = (draw(fan_dot(public, ctx.lang)), SVG)
        ctx.fan_url = asset_url("fan.svg")
    attachments = []  # never on the handout: the case file holds the answers
    if archival:
        attachments.append(("case.yaml", public_source(case), "The KEYKIS case file this PDF was rendered from"))
    # the page has room for more words on arrows than the figure in the text column: its own key
    page = replace(ctx, relations=relation_legend(public, ctx.lang, layout.limit))
    contexts = {"graph.pdf": page, "case.pdf": ctx, "guidelines.pdf": ctx}
    if "handout" in editions:
        contexts["handout.pdf"] = handout = handout_context(public, ctx.lang, public=True)
        handout.graph_url, handout.figure_url, handout.relations = ctx.graph_url, ctx.figure_url, ctx.relations
        handout.relation_lines = ctx.relation_lines
    wanted = ["graph.pdf"] + [FILES[e] for e in ("handout", "research", "teacher") if e in editions]
    pages = {name: render_html(TEMPLATES[name], c=contexts[name]) for name in wanted}
    if "handout.pdf" in pages:
        refuse_giveaways(pages["handout.pdf"], public, case.folder)
    outdir.mkdir(parents=True, exist_ok=True)
    write_atomic(outdir / "graph.svg", assets["graph.svg"][0])
    result.outputs.append(outdir / "graph.svg")
    jobs: dict[str, PdfJob] = {}
    for name in wanted:
        jobs[name] = PdfJob(html=pages[name], target=outdir / name, roots=[case.folder] if case.folder else [],
                            assets=assets, archival=archival, attachments=[] if name == "handout.pdf" else attachments,
                            floats=name != "graph.pdf", shared=name == "graph.pdf")  # every pass makes the graph page
        _one(name, outdir, result, jobs[name], keep_html=html)
    if "case.pdf" in jobs and "guidelines.pdf" in jobs:
        result.sizes = printed_sizes(result.pages["case.pdf"], result.pages["guidelines.pdf"],
                                     jobs["guidelines.pdf"].anchor_pages, jobs["case.pdf"].anchor_pages)
    return result


def printed_sizes(case_pages: int, guidelines_pages: int, anchors: dict[str, int],
                  case_anchors: dict[str, int] | None = None) -> dict[str, int]:
    """Printed pages of the case (the research edition, every step, without its title page and its exhibits)
    and of the guidelines proper.

    guidelines.pdf holds the guidelines proper, then the author's analysis from page ``analysis``,
    then the epilogue from page ``g-epilogue`` (each section starts a page). case.pdf ends with its
    exhibits from page ``back-appendices``: the article sizes the text, not the documents after it.
    """
    exhibits = (case_anchors or {}).get("back-appendices")
    if exhibits is not None:
        case_pages = min(case_pages, exhibits + 1)   # the page the exhibits start on still holds text
    analysis = anchors.get("analysis", guidelines_pages)
    epilogue = anchors.get("g-epilogue", guidelines_pages)
    analysis_pages = max(0, min(epilogue, guidelines_pages) - analysis)
    return {"case": max(0, case_pages - 1), "guidelines": guidelines_pages - analysis_pages}


def refuse_giveaways(page: str, case: ReadyCase, folder: Path | None) -> None:
    """Stop before anything is written when the handout's HTML ``page`` prints one of the author's answers.

    The handout is made from the student's view, so an answer reaches it only
    through a text the student may read that repeats it (a closing that copies
    the chosen solution): the instructor is told which text, and no handout
    with the answer in it is written.
    """
    found = handout_giveaways(html_text(page), case)
    if not found:
        return
    first: Giveaway = found[0]
    where = {lang: place(first.printed, lang) if first.printed else label("edition", "handout", lang) for lang in LANGS}
    source = {lang: place(first.answer, lang) if first.answer else say("file.handout_answer_key", lang)
              for lang in LANGS}
    raise UserError(f"the student handout would print the author's answer «{first.piece}» ({source['en']}), "
                    f'repeated in the field "{where["en"]}": the handout was not written; tell that part without the '
                    "answer (the teacher guidelines carry it)", path=str(folder) if folder else None,
                    words=("file.handout_answer", {"piece": first.piece, "printed": where, "answer": source}))


def _one(name: str, outdir: Path, result: RenderResult, job: PdfJob, *, keep_html: bool) -> None:
    pages, fetcher = write_pdf(job)
    result.outputs.append(job.target)
    result.pages[name] = pages
    result.refused.extend(fetcher.refused)
    if keep_html:
        page = outdir / name.replace(".pdf", ".html")
        write_atomic(page, job.html.replace(f'src="{ASSET_SCHEME}:', 'src="'))
        result.outputs.append(page)
        for asset, (data, _) in job.assets.items():
            if f"{ASSET_SCHEME}:{asset}" in job.html and not (outdir / asset).exists() or asset == "fan.svg":
                write_atomic(outdir / asset, data)
