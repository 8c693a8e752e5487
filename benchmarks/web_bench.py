"""Benchmark of the web editions: the preview's reload after a save, and the site build against the PDF build.

    .venv/bin/python benchmarks/web_bench.py                 # both, the six bundled cases
    .venv/bin/python benchmarks/web_bench.py --no-build      # only the preview's reload
    .venv/bin/python benchmarks/web_bench.py --saves 10

Reload: a copy of the Ozerny case is served by ``keykis.web.preview``; headless
Chromium (Debian's, over the DevTools protocol) shows its handout; each save
rewrites one sentence of the case file, and the time runs from just before the
write until the reloaded page's load event with the new sentence in it. The
reference in the same run is rendering the student PDF of the same case
(``keykis render --edition student``), what an author waited for before.

Build: ``keykis build --force`` of the bundled cases into PDFs (the local pool)
against ``keykis site --force`` of the same cases, each in a fresh process.
The site's share of the PDF build is the figure the issue asks to keep under 10 %.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from keykis.render import render_case  # noqa: E402
from keykis.web.preview import Preview  # noqa: E402
from tests.web.chromium import Browser, chromium_path  # noqa: E402

CASE = ROOT / "cases" / "ozerny-service-centre"
SENTENCE = "не хватало стульев"


def reload_latency(saves: int, work: Path) -> list[float]:
    """Seconds from a save to the reloaded page showing it, ``saves`` times."""
    case = work / "preview" / CASE.name
    shutil.copytree(CASE, case)
    file = case / "case.yaml"
    text = file.read_text(encoding="utf-8")
    times = []
    with Preview(case) as preview, Browser() as browser:
        browser.goto(preview.url + "handout")
        time.sleep(0.5)  # the page's long poll is open
        for i in range(saves):
            marker = f"не хватало стульев ({i})"
            start = time.perf_counter()
            file.write_text(text.replace(SENTENCE, marker), encoding="utf-8")
            browser.wait_event("Page.loadEventFired")
            # the typographic pass binds short words with no-break spaces: compare with plain spaces
            browser.until(f"document.body.textContent.replace(/\\u00a0/g, ' ').includes({marker!r})", timeout=30)
            times.append(time.perf_counter() - start)
            time.sleep(0.5)
    return times


def pdf_render(work: Path) -> float:
    """Seconds to render the student PDF of the case (the same process, warm)."""
    render_case(CASE, work / "warm", editions=("student",))
    start = time.perf_counter()
    render_case(CASE, work / "pdf", editions=("student",))
    return time.perf_counter() - start


def _timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "keykis", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="keykis-web-bench-") as tmp:
        work = Path(tmp)
        if chromium_path():
            times = reload_latency(args.saves, work)
            pdf = pdf_render(work)
            print(f"preview reload after a save: median {statistics.median(times) * 1000:.0f} ms, "
                  f"max {max(times) * 1000:.0f} ms over {len(times)} saves (target 300 ms)")
            print(f"reference, student PDF of the same case: {pdf * 1000:.0f} ms; "
                  f"reload / PDF = {statistics.median(times) / pdf:.3f}")
        else:
            print("Chromium is not installed: the reload is not measured")
        if not args.no_build:
            pdfs = _timed("build", "cases", "-o", str(work / "out"), "--force", "-q")
            site = _timed("site", "cases", "-o", str(work / "site"), "--force")
            again = _timed("site", "cases", "-o", str(work / "site"))
            print(f"PDF build of the bundled cases: {pdfs:.1f} s; site build: {site:.2f} s "
                  f"({site / pdfs * 100:.1f} % of the PDF build); site again, nothing changed: {again:.2f} s")


if __name__ == "__main__":
    main()
