"""The largest accepted case: what checking and rendering it costs, against the bundled Almaty case.

Three cases, each run as whole ``keykis check`` and ``keykis render`` processes
in the same run:

- ``almaty`` — the largest bundled case (the reference);
- ``500 actors`` — the example with 500 more actors and 1,000 more relations;
- ``texts at the limit`` — the example with its narrative filled to the
  total text limit (``case_max_chars``), each step at most the per-text limit.

Prints wall seconds, PDF pages and the ratio to the reference; the figures go
to docs/performance.md.

    .venv/bin/python benchmarks/limits_bench.py [--repeat N]
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
sys.path.insert(0, str(ROOT))

from keykis.method import method  # noqa: E402
from tests.hostile.bigcase import big_case_text, texts_at_limit  # noqa: E402


def _timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return time.perf_counter() - start, done.stdout


def main() -> int:
    """Run the benchmark and print a small table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    limit = int(method().limits["case_max_chars"])
    keykis = [sys.executable, "-m", "keykis"]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cases = {"almaty (reference)": ROOT / "cases" / "almaty-city-diplomacy"}
        for name, text in (("500 actors, 1,000 relations", big_case_text()),
                           (f"texts at the limit ({limit:,} chars)", texts_at_limit())):
            folder = base / f"case{len(cases)}"
            folder.mkdir()
            (folder / "case.yaml").write_text(text, encoding="utf-8")
            cases[name] = folder
        print(f"{'case':38} {'check s':>8} {'render s':>9} {'pages':>6} {'× ref':>6}")
        ref = None
        for name, folder in cases.items():
            checks, renders, pages = [], [], 0
            for i in range(args.repeat):
                checks.append(_timed([*keykis, "check", str(folder), "--lang", "en"])[0])
                seconds, out = _timed([*keykis, "render", str(folder), "-o", str(base / f"out-{folder.name}-{i}")])
                renders.append(seconds)
                pages = sum(int(line.split("(")[1].split()[0]) for line in out.splitlines() if "(" in line)
            c, r = statistics.median(checks), statistics.median(renders)
            ref = ref or r
            print(f"{name:38} {c:8.1f} {r:9.1f} {pages:6d} {r / ref:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
