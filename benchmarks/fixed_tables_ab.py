"""What fixed table layout would save: `keykis render` with and without `table[class] { table-layout: fixed }`.

    .venv/bin/python benchmarks/fixed_tables_ab.py [CASE] [--rounds N]

Two copies of the tool are made in a temporary folder, the second with the
rule added to templates/print.css; each renders CASE (a folder name under
cases/, default ozerny-service-centre) as a whole process, in turn, and its
CPU seconds (user + system, children included) and pages are printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULE = "\n/* Trial: every table of the method laid out from its first row. */\ntable[class] { table-layout: fixed; }\n"


def main() -> None:
    """Make both trees, render in turn, print the ratio of the best CPU times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", nargs="?", default="ozerny-service-centre")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"auto": Path(tmp) / "auto", "fixed": Path(tmp) / "fixed"}
        for tree in trees.values():
            for part in ("keykis", "schemas", "templates", "cases"):
                shutil.copytree(ROOT / part, tree / part, ignore=shutil.ignore_patterns("__pycache__"))
        with (trees["fixed"] / "templates" / "print.css").open("a", encoding="utf-8") as f:
            f.write(RULE)
        best: dict[str, float] = {}
        for r in range(args.rounds):
            for name, tree in trees.items():
                out = Path(tmp) / f"out-{name}-{r}"
                start = time.perf_counter()
                proc = subprocess.Popen([sys.executable, "-m", "keykis", "render", str(tree / "cases" / args.case),
                                         "-o", str(out)], cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                                        stdout=subprocess.PIPE, text=True)
                _, _, usage = os.wait4(proc.pid, 0)
                wall = time.perf_counter() - start
                listing = " ".join((proc.stdout.read() if proc.stdout else "").replace(str(out) + "/", "").split())
                cpu = usage.ru_utime + usage.ru_stime
                best[name] = min(best.get(name, cpu), cpu)
                print(f"round {r + 1} {name}: {cpu:.2f} s CPU, {wall:.1f} s wall, load {os.getloadavg()[0]:.1f}; "
                      f"{listing}", flush=True)
        print(f"ratio fixed/auto (CPU, best): {best['fixed'] / best['auto']:.3f}")


if __name__ == "__main__":
    main()
