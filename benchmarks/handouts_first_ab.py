"""What serving the class first costs: `build_database` with the handout pass and without it, in turn.

    .venv/bin/python benchmarks/handouts_first_ab.py [--rounds N]

Copies two bundled cases into a temporary folder and builds them with the real
renderer on the inline executor (everything in this process, so its CPU
seconds are the build's), once as the build plans it (every handout first,
then the other editions) and once as one pass per case. Prints wall and CPU
seconds and when every handout was in its case folder: the end of the first
run of jobs (in one pass, a case's handout arrives with the whole case).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from keykis.library import BuildOptions, build_database, database

CASES = ("ozerny-service-centre", "civil-service-recruitment")
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    two_pass = database._handouts_first
    ends: list[float] = []
    results = database._results

    def timed(*a: Any, **k: Any) -> Iterator[Any]:
        yield from results(*a, **k)
        ends.append(time.time())

    database._results = timed  # type: ignore[assignment]
    plans = (("two passes (handouts first)", two_pass), ("one pass", lambda jobs: (jobs, {})))
    for rnd in range(args.rounds):
        for name, plan in plans:
            database._handouts_first = plan  # type: ignore[assignment]
            tmp = Path(tempfile.mkdtemp(prefix="keykis-handouts-"))
            try:
                for c in CASES:
                    shutil.copytree(ROOT / "cases" / c, tmp / "cases" / c)
                ends.clear()
                t, c0 = time.time(), time.process_time()
                r = build_database([tmp / "cases"], BuildOptions(outdir=tmp / "out", executor="inline", lang="ru"))
                wall, cpu = time.time() - t, time.process_time() - c0
                print(f"round {rnd + 1} {name}: ok={r.ok} wall {wall:.1f} s, CPU {cpu:.1f} s, every handout in "
                      f"place at {ends[0] - t:.1f} s, load {os.getloadavg()[0]:.1f}", flush=True)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
