"""Rendering benchmark: the whole ``keykis render`` against WeasyPrint alone.

Both run as whole processes in the same run: first ``keykis render CASE
--html`` (model, checks-free public copy, templates, Graphviz, WeasyPrint),
then one ``python`` process that only turns the very same HTML files into
PDF with WeasyPrint and the same stylesheet (the engine's floor). Prints
the wall times, their ratio and pages per second.

    .venv/bin/python benchmarks/render_bench.py [CASE ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = r"""
import sys
from pathlib import Path
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from keykis.render.hyphenation import register
register()  # the same Kazakh hyphenation patterns as keykis, so both lay out the same lines
fonts = FontConfiguration()
css = CSS(filename=sys.argv[1], font_config=fonts)
pages = 0
for html in sys.argv[2:]:
    doc = HTML(filename=html).render(font_config=fonts, stylesheets=[css])
    doc.write_pdf(html[:-5] + ".floor.pdf", pdf_tags=True)
    pages += len(doc.pages)
print(pages)
"""


def _timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout


def main() -> int:
    """Run the benchmark and print a small table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cases = args.cases or sorted(p.parent for p in (ROOT / "cases").glob("*/case.yaml"))
    keykis = [sys.executable, "-m", "keykis", "render"]
    print(f"{'case':32} {'pages':>5} {'keykis s':>9} {'floor s':>8} {'ratio':>6} {'p/s':>6} {'floor p/s':>9}")
    ratios = []
    for case in cases:
        runs = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                whole, out = _timed([*keykis, str(case), "-o", tmp, "--html"])
                pages = sum(int(line.split("(")[1].split()[0]) for line in out.splitlines() if "(" in line)
                htmls = [str(Path(tmp) / n) for n in ("graph.html", "handout.html", "case.html", "guidelines.html")]
                floor, floor_out = _timed([sys.executable, "-c", FLOOR, str(ROOT / "templates" / "print.css"), *htmls])
                assert int(floor_out) == pages, (floor_out, pages)
                runs.append((whole, floor, pages))
        whole = statistics.median(r[0] for r in runs)
        floor = statistics.median(r[1] for r in runs)
        pages = runs[0][2]
        ratios.append(whole / floor)
        rates = f"{pages / whole:6.1f} {pages / floor:9.1f}"
        print(f"{case.name:32} {pages:5d} {whole:9.2f} {floor:8.2f} {whole / floor:6.2f} {rates}")
    print(f"median ratio keykis/WeasyPrint: {statistics.median(ratios):.2f} (goal <= 1.30)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
