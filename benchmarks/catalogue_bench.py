"""Benchmark of ``catalog.pdf`` alone: N catalogue cards made from the bundled cases, laid out cold, then one title changed.

    .venv/bin/python benchmarks/catalogue_bench.py --n 1000 [--cold-only]

Cards are made with ``keykis.card.make_card`` from the bundled cases (no rendering), each with its own slug,
number, title and one keyword of its own. Prints the cold write, the write after one title changed (parts laid
out again, and the time of the join; skipped with ``--cold-only``), pages and parts, and the peak memory: the
process's own (``ru_maxrss``) and the resident memory of the whole process tree, sampled every 0.1 s with psutil
(the processes that lay the parts out included), with the peak of each step, and the CPU of the tree.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cards(n: int) -> list[dict]:
    from keykis.card import make_card
    from keykis.gate import require_case
    from keykis.model import load_case

    base = [make_card(require_case(load_case(f.parent)), slug=f.parent.name, pages={"case.pdf": 10, "guidelines.pdf": 12},
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


class TreeMemory:
    """Samples the resident memory of this process and its descendants in a thread; keeps the peak per step."""

    def __init__(self, every: float = 0.1) -> None:
        import psutil

        self.me = psutil.Process()
        self.every = every
        self.step = "start"
        self.peaks: dict[str, tuple[int, int, int]] = {}
        """Step -> peak RSS over the tree, PSS over the tree, USS of this process."""
        self.cpu: dict[int, float] = {}
        """CPU seconds of every process of the tree seen, by pid: the layout processes are the fork server's
        children, which this process never reaps, so ``RUSAGE_CHILDREN`` does not count them."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def sample(self) -> tuple[int, int, int]:
        """RSS and PSS summed over the tree, and this process's USS."""
        import psutil

        rss = pss = uss = 0
        for proc in [self.me, *self.me.children(recursive=True)]:
            try:
                info = proc.memory_full_info()
                rss += info.rss
                pss += info.pss
                if proc.pid == self.me.pid:
                    uss = info.uss
                times = proc.cpu_times()
                self.cpu[proc.pid] = times.user + times.system  # the last look at each process
            except psutil.Error:  # a child that ended between the listing and the look
                pass
        return rss, pss, uss

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            sample = self.sample()
            peaks = self.peaks.setdefault(self.step, (0, 0, 0))
            self.peaks[self.step] = (max(peaks[0], sample[0]), max(peaks[1], sample[1]), max(peaks[2], sample[2]))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--lang", default="ru")
    p.add_argument("--cold-only", action="store_true", help="skip the write after one title changed")
    args = p.parse_args()
    memory = TreeMemory()
    from keykis.library import catalogue

    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    memory.step = "cards"
    deck = cards(args.n)
    joins: list[float] = []
    real_join = catalogue._join

    def timed_join(*a, **k):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return real_join(*a, **k)
        finally:
            joins.append(time.perf_counter() - start)

    def join_step(*a, **k):  # type: ignore[no-untyped-def]
        step, memory.step = memory.step, "join"
        try:
            return timed_join(*a, **k)
        finally:
            memory.step = step

    catalogue._join = join_step  # the join itself runs in a process of its own
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        memory.step = "layout"
        start = time.perf_counter()
        stats = catalogue.write_pdf(deck, out, args.lang)
        print(f"N={args.n}: cold {time.perf_counter() - start:.1f} s, {stats.pages} pages in {stats.chunks} chunks "
              f"(join {joins[-1]:.2f} s)")
        if args.cold_only:
            memory.stop()
            report(args.n, memory)
            return
        memory.step = "one title changed"
        changed = deck[args.n // 2]["title"]
        changed[args.lang] = changed[args.lang].replace("(№", "(no. ")
        start = time.perf_counter()
        stats = catalogue.write_pdf(deck, out, args.lang)
        print(f"N={args.n}: one title changed {time.perf_counter() - start:.1f} s, {stats.laid_out} chunk(s) laid out "
              f"again (join {joins[-1]:.2f} s)")
    memory.stop()
    report(args.n, memory)


def report(n: int, memory: TreeMemory) -> None:
    """Peak memory (own and process tree), CPU in all and the load."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    mb = 2**20
    steps = ", ".join(f"{step} {rss / mb:.0f} / {pss / mb:.0f} / {uss / mb:.0f} MB"
                      for step, (rss, pss, uss) in memory.peaks.items())
    peak = [max((p[i] for p in memory.peaks.values()), default=0) / mb for i in range(3)]
    print(f"N={n}: peak memory {usage.ru_maxrss / 1024:.0f} MB (ru_maxrss of this process); process tree sampled "
          f"every {memory.every} s, RSS summed / PSS summed / this process's USS: {peak[0]:.0f} / {peak[1]:.0f} / "
          f"{peak[2]:.0f} MB ({steps}); CPU {usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime:.1f} s "
          f"reaped, {sum(memory.cpu.values()):.1f} s over the process tree sampled")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
