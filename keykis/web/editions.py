"""A case's editions as HTML for the screen: the student handout, the research edition and the guidelines.

The body of each edition comes from the same templates as the printed one
(``templates/case.html.j2``, ``guidelines.html.j2``), so the screen and the
page never drift apart; the web shell around it (``templates/web/``) adds the
screen stylesheet, the navigation and the language marks. The handout is
rendered from the student's view of the case (``keykis.audience``):
nothing ``schemas/study.yaml`` lists as an answer or as teacher-only reaches
it. The concept graph goes inline as SVG (:mod:`keykis.web.svg`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keykis.audience import student_view
from keykis.gate import ReadyCase
from keykis.render.assets import ASSET_SCHEME, asset_url
from keykis.render.case_edition import refuse_giveaways
from keykis.render.context import EditionContext, edition_context
from keykis.render.disguise import public_case
from keykis.render.engine import render_html
from keykis.render.graph_dot import concept_drawing, draw, fan_dot, relation_legend, relation_types_used
from keykis.web.svg import inline_svg

try:  # the story-ordered student handout (issue #19); until it is there, the student view of the case edition
    from keykis.render.handout import handout_body, handout_context
except ImportError:  # pragma: no cover - depends on the version of keykis.render
    handout_body = handout_context = None  # type: ignore[assignment, unused-ignore]

HANDOUT, RESEARCH, GUIDELINES = "handout", "research", "guidelines"
EDITIONS = (HANDOUT, RESEARCH, GUIDELINES)
"""The editions a browser shows, in the order the preview lists them."""
STUDENT_EDITIONS = (HANDOUT,)
"""The editions a public site carries (teacher material only with ``--with-guidelines``)."""
TEMPLATES = {HANDOUT: "case.html.j2", RESEARCH: "case.html.j2", GUIDELINES: "guidelines.html.j2"}

_BODY = re.compile(r"<body[^>]*>(?P<body>.*)</body>", re.S)
_MAIN = re.compile(r"<main\b(?P<attrs>[^>]*)>")
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_IMG = re.compile(rf'<img src="{ASSET_SCHEME}:(?P<name>[\w.-]+)" alt="(?P<alt>[^"]*)">')

SCREEN_ARROW_CHARS = 40
"""A relation's short form up to this long is written on its arrow on the web (longer ones are numbered)."""


@dataclass
class Edition:
    """One edition of a case, ready to be put into a web page."""

    name: str
    """``handout``, ``research`` or ``guidelines``."""
    lang: str
    """Language of the case's text (the page's ``lang``)."""
    title: str
    """The case's title as plain text."""
    body: str
    """The edition's HTML, without the document around it (the graph drawn inline)."""
    context: EditionContext = field(repr=False)
    """What the template saw (the public view of the case)."""


def source_case(case: ReadyCase, edition: str) -> ReadyCase:
    """The case an edition is rendered from: public names always; the student's view for the handout."""
    public = public_case(case)
    return student_view(public) if edition == HANDOUT else public


def render_edition(case: ReadyCase, edition: str, lang: str | None = None) -> Edition:
    """Render one edition of ``case`` to HTML (headings in ``lang``, the case's own language by default)."""
    view = source_case(case, edition)
    story = edition == HANDOUT and handout_context is not None
    ctx = handout_context(view, lang, public=True) if story else edition_context(view, lang)
    # a screen has no print size to keep: every relation's short form goes on its arrow, the types in the legend
    svgs = {"figure.svg": concept_drawing(view, ctx.lang, rankdir="TB", limit=SCREEN_ARROW_CHARS)[0]}
    ctx.figure_url = ctx.graph_url = asset_url("figure.svg")
    ctx.relations = relation_legend(view, ctx.lang, SCREEN_ARROW_CHARS)
    ctx.relation_lines = relation_types_used(view, ctx.lang)
    if edition == GUIDELINES:
        svgs["fan.svg"] = draw(fan_dot(view, ctx.lang))
        ctx.fan_url = asset_url("fan.svg")
    html = handout_body(ctx) if story else render_html(TEMPLATES[edition], c=ctx)
    if edition == HANDOUT:  # a page students read never carries an answer, on paper or on screen
        refuse_giveaways(html, public_case(case), case.folder)
    match = _BODY.search(html)
    body = match.group("body") if match else html

    def figure(m: re.Match[str]) -> str:
        data = svgs.get(m.group("name"))
        if data is None:
            return m.group(0)
        return inline_svg(data, label=_unescape(m.group("alt")), prefix=m.group("name").split(".")[0])

    body = _IMG.sub(figure, body)
    body = _MAIN.sub(r"<div\g<attrs>>", body).replace("</main>", "</div>")  # the page around it has the main
    body = _TABLE.sub(lambda m: f'<div class="table-wrap" tabindex="0">{m.group(0)}</div>', body)
    from keykis.render.markup import plain

    return Edition(edition, view.language, plain(ctx.title), body, ctx)


def _unescape(text: str) -> str:
    """The alt text as Jinja escaped it, back to plain text (``inline_svg`` escapes it again)."""
    import html

    return html.unescape(text)
