"""The URL fetcher's rules, the CLI front door, and every bundled case."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.model import find_cases
from keykis.render.fetcher import RefusedURL, SafeFetcher
from keykis.render.markup import markdown
from tests.helpers import CASES, run_cli
from tests.render.pdfread import text
from tests.rendered import Rendered


def test_fetcher_serves_only_assets_and_allowed_folders(tmp_path: Path) -> None:
    inside = tmp_path / "case" / "figure.svg"
    inside.parent.mkdir()
    inside.write_text("<svg/>")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    fetcher = SafeFetcher([inside.parent], {"graph.svg": (b"<svg/>", "image/svg+xml")})
    assert fetcher("keykis-asset:graph.svg").read() == b"<svg/>"
    assert fetcher(inside.as_uri()).read() == b"<svg/>"
    for url in (outside.as_uri(), (inside.parent / ".." / "secret.txt").as_uri(), "http://127.0.0.1:9/x.css",
                "https://example.org/", "data:text/css,body{}", "keykis-asset:other.svg", "ftp://x/y"):
        with pytest.raises(RefusedURL):
            fetcher(url)
    assert len(fetcher.refused) == 7


def test_markdown_keeps_only_the_safe_subset() -> None:
    html = markdown("*a* [ok](https://e.org) [no](file:///etc/passwd) [js](javascript:alert(1)) <i>x</i>")
    assert '<a href="https://e.org">ok</a>' in html and "<em>a</em>" in html
    assert "file:" not in html.replace("[no](file:///etc/passwd)", "") and "&lt;i&gt;" in html
    assert 'href="javascript' not in html


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    proc = run_cli("render", str(tmp_path / "missing"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no such file or folder" in proc.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n")
    proc = run_cli("render", str(bad), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_cli_renders_the_student_handout(tmp_path: Path) -> None:
    proc = run_cli("render", str(CASES / "ozerny-service-centre"), "-o", str(tmp_path), "--edition", "student",
                   "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["graph.pdf", "graph.svg", "handout.pdf"]
    assert "handout.pdf" in proc.stdout and "student handout" in proc.stdout
    body = text(tmp_path / "handout.pdf")
    assert "Abstract" not in body and "Background" in body and "Иванов" in body


@pytest.mark.slow
@pytest.mark.parametrize("case_file", find_cases([CASES]), ids=lambda p: p.parent.name)
def test_every_bundled_case_renders(case_file: Path, rendered: Rendered) -> None:
    out, result = rendered(case_file)
    assert [p.name for p in result.outputs if p.suffix != ".html"] == ["graph.svg", "graph.pdf", "handout.pdf", "case.pdf",
                                                                          "guidelines.pdf"]
    assert result.pages["graph.pdf"] == 1
    assert result.pages["guidelines.pdf"] >= 5
    from keykis.model import load_case

    case = load_case(case_file)
    assert " ".join(case.title.split()[:4]).replace("'", "\u2019") in text(out / "case.pdf").replace("'", "\u2019")
