"""Benchmark of ``catalog.pdf`` alone: N catalogue cards made from the bundled cases, laid out cold, then one title changed.

    .venv/bin/python benchmarks/catalogue_bench.py --n 1000

Cards are made with ``keykis.card.make_card`` from the bundled cases (no rendering), each with its own slug,
number, title and one keyword of its own. Prints the cold write, the write after one title changed (parts laid
out again, and the time of the join), pages and parts, and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cards(n: int) -> list[dict]:
    from keykis.card import make_card
    from keykis.model import load_case

    base = [make_card(load_case(f.parent), slug=f.parent.name, pages={"case.pdf": 10, "guidelines.pdf": 12},
                      outputs=["case.pdf", "guidelines.pdf", "graph.pdf"])
            for f in sorted((ROOT / "cases").glob("*/case.yaml"))]
    out = []
    for i in range(n):
        c = copy.deepcopy(base[i % len(base)])
        c["slug"], c["number"] = f"{c['slug']}-{i:04d}", f"{c['number']}-{i}"
        c["title"] = {k: f"{v.rstrip('?')} (№{i})?" for k, v in c["title"].items()}
        c["keywords"] = {k: [*v, f"k{i:04d}"] for k, v in c["keywords"].items()}
        out.append(c)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--lang", default="ru")
    args = p.parse_args()
    from keykis.library import catalogue
    from keykis.render import join

    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    deck = cards(args.n)
    joins: list[float] = []
    real_join = join.join_pdfs

    def timed_join(*a, **k):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return real_join(*a, **k)
        finally:
            joins.append(time.perf_counter() - start)

    join.join_pdfs = timed_join
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        stats = catalogue.write_pdf(deck, out, args.lang)
        print(f"N={args.n}: cold {time.perf_counter() - start:.1f} s, {stats.pages} pages in {stats.chunks} chunks "
              f"(join {joins[-1]:.2f} s)")
        changed = deck[args.n // 2]["title"]
        changed[args.lang] = changed[args.lang].replace("(№", "(no. ")
        start = time.perf_counter()
        stats = catalogue.write_pdf(deck, out, args.lang)
        print(f"N={args.n}: one title changed {time.perf_counter() - start:.1f} s, {stats.laid_out} chunk(s) laid out "
              f"again (join {joins[-1]:.2f} s)")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"peak memory {usage.ru_maxrss / 1024:.0f} MB; CPU {usage.ru_utime + usage.ru_stime:.1f} s in all")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
