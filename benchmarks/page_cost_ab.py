"""What a change to the print templates or the renderer costs per document: two trees, interleaved.

    .venv/bin/python benchmarks/page_cost_ab.py BASE [--rounds 2] [CASE ...]

BASE is a commit (``main``, ``HEAD~1``, a hash); the other tree is this
working tree as it is now. Both are copied to a temporary folder (keykis,
schemas, templates, cases), then every CASE (default: the six bundled cases)
is rendered with all its documents by each tree in turn, A B A B, each time in
a fresh process. Per document the CPU seconds of laying it out and writing the
PDF (``time.process_time()`` around ``keykis.render.engine.write_pdf``), its
layouts (a document whose floats are moved is laid out again) and its pages
are printed, and the whole process's CPU (user + system, ``dot`` included).
The ratio is taken between the sums over the cases of the best round of each.
With ``--keep DIR`` the last round's documents are kept in ``DIR/A/CASE`` and
``DIR/B/CASE`` (for ``benchmarks/print_check.py DIR/A DIR/B``).

With ``--passes`` a case is rendered as ``keykis build`` renders it: archival, the handout pass (graph page and
handout) and then the pass after it (graph page, research edition, guidelines), both with the build's shared
folder for drawings; the graph page of the second pass is printed as ``graph#2`` and every case's layouts are
summed (``layouts``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("keykis", "schemas", "templates", "cases")
DOCS = ("graph.pdf", "handout.pdf", "case.pdf", "guidelines.pdf", "graph.pdf#2")


def child(case: str, out: str, passes: bool = False) -> None:
    """Render ``case`` into ``out`` with the keykis on ``PYTHONPATH`` (``passes``: in the build's two passes);
    print the documents' costs as JSON."""
    import weasyprint

    import keykis.render.case_edition as edition
    import keykis.render.engine as engine
    from keykis.render import render_case

    costs: dict[str, dict[str, float]] = {}
    current = {"name": ""}
    render = weasyprint.HTML.render

    def counted(self: object, *args: object, **kwargs: object) -> object:
        costs[current["name"]]["layouts"] += 1
        return render(self, *args, **kwargs)

    write_pdf = engine.write_pdf

    def timed(job: engine.PdfJob) -> tuple[int, object]:
        name = job.target.name if job.target.name not in costs else job.target.name + "#2"
        current["name"] = name
        costs[name] = {"layouts": 0}
        start = time.process_time()
        pages, fetcher = write_pdf(job)
        costs[name].update(cpu=time.process_time() - start, pages=pages)
        return pages, fetcher

    weasyprint.HTML.render = counted  # type: ignore[method-assign]
    edition.write_pdf = timed  # type: ignore[assignment]
    if passes:
        from keykis.render.graph_dot import SHARED_ENV

        with tempfile.TemporaryDirectory() as shared:
            os.environ[SHARED_ENV] = shared
            render_case(Path(case), Path(out), editions=("handout",), archival=True)
            render_case(Path(case), Path(out), editions=("research", "teacher"), archival=True)
    else:
        render_case(Path(case), Path(out))
    print(json.dumps(costs))


def tree_of(rev: str | None, dest: Path) -> Path:
    """A copy of the parts of ``rev`` (None: the working tree as it is) in ``dest``."""
    if rev is None:
        for part in PARTS:
            shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, *PARTS], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def run(tree: Path, case: str, out: Path, passes: bool = False) -> tuple[dict[str, dict[str, float]], float, float]:
    """Render ``case`` with ``tree`` in a fresh process: the documents' costs, the process's CPU and wall seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", str(tree / "cases" / case),
                             str(out), *(["--passes"] if passes else [])], cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                            stdout=subprocess.PIPE, text=True)
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"render of {case} failed in {tree}")
    return json.loads(output.strip().splitlines()[-1]), usage.ru_utime + usage.ru_stime, time.perf_counter() - start


def main() -> None:
    """Copy both trees, render every case with each in turn, print per-document CPU and the ratios."""
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], passes="--passes" in sys.argv[4:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the commit to compare this working tree with")
    parser.add_argument("cases", nargs="*", help="folder names under cases/ (default: every bundled case)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the last round's documents in KEEP/A and KEEP/B")
    parser.add_argument("--passes", action="store_true", help="render as the build does: archival, in two passes")
    args = parser.parse_args()
    cases = args.cases or sorted(p.name for p in (ROOT / "cases").iterdir() if (p / "case.yaml").exists())
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"A": tree_of(args.base, Path(tmp) / "A"), "B": tree_of(None, Path(tmp) / "B")}
        print(f"A = {args.base}, B = this working tree; load {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        best: dict[tuple[str, str], dict[str, float]] = {}
        for r in range(args.rounds):
            for case in cases:
                for name, tree in trees.items():
                    out = args.keep / name / case if args.keep and r == args.rounds - 1 else Path(tmp) / "out" / name
                    costs, cpu, wall = run(tree, case, out, args.passes)
                    layouts = sum(c["layouts"] for c in costs.values())
                    docs = " ".join(f"{d.removesuffix('.pdf')} {costs[d]['cpu']:.2f}s/{costs[d]['pages']}p"
                                    f"/{costs[d]['layouts']:.0f}L" for d in DOCS if d in costs)
                    print(f"round {r + 1} {name} {case}: process {cpu:.2f} s CPU, {wall:.1f} s wall, "
                          f"load {os.getloadavg()[0]:.1f}; {layouts:.0f} layouts; {docs}", flush=True)
                    held = best.setdefault((name, case), {})
                    for d in DOCS:
                        if d in costs:
                            held[d] = min(held.get(d, costs[d]["cpu"]), costs[d]["cpu"])
                    held["process"] = min(held.get("process", cpu), cpu)
                    held["layouts"] = layouts
        print("sum over the cases of the best round (CPU s; layouts of the last round):")
        for d in (*DOCS, "process", "layouts"):
            a = sum(best[("A", c)].get(d, 0.0) for c in cases)
            b = sum(best[("B", c)].get(d, 0.0) for c in cases)
            if a:
                print(f"  {d:15} A {a:7.2f}  B {b:7.2f}  B/A {b / a:.3f}")


if __name__ == "__main__":
    main()
