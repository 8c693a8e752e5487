"""Small pieces of the web editions: the inline SVG, the search keys."""

from __future__ import annotations

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
