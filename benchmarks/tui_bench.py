"""Terminal editor speed: time to first screen, findings after a typing pause, the longest freeze.

Usage: .venv/bin/python benchmarks/tui_bench.py [CASE] [--edits N] [--big] [--no-launch] [--autosave S]
       .venv/bin/python benchmarks/tui_bench.py --big --against REV [--rounds N] [--edits N] [--autosave S]

CASE defaults to the largest case in cases/ (a full-size case); ``--big`` takes
the largest case keykis accepts instead (the example with 500 more actors and
1,000 more relations, tests/hostile/bigcase.py). Each figure is
measured on the real application, headless, with Textual's own driver:

* first screen: a fresh interpreter is started and the time from its launch
  to the editor's first screen (and to the first findings) is taken, best and
  median of five launches; ``python -c pass`` is timed too as the floor;
* findings latency: a character is typed into a text of the case, then the
  author pauses; the time from the keystroke to the findings on screen
  (debounce included), median and worst of N edits;
* freeze: a 10 ms ticker runs on the screen's event loop while the checks and
  the autosave work; the longest gap between ticks is the longest the screen
  was unresponsive;
* the parts: a plain copy of the case for the checker, ``check_case`` alone,
  and one autosave (round-trip dump, fsync, rename).

``--against REV`` measures only the findings after a typing pause, A B A B:
the revision REV (exported with ``git archive``) and the working tree in turn,
each in a fresh process on a fresh copy of the same case, ``--rounds`` times;
it prints each run (median and worst latency, CPU of the process per edit,
autosaves during the edits, load) and the ratio of the medians of all runs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("KEYKIS_BENCH_TREE") or str(ROOT))  # --against: the tree under measure

CHILD = r"""
import os, sys, time
t0 = float(os.environ["KEYKIS_T0"])
from pathlib import Path
from keykis.tui.app import make_app
from keykis.tui.screens.editor import EditorScreen

app = make_app(Path(sys.argv[1]), lang="ru")
marks = {}

async def auto(pilot):
    while not isinstance(app.screen, EditorScreen) or not app.screen.query(".control"):
        await asyncio.sleep(0.001)
    marks["screen"] = time.time() - t0  # the step's form is composed: the next refresh paints it
    while not app.screen.checks_done:
        await asyncio.sleep(0.001)
    marks["findings"] = time.time() - t0
    app.exit()

import asyncio
app.run(headless=True, auto_pilot=auto, size=(140, 45))
print(marks["screen"], marks["findings"])
"""


def largest_case() -> Path:
    """The biggest case.yaml under cases/."""
    return max((ROOT / "cases").glob("*/case.yaml"), key=lambda p: p.stat().st_size)


def first_screen(case: Path, runs: int = 5) -> dict[str, list[float]]:
    """Launch-to-screen and launch-to-findings times of fresh processes."""
    out: dict[str, list[float]] = {"screen": [], "findings": [], "python": []}
    env = {**os.environ, "KEYKIS_STATE_DIR": tempfile.mkdtemp()}
    for _ in range(runs):
        env["KEYKIS_T0"] = repr(time.time())
        proc = subprocess.run([sys.executable, "-c", CHILD, str(case)], capture_output=True, text=True,
                              env=env, cwd=ROOT, check=True)
        screen, findings = map(float, proc.stdout.split()[-2:])
        out["screen"].append(screen)
        out["findings"].append(findings)
        t = time.time()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        out["python"].append(time.time() - t)
    return out


async def typing(case: Path, edits: int) -> dict[str, list[float]]:
    """Findings latency after a typing pause, and the longest gap of a 10 ms ticker."""
    from keykis.tui.app import make_app
    from keykis.tui.screens.editor import EditorScreen

    app = make_app(case, lang="ru")
    latencies: list[float] = []
    gaps: list[float] = []
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        screen.set_interval(0.01, tick)
        await pilot.press("end")
        cpu0, saves0 = time.process_time(), screen.autosave.saves
        for i in range(edits):
            screen.check_latency = None
            await pilot.press("x" if i % 2 == 0 else "backspace")
            while screen.check_latency is None:
                await asyncio.sleep(0.001)
            latencies.append(screen.check_latency)
            await asyncio.sleep(0.2)  # the author pauses; the autosave may run in here
        cpu = time.process_time() - cpu0
        saves = screen.autosave.saves - saves0
        screen.flush()
    return {"latency": latencies, "gap": gaps, "cpu": [cpu / edits], "saves": [float(saves)]}


def parts(case: Path) -> dict[str, float]:
    """Median times of the pieces behind one refresh and one autosave."""
    from keykis.casefile import open_case
    from keykis.check import check_case

    doc = open_case(case)
    check_case(doc.case(), lang="ru")
    copy, check, cpu, save = [], [], [], []
    for i in range(10):
        t = time.perf_counter()
        snapshot = doc.case()
        copy.append(time.perf_counter() - t)
        t, c = time.perf_counter(), time.process_time()
        check_case(snapshot, lang="ru")
        check.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        doc.set(("conclusion",), f"{doc.get(('conclusion',))}{'.' if i % 2 else ''}")
        doc.dirty = True
        t = time.perf_counter()
        doc.save(force=True)
        save.append(time.perf_counter() - t)
    return {"copy": statistics.median(copy), "check": statistics.median(check), "check_cpu": statistics.median(cpu),
            "save": statistics.median(save)}


def typing_child(case: Path, edits: int) -> None:
    """One run of ``typing`` in this process, its figures printed as one JSON line (for ``--against``)."""
    import json

    res = asyncio.run(typing(case, edits))
    print(json.dumps({"latency": res["latency"], "cpu": res["cpu"][0], "saves": res["saves"][0],
                      "gap": max(res["gap"])}))


def against(rev: str, source: Path, edits: int, rounds: int) -> None:
    """The findings latency of REV and of the working tree, interleaved, each run in a fresh process."""
    import json

    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        old.mkdir()
        archive = subprocess.run(["git", "archive", rev, "keykis", "schemas", "templates"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        trees = {f"before ({rev})": old, "after (working tree)": ROOT}
        medians: dict[str, list[float]] = {name: [] for name in trees}
        for r in range(rounds):
            for name, tree in trees.items():
                run = Path(tmp) / f"run-{r}-{tree.name}"
                shutil.copytree(source, run / source.name)
                env = {**os.environ, "KEYKIS_BENCH_TREE": str(tree), "PYTHONPATH": str(tree),
                       "KEYKIS_STATE_DIR": str(run)}
                load = os.getloadavg()[0]
                out = subprocess.run([sys.executable, __file__, "--typing-child", str(run / source.name / "case.yaml"),
                                      "--edits", str(edits)], capture_output=True, text=True, env=env, cwd=tree,
                                     check=True).stdout
                res = json.loads(out.strip().splitlines()[-1])
                lat = sorted(res["latency"])
                medians[name].append(statistics.median(lat))
                print(f"round {r + 1} {name}: findings median {statistics.median(lat) * 1000:.0f} ms, worst "
                      f"{lat[-1] * 1000:.0f} ms; longest freeze {res['gap'] * 1000:.0f} ms; CPU per edit "
                      f"{res['cpu'] * 1000:.0f} ms; {res['saves']:.0f} autosaves; load {load:.1f}", flush=True)
        before, after = (statistics.median(m) for m in medians.values())
        print(f"median of the runs' medians: before {before * 1000:.0f} ms, after {after * 1000:.0f} ms; "
              f"ratio after/before {after / before:.2f}")


def main() -> None:
    """Run every measurement and print a small report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", nargs="?", type=Path, default=None)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--big", action="store_true", help="the 500-actor case of tests/hostile/bigcase.py")
    parser.add_argument("--no-launch", action="store_true", help="skip the five fresh launches")
    parser.add_argument("--autosave", type=float, default=None,
                        help="seconds of quiet before the autosave (the editor's default is 1.5; 0.1 saves during "
                             "every pause of the edits, so the checks run beside the save)")
    parser.add_argument("--against", metavar="REV", help="findings latency of REV and the working tree, A B A B")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--typing-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.autosave is not None:
        os.environ["KEYKIS_AUTOSAVE_DELAY"] = str(args.autosave)
    if args.typing_child:
        typing_child(args.typing_child, args.edits)
        return
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.big:
            from tests.hostile.bigcase import write_big_case

            folder = write_big_case(Path(tmp) / "big-500-actors")
        else:
            source = args.case or largest_case()
            folder = Path(tmp) / source.parent.name
            shutil.copytree(source.parent, folder)
        case = folder / "case.yaml"
        lines = len(case.read_text(encoding="utf-8").splitlines())
        print(f"case: {folder.name} ({lines} lines, {case.stat().st_size / 1024:.0f} KiB)")
        if args.against:
            against(args.against, folder, args.edits, args.rounds)
            print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
            return
        if not args.no_launch:
            fs = first_screen(case)
            print(f"python -c pass: median {statistics.median(fs['python']):.3f} s")
            print(f"first screen: best {min(fs['screen']):.3f} s, median {statistics.median(fs['screen']):.3f} s")
            print(f"first findings: best {min(fs['findings']):.3f} s, "
                  f"median {statistics.median(fs['findings']):.3f} s")
        os.environ["KEYKIS_STATE_DIR"] = tmp
        res = asyncio.run(typing(case, args.edits))
        lat = sorted(res["latency"])
        print(f"findings after a typing pause ({len(lat)} edits, debounce included): "
              f"median {statistics.median(lat) * 1000:.0f} ms, worst {lat[-1] * 1000:.0f} ms")
        print(f"longest gap of a 10 ms ticker while checking and saving: {max(res['gap']) * 1000:.0f} ms")
        print(f"CPU of the editor's process per edit (check, screen, autosaves): {res['cpu'][0] * 1000:.0f} ms; "
              f"{res['saves'][0]:.0f} autosaves during the edits")
        p = parts(case)
        print(f"parts: plain copy {p['copy'] * 1000:.1f} ms, check_case {p['check'] * 1000:.1f} ms "
              f"({p['check_cpu'] * 1000:.1f} ms CPU), autosave {p['save'] * 1000:.1f} ms")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
