"""Small pieces of the web editions: the inline SVG, the search keys."""

from __future__ import annotations

import pytest

from keykis.morphology.stems import english_stem, keys
from keykis.render.graph_dot import draw
from keykis.web.svg import inline_svg


def test_inline_svg_escapes_labels_and_prefixes_ids() -> None:
    svg = draw('digraph G { a [label="<b>Аким & co</b>"]; b [label="x\\"y"]; a -> b; }')
    out = inline_svg(svg, label='Граф "акторов" <x>', prefix="fig")
    assert out.startswith("<svg") and out.endswith("</svg>")
    assert "<b>" not in out and "&lt;b&gt;Аким &amp; co&lt;/b&gt;" in out
    assert '<title id="fig-title">Граф &quot;акторов&quot; &lt;x&gt;</title>' in out
    assert 'id="fig-graph0"' in out and ' id="graph0"' not in out
    assert out.count("<title") == 1 and "<?xml" not in out


def test_search_keys_join_inflected_forms() -> None:
    assert "очередь" in keys("очереди", "ru") and "очередь" in keys("очередях", "ru")
    assert "әкімдік" in keys("әкімдіктің", "kk") and "әкімдік" in keys("әкімдігінің", "kk")
    assert english_stem("twinning") == "twin" and english_stem("cities") == "city"
    assert english_stem("process") == "process"


def test_the_story_handout_is_taken_when_the_render_package_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once ``keykis.render.handout`` is there, its context and body make the handout (here stand-ins of its API)."""
    from keykis.gate import require_case
    from keykis.model import load_case
    from keykis.render.context import edition_context
    from keykis.render.engine import render_html
    from keykis.web import editions
    from tests.helpers import CASES

    seen = []

    def context(case, lang, *, public=False):
        seen.append((public, "guidelines" in case.data))
        return edition_context(case, lang)

    def body(ctx):
        return "<main class=story>" + render_html("case.html.j2", c=ctx).split("<body", 1)[1].split(">", 1)[1] + "</main>"

    monkeypatch.setattr(editions, "handout_context", context)
    monkeypatch.setattr(editions, "handout_body", body)
    e = editions.render_edition(require_case(load_case(CASES / "ozerny-service-centre")), editions.HANDOUT)
    assert seen == [(True, False)]  # the public student view goes in
    assert '<div class=story>' in e.body and "<main" not in e.body and 'role="img"' in e.body
