"""The site and the preview in a real browser: Debian's Chromium, headless, over the DevTools protocol.

Searches from inflected words land on the right cases; the pages read at 360 and
1280 px; the preview reloads after a save; no console error, no request outside
the site; axe-core finds no serious accessibility violation. Screenshots go to
the test's folder, and to ``$KEYKIS_WEB_SCREENSHOTS`` when set (docs/img/web/).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from keykis.web.preview import Preview
from tests.helpers import CASES, ROOT
from tests.web.chromium import Browser, chromium_path
from tests.web.conftest import Built

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(chromium_path() is None,
                                 reason="Chromium is not installed and could not be (make test installs Debian's chromium)")]
AXE = ROOT / ".web-tools" / "node_modules" / "axe-core" / "axe.min.js"
SLUGS = sorted(p.name for p in CASES.iterdir() if (p / "case.yaml").is_file())


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as b:
        yield b


@pytest.fixture
def page(browser: Browser) -> Browser:
    """The browser with a clean record of requests and errors, 1280 px wide, scripts on."""
    browser.send("Emulation.setScriptExecutionDisabled", value=False)
    browser.resize(1280, 900)
    browser.requests.clear()
    browser.errors.clear()
    return browser


def _url(built: Built, path: str) -> str:
    return (built.site / path).as_uri()


def _keep(shot: Path) -> None:
    target = os.environ.get("KEYKIS_WEB_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(target) / shot.name)


def _search(page: Browser, built: Built, lang: str, query: str) -> list[str]:
    page.goto(_url(built, f"{lang}/index.html"))
    page.until("!document.querySelector('form.search').hidden")
    page.js("document.querySelector('#q').focus()")
    page.type(query)
    page.until("document.querySelector('.search-status').textContent")
    return list(page.js("Array.from(document.querySelectorAll('.search-results a')).map(a => a.getAttribute('href'))"))


@pytest.mark.parametrize(("lang", "query", "case"), [
    ("ru", "очереди", "ozerny-service-centre"),
    ("kk", "әкімдіктің", "aktobe-akimat-communication"),
    ("en", "twinning", "astana-world-city"),
])
def test_a_search_from_an_inflected_word_lands_on_the_right_case(page: Browser, built: Built, lang: str, query: str,
                                                                 case: str) -> None:
    found = _search(page, built, lang, query)
    assert found and found[0] == f"../cases/{case}/index.html", found
    page.js("document.querySelector('.search-results a').click()")
    page.wait_event("Page.loadEventFired")
    assert page.js("location.href").endswith(f"/cases/{case}/index.html")
    assert page.js("document.querySelector('h1').textContent")
    assert page.errors == []


def test_a_word_no_page_holds_is_still_found_by_its_stem(page: Browser, built: Built) -> None:
    assert "очередям" not in (built.site / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert _search(page, built, "ru", "очередям")[:1] == ["../cases/ozerny-service-centre/index.html"]
    index = (built.site / "assets" / "search-index.js").read_text(encoding="utf-8")
    for lang, word, case in (("kk", "әкімдіктерінің", "aktobe-akimat-communication"), ("en", "twinned", "astana-world-city")):
        assert f'"{word}"' not in index
        assert _search(page, built, lang, word)[:1] == [f"../cases/{case}/index.html"], word
    assert _search(page, built, "en", "nonexistentword") == []
    assert "nonexistentword" in page.js("document.querySelector('.search-status').textContent")


def test_every_page_loads_only_its_own_files_and_logs_no_error(page: Browser, built: Built) -> None:
    pages = ["index.html", "ru/index.html", "kk/index.html", "en/index.html", "en/level-master.html",
             *(f"cases/{s}/index.html" for s in SLUGS)]
    for path in pages:
        page.goto(_url(built, path))
    inside = built.site.as_uri() + "/"
    assert page.requests and all(u.startswith(inside) or u.startswith("data:") for u in page.requests), page.requests
    assert page.errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_pages_read_at_360_and_1280_pixels(page: Browser, built: Built, tmp_path: Path, width: int) -> None:
    page.resize(width, 900 if width > 400 else 760)
    for name, path in (("index", "ru/index.html"), ("case", "cases/ozerny-service-centre/index.html"),
                       ("case-kk", "cases/zhambyl-public-consent/index.html")):
        page.goto(_url(built, path))
        assert page.js("document.documentElement.scrollWidth") <= width, (path, width)
        shot = tmp_path / f"{name}-{width}.png"
        assert len(page.screenshot(shot)) > 10_000
        _keep(shot)
    page.goto(_url(built, "ru/index.html"))
    facets, cases = page.js("[document.querySelector('.facets').getBoundingClientRect().left,"
                            " document.querySelector('.cases').getBoundingClientRect().left]")
    assert (facets < cases) if width == 1280 else (facets == cases)  # side by side on a screen, one column on a phone
    graph = None
    page.goto(_url(built, "cases/ozerny-service-centre/index.html"))
    graph = page.js("document.querySelector('svg.graph-svg').getBoundingClientRect().width")
    assert 200 < graph <= width


def test_everything_but_the_search_works_without_javascript(page: Browser, built: Built) -> None:
    page.send("Emulation.setScriptExecutionDisabled", value=True)
    page.goto(_url(built, "ru/index.html"))
    assert page.js("document.querySelector('form.search').hidden") is True
    page.send("Emulation.setScriptExecutionDisabled", value=False)  # to read the page; it is loaded already
    link = page.js("document.querySelector('.facets a[href^=\"language-kk\"]').href")
    page.send("Emulation.setScriptExecutionDisabled", value=True)
    page.goto(link)
    page.send("Emulation.setScriptExecutionDisabled", value=False)
    listed = page.js("Array.from(document.querySelectorAll('.case-list h3 a')).map(a => a.getAttribute('href'))")
    assert "../cases/zhambyl-public-consent/index.html" in listed


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed and could not be (make web-tools installs it from npm)")
def test_axe_finds_no_serious_violation(page: Browser, built: Built) -> None:
    axe = AXE.read_text(encoding="utf-8")
    found = {}
    site = [_url(built, p) for p in ("index.html", "ru/index.html", "kk/level-civil-service.html",
                                     "cases/ozerny-service-centre/index.html", "cases/zhambyl-public-consent/index.html",
                                     "cases/astana-world-city/index.html")]
    teacher = [(built.teacher / p).as_uri() for p in ("index.html", "almaty-city-diplomacy/index.html")]
    for path in site + teacher:
        page.goto(path)
        page.js(axe)
        result = page.js("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
                         "v => [v.id, v.impact, v.nodes.length]))", wait=True)
        found[path] = [v for v in result if v[1] in ("serious", "critical")]
    assert not any(found.values()), found


def test_the_preview_reloads_after_a_save(page: Browser, tmp_path: Path) -> None:
    case = tmp_path / "ozerny-service-centre"
    shutil.copytree(CASES / "ozerny-service-centre", case)
    file = case / "case.yaml"
    with Preview(case) as preview:
        page.goto(preview.url + "handout")
        assert "стульев" in page.js("document.body.textContent")
        page.until("performance.getEntriesByType('resource').some(e => e.name.includes('/events'))"
                   " || document.readyState === 'complete'")
        file.write_text(file.read_text(encoding="utf-8").replace("не хватало стульев", "не хватало скамеек"),
                        encoding="utf-8")
        page.wait_event("Page.loadEventFired")
        page.until("document.body.textContent.includes('скамеек')")
        assert page.js("document.querySelector('h1').textContent")
    inside = preview.url
    assert all(u.startswith(inside) or u.startswith("data:") for u in page.requests), page.requests
    assert page.errors == []
