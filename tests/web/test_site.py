"""The static site: pages, languages, what students may see, the graph inline, incremental rebuilds."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from keykis.audience import student_view
from keykis.errors import UserError
from keykis.gate import require_case
from keykis.model import load_case
from keykis.web.site import SiteOptions, build_site
from keykis.web.text import text_by_language
from tests.helpers import CASES, run_cli
from tests.web.conftest import Built

pytestmark = pytest.mark.slow
SLUGS = sorted(p.name for p in CASES.iterdir() if (p / "case.yaml").is_file())


def _text(path: Path) -> str:
    return " ".join(t for _, t in text_by_language(path.read_text(encoding="utf-8"), "ru"))


def _flat(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _flat(v)]
    if isinstance(value, list):
        return [s for v in value for s in _flat(v)]
    return []


class _Page(HTMLParser):
    """Headings, the root's lang, resources a page loads by itself."""

    def __init__(self) -> None:
        super().__init__()
        self.html_lang = ""
        self.headings: list[int] = []
        self.loads: list[str] = []
        self.imgs_without_alt = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang") or ""
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("script", "img", "iframe", "source") and a.get("src"):
            self.loads.append(a["src"] or "")
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"] or "")
        if tag == "img" and not a.get("alt"):
            self.imgs_without_alt += 1


def _pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_every_case_has_a_page_and_every_language_an_index(built: Built) -> None:
    assert sorted(built.report.built) == SLUGS and not built.report.failed
    for slug in SLUGS:
        assert (built.site / "cases" / slug / "index.html").is_file()
    for lang in ("ru", "kk", "en"):
        assert (built.site / lang / "index.html").is_file()
    assert {p.name for p in (built.site / "assets").iterdir()} >= {"screen.css", "print.css", "search.js", "search-index.js"}


def test_index_pages_list_every_case_and_facets_link_to_their_pages(built: Built) -> None:
    page = (built.site / "ru" / "index.html").read_text(encoding="utf-8")
    for slug in SLUGS:
        assert f'href="../cases/{slug}/index.html"' in page
    facet_links = re.findall(r'href="((?:discipline|language|level|setting)-[\w-]+\.html)"', page)
    assert {f.split("-")[0] for f in facet_links} == {"discipline", "language", "level", "setting"}
    for link in facet_links:
        assert (built.site / "ru" / link).is_file()
    kazakh = (built.site / "ru" / "language-kk.html").read_text(encoding="utf-8")
    assert "zhambyl-public-consent" in kazakh


def test_the_handout_leaves_out_answers_and_teacher_material(built: Built) -> None:
    """No text that only the hidden parts hold (study.yaml: answers, teacher-only) is on the page."""
    for slug in SLUGS:
        case = load_case(CASES / slug)
        text = " ".join(_text(built.site / "cases" / slug / "index.html").split())
        visible = " ".join(" ".join(s.split()) for s in _flat(student_view(require_case(case)).data))
        everything = [" ".join(s.split()) for s in _flat(case.data) if len(s) > 60]
        secrets = [s[:60] for s in everything if s[:60] not in visible]
        assert len(secrets) > 5, slug
        for secret in secrets:
            assert secret not in text, (slug, secret)


def test_teacher_material_only_in_its_own_folder(built: Built) -> None:
    assert not list(built.site.rglob("guidelines*"))
    for slug in SLUGS:
        page = built.teacher / slug / "index.html"
        synopsis = str((load_case(CASES / slug).data.get("guidelines") or {}).get("synopsis") or "")
        assert " ".join(synopsis.split())[:50] in " ".join(_text(page).split())
    assert (built.teacher / "index.html").is_file() and (built.teacher / "assets" / "screen.css").is_file()


def test_no_guidelines_unless_asked(tmp_path: Path) -> None:
    case = tmp_path / "cases" / "ozerny-service-centre"
    shutil.copytree(CASES / "ozerny-service-centre", case)
    build_site([tmp_path / "cases"], SiteOptions(tmp_path / "site"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases", "site"]
    assert "guidelines" not in (tmp_path / "site" / "cases" / case.name / "index.html").read_text(encoding="utf-8")


def test_pages_have_a_language_headings_in_order_alt_text_and_load_only_their_own_files(built: Built) -> None:
    for path in _pages(built.site) + _pages(built.teacher):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        assert page.html_lang in ("ru", "kk", "en"), path
        assert page.headings and page.headings[0] == 1 and page.headings.count(1) == 1, path
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, (path, page.headings)
        assert page.imgs_without_alt == 0, path
        for url in page.loads:
            assert url == "data:," or (not re.match(r"^(?:[a-z]+:)?//", url) and ":" not in url), (path, url)


def test_titles_in_another_language_are_marked(tmp_path: Path) -> None:
    case = tmp_path / "cases" / "ozerny-service-centre"
    shutil.copytree(CASES / "ozerny-service-centre", case)
    text = (case / "case.yaml").read_text(encoding="utf-8")
    (case / "case.yaml").write_text(re.sub(r"\ntitles:\n(  .*\n)+", "\n", text), encoding="utf-8")
    build_site([tmp_path / "cases"], SiteOptions(tmp_path / "site"))
    kazakh = (tmp_path / "site" / "kk" / "index.html").read_text(encoding="utf-8")
    title = load_case(case).title
    assert f'lang="ru" hreflang="ru">{title}</a>' in kazakh
    assert '<html lang="kk">' in kazakh
    assert 'hreflang="ru">' in (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<p class="case-setting" lang="ru">' in kazakh and '<p class="case-keywords">' in kazakh


def test_the_concept_graph_is_inline_svg_named_for_screen_readers(built: Built) -> None:
    page = (built.site / "cases" / "ozerny-service-centre" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg\b[^>]*>.*?</svg>", page, re.S)
    assert svg and 'role="img"' in svg.group(0) and 'aria-labelledby="figure-title"' in svg.group(0)
    assert re.search(r'<title id="figure-title">[^<]{20,}</title>', svg.group(0))
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    assert "Петров" in svg.group(0) or "Иванов" in svg.group(0)


def test_search_index_holds_the_keys_of_russian_kazakh_and_english_forms(built: Built) -> None:
    script = (built.site / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.keykisIndex = ")
    import json

    index = json.loads(script[len("window.keykisIndex = "):].rstrip().rstrip(";"))
    docs = [d["u"].split("/")[1] for d in index["docs"]]

    def best(key: str) -> str:
        postings = index["keys"][key]
        weights = {postings[i]: postings[i + 1] for i in range(0, len(postings), 2)}
        return docs[max(weights, key=lambda d: weights[d])]

    assert "очередь" in index["forms"]["очереди"]
    assert best("очередь") == "ozerny-service-centre"
    assert best("twin") == "astana-world-city"
    assert "әкімдік" in index["keys"]


def test_a_second_build_renders_nothing_and_writes_nothing(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    for slug in ("ozerny-service-centre", "astana-world-city"):
        shutil.copytree(CASES / slug, cases / slug)
    site = tmp_path / "site"
    first = build_site([cases], SiteOptions(site))
    assert sorted(first.built) == ["astana-world-city", "ozerny-service-centre"]
    again = build_site([cases], SiteOptions(site))
    assert again.built == [] and sorted(again.unchanged) == sorted(first.built) and again.written == 0
    file = cases / "ozerny-service-centre" / "case.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("не хватало стульев", "не хватало скамеек"), encoding="utf-8")
    third = build_site([cases], SiteOptions(site))
    assert third.built == ["ozerny-service-centre"] and third.unchanged == ["astana-world-city"]
    assert "скамеек" in (site / "cases" / "ozerny-service-centre" / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(cases / "astana-world-city")
    fourth = build_site([cases], SiteOptions(site))
    assert fourth.removed == ["astana-world-city"] and not (site / "cases" / "astana-world-city").exists()
    assert "astana-world-city" not in (site / "ru" / "index.html").read_text(encoding="utf-8")


def test_cli_refuses_guidelines_inside_the_site(tmp_path: Path) -> None:
    proc = run_cli("site", str(CASES / "ozerny-service-centre"), "-o", str(tmp_path / "site"),
                   "--with-guidelines", str(tmp_path / "site" / "teacher"))
    assert proc.returncode == 2 and "outside the site" in proc.stderr
    assert not (tmp_path / "site").exists()


def test_cli_writes_a_site_and_says_so(tmp_path: Path) -> None:
    proc = run_cli("site", str(CASES / "ozerny-service-centre"), "-o", str(tmp_path / "site"), "--lang", "kk")
    assert proc.returncode == 0, proc.stderr
    assert "1 cases rendered" in proc.stdout
    assert '<html lang="kk">' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_site_never_lands_in_the_sources_or_among_strangers_files(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(CASES / "ozerny-service-centre", cases / "ozerny-service-centre")
    for inside in (cases / "site", cases):
        proc = run_cli("site", str(cases), "-o", str(inside))
        assert proc.returncode == 2 and "input" in proc.stderr
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "thesis.html").write_text("my own", encoding="utf-8")
    proc = run_cli("site", str(cases), "-o", str(mine))
    assert proc.returncode == 2 and "did not write" in proc.stderr
    assert [p.name for p in mine.iterdir()] == ["thesis.html"]
    proc = run_cli("site", str(cases), "-o", str(tmp_path / "site"), "--with-guidelines", str(mine))
    assert proc.returncode == 2 and not (tmp_path / "site").exists()


def test_a_case_page_links_only_the_pdfs_a_student_may_have(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(CASES / "ozerny-service-centre", cases / "ozerny-service-centre")
    built = tmp_path / "out" / "ozerny-service-centre"
    built.mkdir(parents=True)
    for name in ("handout.pdf", "graph.pdf", "case.pdf", "guidelines.pdf"):
        (built / name).write_bytes(b"%PDF-1.7 " + name.encode())
    build_site([cases], SiteOptions(tmp_path / "site", pdfs=tmp_path / "out", guidelines=tmp_path / "teacher"))
    assert ".pdf" not in (tmp_path / "teacher" / "ozerny-service-centre" / "index.html").read_text(encoding="utf-8")
    page = tmp_path / "site" / "cases" / "ozerny-service-centre"
    assert sorted(p.name for p in page.iterdir()) == ["graph.pdf", "handout.pdf", "index.html"]
    html = (page / "index.html").read_text(encoding="utf-8")
    assert 'href="handout.pdf"' in html and 'href="graph.pdf"' in html
    assert "case.pdf" not in html and "guidelines.pdf" not in html


def test_markup_in_a_case_stays_text_everywhere_on_the_site(tmp_path: Path) -> None:
    folder = tmp_path / "cases" / "очередь и ЦОН"
    shutil.copytree(CASES / "ozerny-service-centre", folder)
    text = (folder / "case.yaml").read_text(encoding="utf-8")
    hostile = '</script><script>alert(1)</script> <img src=http://example.org/x.png> & "quotes"'
    text = text.replace("short_title: Очереди в ЦОН Озёрного района", f"short_title: '{hostile}'")
    text = text.replace("    alias: Иванов", f"    alias: 'Иванов {hostile}'", 1)
    (folder / "case.yaml").write_text(text.replace("не хватало стульев", f"не хватало стульев {hostile}"), encoding="utf-8")
    report = build_site([tmp_path / "cases"], SiteOptions(tmp_path / "site"))
    assert report.built == [folder.name]
    for page in (tmp_path / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img" not in html, page
    assert "</script>" not in (tmp_path / "site" / "assets" / "search-index.js").read_text(encoding="utf-8")
    index = (tmp_path / "site" / "ru" / "index.html").read_text(encoding="utf-8")
    assert 'href="../cases/%D0%BE%D1%87' in index
    case = (tmp_path / "site" / "cases" / folder.name / "index.html").read_text(encoding="utf-8")
    assert case.count("&lt;/script&gt;&lt;script&gt;alert(1)") >= 2  # the text, and the actor's name in the graph too


def test_a_hostile_record_of_the_site_is_rebuilt_never_trusted(tmp_path: Path) -> None:
    import json
    import os

    from keykis.web.site import MANIFEST

    cases = tmp_path / "cases"
    shutil.copytree(CASES / "ozerny-service-centre", cases / "ozerny-service-centre")
    site = tmp_path / "site"
    assert build_site([cases], SiteOptions(site)).built == ["ozerny-service-centre"]
    record = site / MANIFEST
    good = json.loads(record.read_text(encoding="utf-8"))
    entry = good["cases"]["ozerny-service-centre"]
    hostile = [
        {**good, "cases": [entry]},  # a list where the cases belong
        {**good, "cases": {"ozerny-service-centre": {**entry, "entry": {**entry["entry"], "number": [1]}}}},
        {**good, "cases": {"ozerny-service-centre": {**entry, "entry": {**entry["entry"], "titles": None}}}},
        {**good, "cases": {"ozerny-service-centre": {**entry, "entry": {**entry["entry"], "slug": "other"}}}},
        {**good, "cases": {"ozerny-service-centre": None}},
        {**good, "shared": ["x"]},
    ]
    for data in hostile:
        record.write_text(json.dumps(data), encoding="utf-8")
        report = build_site([cases], SiteOptions(site))
        assert report.built == ["ozerny-service-centre"] and not report.failed, data
        assert "ozerny-service-centre" in (site / "ru" / "index.html").read_text(encoding="utf-8")
    record.write_text("[" * 100_000, encoding="utf-8")  # nesting far past the limit
    assert build_site([cases], SiteOptions(site)).built == ["ozerny-service-centre"]
    record.unlink()
    os.mkfifo(record)  # a named pipe in its place is never read (it would hang): the folder is not the site's
    with pytest.raises(UserError, match="did not write"):
        build_site([cases], SiteOptions(site))


def test_a_case_whose_closing_repeats_the_chosen_solution_is_left_off_the_site(tmp_path: Path) -> None:
    """The web handout is refused as the printed one is: the case is reported, its page not written, and no page of
    the site carries the answer."""
    from tests.render.test_handout import _SOLUTION, _copying_case

    cases = tmp_path / "cases"
    cases.mkdir()
    leaky = _copying_case(cases, "closing")
    shutil.copytree(CASES / "civil-service-recruitment", cases / "civil-service-recruitment")
    report = build_site([cases], SiteOptions(tmp_path / "site", messages="ru"))
    assert report.built == ["civil-service-recruitment"]
    assert [slug for slug, _ in report.failed] == [leaky.name]
    assert _SOLUTION.rstrip(".") in report.failed[0][1] and "раздаточный материал" in report.failed[0][1]  # in Russian
    assert not (tmp_path / "site" / "cases" / leaky.name).exists()
    answer = _SOLUTION.split(",")[0]
    assert [p for p in (tmp_path / "site").rglob("*") if p.is_file() and answer in p.read_text(encoding="utf-8",
                                                                                              errors="replace")] == []
