"""Tables offered the break before the first layout: a big one breaks where it stands in the very first layout, one
that is smaller than its text promised is kept whole again (``keykis.render.floats``, real WeasyPrint)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from keykis.paths import templates_dir
from keykis.render import floats, typography
from keykis.render.engine import font_config, stylesheet
from keykis.render.fetcher import SafeFetcher

_SPRING = ("Весной отдел получил новое поручение: подготовить к осени план приёма граждан в сёлах района. "
           "Специалисты объездили двенадцать сёл, записали жалобы жителей и сверили их с отчётами прошлых лет. ")


def _page(table: str, before: int) -> str:
    paragraphs = "".join(f"<p>Абзац {n}. {_SPRING}</p>" for n in range(1, before + 1))
    after = "".join(f"<p>Вывод {n}. {_SPRING}</p>" for n in range(1, 4))
    return f'<html lang="ru"><body><main class="body">{paragraphs}{table}{after}</main></body></html>'


def _table(rows: int, attributes: str = "") -> str:
    body = "".join(f"<tr><td>Село {n}</td><td>{_SPRING[:100]}</td><td>Приём раз в месяц, выезд {n}.</td></tr>"
                   for n in range(1, rows + 1))
    return (f'<table class="plan"{attributes}><caption>Таблица 1. Обращения по сёлам.</caption>'
            f"<thead><tr><th>Село</th><th>Жалобы</th><th>Приём</th></tr></thead><tbody>{body}</tbody></table>")


def _pages(html: str, tmp_path: Path, name: str, settle: bool) -> tuple[list[str], list[Any], Any]:
    """The text of each page of ``html`` laid out (with the float pass or once), the layouts made and the parsed
    document."""
    from weasyprint import HTML

    document = HTML(string=typography.typeset_html(html), base_url=templates_dir().as_uri() + "/",
                    url_fetcher=SafeFetcher([templates_dir()], {}))
    sheets = [stylesheet()]
    layouts: list[Any] = []

    def layout() -> Any:
        layouts.append(document.render(font_config=font_config(), stylesheets=sheets))
        return layouts[-1]

    rendered = floats.settle(document, layout) if settle else layout()
    target = tmp_path / f"{name}.pdf"
    rendered.write_pdf(target)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert rendered is layouts[-1]
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()], layouts, document


@pytest.mark.slow
def test_a_big_table_breaks_where_it_stands_in_the_first_layout(tmp_path: Path) -> None:
    """The pages are those of the table let break by hand and laid out once, and the first layout is the one kept."""
    settled, layouts, _ = _pages(_page(_table(12), before=5), tmp_path, "settled", settle=True)
    let_break = _page(_table(12), before=5).replace('<table class="plan"', '<table class="plan may-split" '
                                                                                   'style="break-inside: auto"')
    by_hand, _, _ = _pages(let_break, tmp_path, "by-hand", settle=False)
    kept_whole, _, _ = _pages(_page(_table(12), before=5), tmp_path, "whole", settle=False)
    assert settled == by_hand
    assert len(layouts) == 1  # the first layout is the one printed
    # it broke where it stands: the caption on the first page, the text after it on the next
    assert "Таблица 1" in settled[0] and "Село 12" not in settled[0] and "Таблица 1" not in kept_whole[0]


@pytest.mark.slow
def test_a_table_smaller_than_its_text_promised_is_kept_whole_again(tmp_path: Path) -> None:
    """Small type makes a table with a big table's text a third of a page: offered the break, it broke at the foot
    of the first page; it is kept whole, on the next page, with its own style back."""
    small = _table(12, ' style="font-size: 5pt"')
    broken, _, _ = _pages(_page(small.replace('style="font-size: 5pt"', 'style="font-size: 5pt; break-inside: auto"')
                                .replace('class="plan"', 'class="plan may-split"'), before=10),
                          tmp_path, "broken", settle=False)
    assert "Таблица 1" in broken[0] and "Село 12" in broken[1]  # the break offered splits it
    settled, layouts, html = _pages(_page(small, before=10), tmp_path, "settled", settle=True)
    whole = [n for n, page in enumerate(settled) if "Таблица 1" in page]
    assert whole and all(f"Село {n} " in settled[whole[0]] for n in range(1, 13))
    assert [(t.get("class"), t.get("style")) for t in html.etree_element.iter("table")] == [("plan", "font-size: 5pt")]
    assert len(layouts) > 1  # the layout that broke it is not the one printed
