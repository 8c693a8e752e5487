"""`check_case` on the 500-actor case: an earlier revision against the working tree, interleaved, CPU beside wall.

    .venv/bin/python benchmarks/big_check_ab.py [REV] [--rounds N]

REV (default 6cb1d0a, before the per-pass cache) is exported with ``git archive``
into a temporary folder; each tree checks the case of tests/hostile/bigcase.py in
a process of its own: one warm-up check, then four keystrokes (a character added
to or taken from the conclusion, then from an actor's role, in turn), each followed
by ``check_case(doc.case())`` as the editor runs it: the median as
``time.process_time()`` (CPU) and wall time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import pathlib, statistics, sys, time
from keykis.casefile import open_case
from keykis.check import check_case
doc = open_case(pathlib.Path(sys.argv[1]))
check_case(doc.case(), lang="ru")
cpu, wall = [], []
places = [("conclusion",), ("actors", 300, "role")]
for i in range(4):  # one keystroke, then the snapshot and the check, as the editor does
    where = places[i % 2]
    text = str(doc.get(where))
    doc.set(where, text[:-1] if text.endswith("x") else text + "x")
    t, p = time.perf_counter(), time.process_time()
    check_case(doc.case(), lang="ru")
    wall.append(time.perf_counter() - t)
    cpu.append(time.process_time() - p)
print(statistics.median(cpu), statistics.median(wall))
"""


def main() -> None:
    """Export the revision, write the big case, run both trees in turn."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", nargs="?", default="6cb1d0a")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from tests.hostile.bigcase import write_big_case

    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        old.mkdir()
        archive = subprocess.run(["git", "archive", args.rev, "keykis", "schemas", "templates"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        case = write_big_case(Path(tmp) / "big") / "case.yaml"
        trees = {f"before ({args.rev})": old, "after (working tree)": ROOT}
        best: dict[str, float] = {}
        for r in range(args.rounds):
            for name, tree in trees.items():
                out = subprocess.run([sys.executable, "-c", CHILD, str(case)], capture_output=True, text=True,
                                     env={**os.environ, "PYTHONPATH": str(tree)}, cwd=tree, check=True).stdout
                cpu, wall = map(float, out.split()[-2:])
                best[name] = min(best.get(name, cpu), cpu)
                print(f"round {r + 1} {name}: check_case {cpu * 1000:.0f} ms CPU, {wall * 1000:.0f} ms wall; "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)
        before, after = best.values()
        print(f"ratio after/before (CPU): {after / before:.3f} ({before / after:.0f}x faster)")


if __name__ == "__main__":
    main()
