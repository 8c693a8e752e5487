"""Benchmark of ``keykis build`` on a synthetic database made from the bundled cases.

    .venv/bin/python benchmarks/build_bench.py --n 100            # everything, real rendering
    .venv/bin/python benchmarks/build_bench.py --n 1000 --no-cold  # no-op / one-changed only

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
import resource
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
    """A copy of a case with its title, question, abstract and keywords made unique."""
    tag = f"№{i}"
    title = str(data["title"]).rstrip()
    new_title = f"{title[:-1]} ({tag})?" if title.endswith("?") else f"{title} ({tag})"
    questions = data["matrix"]["questions"]
    for item in questions["items"]:
        if item.get("id") == questions.get("chosen") and item.get("text") == data["title"]:
            item["text"] = new_title
    data["title"] = new_title
    data["id"] = f"{data['id']}-{i:04d}"
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


def timed(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    where = SNAPSHOT or ROOT
    env = {**os.environ, "PYTHONPATH": str(where)}
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=where, env=env)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    return time.perf_counter() - start, proc.returncode


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
            if not args.no_cold and not args.no_single:
                t1 = build(base / "cases", base / "out1", 1, stand_in)
                print(f"N={n}: cold build, 1 worker: {t1:.1f} s ({pages_of(base / 'out1') / t1:.1f} pages/s)")
            t_all = build(base / "cases", out, args.workers, stand_in)
            pages = pages_of(out)
            kind = "cold build" if not args.no_cold else "cold build (stand-in renderer)"
            print(f"N={n}: {kind}, {args.workers} workers: {t_all:.1f} s, {pages} pages ({pages / t_all:.1f} pages/s)")
            if not args.no_cold and not args.no_single:
                print(f"N={n}: parallel efficiency {t1 / (args.workers * t_all):.0%}")
            t_noop = build(base / "cases", out, args.workers, stand_in)
            print(f"N={n}: no-op rebuild {t_noop:.2f} s ({t_noop / t_all:.1%} of the cold build)")
            f = folders[n // 2] / "case.yaml"
            f.write_text(f.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
            t_one = build(base / "cases", out, args.workers, stand_in)
            print(f"N={n}: one case changed, same card {t_one:.2f} s (cold build per case: {t_all * args.workers / n:.2f} s)")
            f.write_text(f.read_text(encoding="utf-8").replace("(№", "(no. "), encoding="utf-8")
            t_card = build(base / "cases", out, args.workers, stand_in)
            print(f"N={n}: one case's title changed (catalogue remade) {t_card:.2f} s")
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"N={n}: peak memory of a process (build or worker): {peak:.0f} MB")
    if not args.renderer and not args.no_cold:
        print(f"WeasyPrint alone, warm, same HTML: {weasyprint_floor(ROOT / 'cases' / 'ozerny-service-centre'):.1f} pages/s")


if __name__ == "__main__":
    main()
