"""Benchmark of ``keykis build`` on a synthetic database made from the bundled cases.

    .venv/bin/python benchmarks/build_bench.py --n 100            # everything, real rendering
    .venv/bin/python benchmarks/build_bench.py --n 1000 --no-cold  # no-op / one-changed only
    .venv/bin/python benchmarks/build_bench.py --n 100 --no-single --cold-only  # the cold projection only

Each synthetic case is a bundled case with its own folder name, title (and the
matching research question), abstract and keywords, so every one is valid
against the checks and has different bytes. Prints: check time, cold build
with 1 and with all workers (parallel efficiency), no-op rebuild, one-case-
changed rebuild, peak memory, and pages per second next to WeasyPrint alone
on the same HTML. ``--renderer tests.library.standin:render`` measures the
build's own bookkeeping without laying out PDFs.
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

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def vary(data: dict, i: int) -> dict:
    """A copy of a case with its title, question, abstract, keywords and number made unique."""
    tag = f"№{i}"
    title = str(data["title"]).rstrip()
    new_title = f"{title[:-1]} ({tag})?" if title.endswith("?") else f"{title} ({tag})"
    questions = data["matrix"]["questions"]
    for item in questions["items"]:
        if item.get("id") == questions.get("chosen") and item.get("text") == data["title"]:
            item["text"] = new_title
    data["title"] = new_title
    data["id"] = f"{data['id']}-{i:04d}"
    if isinstance(data.get("meta"), dict) and data["meta"].get("number"):
        data["meta"]["number"] = str(i + 1)  # a collection never has two cases with one number
    for parts in (data.get("abstract") or {}).values():
        if isinstance(parts, dict) and parts.get("final"):
            parts["final"] += f" ({tag})"
    for words in (data.get("keywords") or {}).values():
        if isinstance(words, list):
            words.append(f"k{i:04d}")
    return data


def generate(n: int, dest: Path) -> list[Path]:
    """Write ``n`` synthetic cases under ``dest``, cycling through the bundled ones that check clean."""
    from keykis.check import check_path, has_errors

    sources = [f for f in sorted((ROOT / "cases").glob("*/case.yaml")) if not has_errors(check_path(f))]
    folders = []
    for i in range(n):
        src = sources[i % len(sources)]
        data = vary(yaml.safe_load(src.read_text(encoding="utf-8")), i)
        folder = dest / f"{src.parent.name}-{i:04d}"
        folder.mkdir(parents=True)
        for asset in src.parent.iterdir():
            if asset.name != "case.yaml" and asset.is_file():
                shutil.copy2(asset, folder / asset.name)
        (folder / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        folders.append(folder)
    return folders


SNAPSHOT: Path | None = None
"""A frozen copy of the tool the timed builds run from: edits to the working tree during a run change no hash."""


def snapshot(dest: Path) -> Path:
    """Copy keykis, its data and the stand-in renderer to ``dest``."""
    for part in ("keykis", "schemas", "templates", "cases", "tests"):
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__", "data"))
    return dest


class Tree:
    """What a process and all its descendants use, sampled every 0.1 s with psutil.

    The build's workers are forked by a server process that does not report
    them to the build process, so neither ``getrusage(RUSAGE_CHILDREN)`` nor
    ``/usr/bin/time`` sees them: here every process of the tree is sampled, its
    CPU seconds kept as last seen, and the peaks taken over the samples.
    """

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.cpu: dict[int, float] = {}
        self.peak_tree = 0  # bytes: the largest sum of RSS over the tree at one moment
        self.peak_one = 0  # bytes: the largest RSS of one process
        self.peak_worker = 0  # bytes: the largest RSS of a process other than the build process itself
        self.most = 0  # the most processes seen at once

    def sample(self) -> None:
        import psutil

        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for p in procs:
            try:
                with p.oneshot():
                    rss = p.memory_info().rss
                    t = p.cpu_times()
            except psutil.Error:
                continue
            self.cpu[p.pid] = t.user + t.system
            total += rss
            self.peak_one = max(self.peak_one, rss)
            if p.pid != self.root.pid:
                self.peak_worker = max(self.peak_worker, rss)
        self.peak_tree = max(self.peak_tree, total)
        self.most = max(self.most, len(procs))


LAST: dict[str, float] = {}
"""CPU seconds and peaks of the last timed command (filled by ``timed``)."""


def timed(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    where = SNAPSHOT or ROOT
    env = {**os.environ, "PYTHONPATH": str(where)}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=where, env=env)
    tree = Tree(proc.pid)
    while proc.poll() is None:
        tree.sample()
        time.sleep(0.1)
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed:\n{err}")
    LAST.update(cpu=sum(tree.cpu.values()), tree=tree.peak_tree / 2**20, one=tree.peak_one / 2**20,
                worker=tree.peak_worker / 2**20, procs=tree.most)
    return time.perf_counter() - start, proc.returncode


def usage() -> str:
    """CPU and memory of the last timed command, as printed beside its wall time."""
    return (f"[{LAST['cpu']:.1f} CPU-s over the process tree; peak RSS: tree {LAST['tree']:.0f} MB, "
            f"largest process {LAST['one']:.0f} MB, largest worker {LAST['worker']:.0f} MB]")


def build(cases: Path, out: Path, workers: int, renderer: str | None, extra: tuple[str, ...] = ()) -> float:
    cmd = [sys.executable, "-m", "keykis", "build", str(cases), "-o", str(out), "-j", str(workers), "-q", *extra]
    if renderer:
        cmd += ["--renderer", renderer]
    seconds, code = timed(cmd)
    if code:
        print(f"  (some cases failed; see {out})", file=sys.stderr)
    return seconds


def pages_of(out: Path) -> int:
    import json

    cards = json.loads((out / "catalog.json").read_text(encoding="utf-8"))["cases"]
    return sum(v for c in cards for k, v in c["pages"].items() if k != "graph.pdf")


def weasyprint_floor(case_dir: Path) -> float:
    """Pages per second of WeasyPrint alone, in a warm process, on the HTML of one case's editions."""
    from keykis.model import load_case
    from keykis.render import render_case

    case = load_case(case_dir)
    with tempfile.TemporaryDirectory() as tmp:
        render_case(case, tmp, html=True)  # warm up, and keep the HTML
        htmls = sorted(Path(tmp).glob("*.html"))
        from weasyprint import HTML

        from keykis.paths import templates_dir
        from keykis.render.engine import font_config, stylesheet
        from keykis.render.fetcher import SafeFetcher

        pages, start = 0, time.perf_counter()
        for h in htmls:
            fetcher = SafeFetcher([templates_dir(), case_dir, Path(tmp)])
            doc = HTML(string=h.read_text(encoding="utf-8"), base_url=templates_dir().as_uri() + "/", url_fetcher=fetcher)
            rendered = doc.render(font_config=font_config(), stylesheets=[stylesheet()])
            rendered.write_pdf()
            pages += len(rendered.pages)
        return pages / (time.perf_counter() - start)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, nargs="+", default=[100])
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    p.add_argument("--no-cold", action="store_true", help="skip the cold builds with the real renderer")
    p.add_argument("--no-single", action="store_true", help="skip the 1-worker cold build")
    p.add_argument("--renderer", default=None, help="module:function instead of keykis.render:render_case")
    p.add_argument("--cold-only", action="store_true", help="stop after the cold build (no rebuilds, no floor)")
    args = p.parse_args()
    print(f"cores: {os.cpu_count()}, workers: {args.workers}, renderer: {args.renderer or 'keykis.render:render_case'}")
    global SNAPSHOT
    for n in args.n:
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp)
            SNAPSHOT = snapshot(base / "tool")
            folders = generate(n, base / "cases")
            t_check, code = timed([sys.executable, "-m", "keykis", "check", str(base / "cases"), "--errors-only"])
            print(f"N={n}: check {t_check:.2f} s (exit {code})")
            out = base / "out"
            stand_in = args.renderer or ("tests.library.standin:render" if args.no_cold else None)
            print(f"N={n}: load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
            if not args.no_cold and not args.no_single:
                t1 = build(base / "cases", base / "out1", 1, stand_in)
                print(f"N={n}: cold build, 1 worker: {t1:.1f} s ({pages_of(base / 'out1') / t1:.1f} pages/s) {usage()}")
            t_all = build(base / "cases", out, args.workers, stand_in)
            cold_cpu = LAST["cpu"]
            pages = pages_of(out)
            kind = "cold build" if not args.no_cold else "cold build (stand-in renderer)"
            print(f"N={n}: {kind}, {args.workers} workers: {t_all:.1f} s, {pages} pages ({pages / t_all:.1f} pages/s) "
                  f"{usage()}")
            print(f"N={n}: {cold_cpu / n:.2f} CPU-s and {pages / n:.1f} pages per case; 1,000 cases on "
                  f"{args.workers} cores at full use: {cold_cpu / n * 1000 / args.workers / 60:.0f} min")
            if not args.no_cold and not args.no_single:
                print(f"N={n}: parallel efficiency {t1 / (args.workers * t_all):.0%}")
            if args.cold_only:
                print(f"N={n}: load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
                continue
            t_noop = build(base / "cases", out, args.workers, stand_in)
            print(f"N={n}: no-op rebuild {t_noop:.2f} s ({t_noop / t_all:.1%} of the cold build) {usage()}")
            f = folders[n // 2] / "case.yaml"
            f.write_text(f.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
            t_one = build(base / "cases", out, args.workers, stand_in)
            print(f"N={n}: one case changed, same card {t_one:.2f} s (cold build per case: "
                  f"{t_all * args.workers / n:.2f} s) {usage()}")
            f.write_text(f.read_text(encoding="utf-8").replace("(№", "(no. "), encoding="utf-8")
            t_card = build(base / "cases", out, args.workers, stand_in)
            print(f"N={n}: one case's title changed (catalogue remade) {t_card:.2f} s {usage()}")
            print(f"N={n}: load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if not args.renderer and not args.no_cold and not args.cold_only:
        print(f"WeasyPrint alone, warm, same HTML: {weasyprint_floor(ROOT / 'cases' / 'ozerny-service-centre'):.1f} pages/s")


if __name__ == "__main__":
    main()
