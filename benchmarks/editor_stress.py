"""Typing into the editor (or the study screen) in a real terminal while it autosaves under CPU load.

The editor runs in tmux on a copy of the example case. Keys are sent one at
a time at a human pace (with short pauses between words and longer ones
between sentences, so the autosave writes the file again and again while
the author types), into two text fields joined by Tab, while busy processes
load every core. Meanwhile the screen is watched for the "changed on disk"
bar. At the end the editor quits with Ctrl+Q and the saved file must hold
every typed character, in order, in the right field.

With ``--study`` the same typing goes into a student's worksheet instead:
``keykis study`` on a new worksheet, the keys go into the defence (one
field, reached with Ctrl+N from the first part), and the worksheet must
hold every character.

    python benchmarks/editor_stress.py --minutes 3 --load 2 --runs 10
    python benchmarks/editor_stress.py --study --minutes 3 --load 2 --runs 5

Prints one line per run and a summary; exits 1 when any run lost a
character or showed the bar. ``run_once`` is what the short test in the
suite calls.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "tui" / "data" / "ozerny-service-centre"
WORDS = ("очередь заявитель талон окно оператор центр услуга приём жалоба запись график смена нагрузка "
         "кезек өтініш терезе қызмет орталық кесте жүктеме queue window service").split()
BAR = "⚠"


@dataclass
class Result:
    """What one run saw."""

    seconds: float
    typed: int
    """Characters sent."""
    lost: int
    """Characters typed that are not in the saved file (0 when all arrived, in order)."""
    saves: int
    """How many times the file on disk changed while typing (autosaves)."""
    bar_seen: int
    """Screens that showed the changed-on-disk bar (must be 0)."""
    ok: bool


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def _burn(stop_at: float) -> None:
    x = 0
    while time.time() < stop_at:
        x = (x * 31 + 7) % 1000003


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))) + ". "


STUDY_PARTS_TO_DEFENCE = 8
"""Ctrl+N from the study screen's first part (who made the worksheet) to the defence."""


DEFENCE_HEADING = "For the defence"
"""The defence part's heading in an English session: the study screen has reached the part typed into."""


def _to_defence(session: str) -> None:
    """Ctrl+N until the defence part is on screen (it is the last part: one Ctrl+N too many stays there).

    Waits for the screen rather than a fixed pause: under load a Ctrl+N sent while the study screen
    was still mounting was lost, and the typing then went to another part and was never saved.
    """
    for _ in range(STUDY_PARTS_TO_DEFENCE):  # as fast as a student holding Ctrl+N (this once stopped the screen)
        _tmux("send-keys", "-t", session, "C-n")
        time.sleep(0.05)
    deadline = time.monotonic() + 120
    while DEFENCE_HEADING not in _tmux("capture-pane", "-p", "-t", session):
        if time.monotonic() > deadline:
            raise RuntimeError("the study screen did not reach the defence part:\n"
                               + _tmux("capture-pane", "-p", "-t", session))
        time.sleep(2.0)
        if DEFENCE_HEADING not in _tmux("capture-pane", "-p", "-t", session):
            _tmux("send-keys", "-t", session, "C-n")
    time.sleep(1.0)


def run_once(seconds: float, *, load: int, cps: float = 7.0, seed: int = 0, keykis: Path | None = None,
             study: bool = False) -> Result:
    """One run: type for ``seconds`` at ``cps`` characters per second with ``load`` busy processes."""
    exe = keykis or Path(sys.executable).with_name("keykis")
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="keykis-stress-"))
    case_dir = work / EXAMPLE.name
    shutil.copytree(EXAMPLE, case_dir)
    case = work / "w.yaml" if study else case_dir / "case.yaml"  # the file written while typing
    session = f"keykis-stress-{os.getpid()}-{seed}"
    env = f"KEYKIS_STATE_DIR={work / 'state'} EDITOR=true LANG=C.UTF-8"
    command = f"study {case_dir} -w {case.name}" if study else f"edit {case_dir}"
    _tmux("-u", "new-session", "-d", "-s", session, "-x", "120", "-y", "36",
          f"cd {work} && env {env} {exe} {command} --lang en; sleep 600")
    burners = [multiprocessing.Process(target=_burn, args=(time.time() + seconds + 60,), daemon=True)
               for _ in range(load)]
    typed: list[str] = ["", ""]
    saves = bar_seen = 0
    started = time.monotonic()
    try:
        deadline = time.monotonic() + 90
        while "palette" not in _tmux("capture-pane", "-p", "-t", session):  # the footer: the editor is up
            if time.monotonic() > deadline:
                raise RuntimeError("the editor did not start")
            time.sleep(0.3)
        time.sleep(1.0)
        if study:
            _to_defence(session)
        for b in burners:
            b.start()
        last_mtime = case.stat().st_mtime_ns
        last_look = 0.0
        field = 0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            text = _sentence(rng)
            for ch in text:
                _tmux("send-keys", "-t", session, "-l", ch)
                typed[field] += ch
                time.sleep(rng.uniform(0.5, 1.5) / cps * (3 if ch == " " else 1))
                mtime = case.stat().st_mtime_ns
                if mtime != last_mtime:
                    saves, last_mtime = saves + 1, mtime
                if time.monotonic() - last_look > 1.0:
                    last_look = time.monotonic()
                    bar_seen += BAR in _tmux("capture-pane", "-p", "-t", session)
            if not study and rng.random() < 0.15:  # to the other field, at once, as fast typists do
                _tmux("send-keys", "-t", session, "Tab" if field == 0 else "BTab")
                field = 1 - field
            time.sleep(rng.uniform(1.8, 3.5) if rng.random() < 0.6 else rng.uniform(0.1, 0.4))  # thinking
        time.sleep(3.0)
        bar_seen += BAR in _tmux("capture-pane", "-p", "-t", session)
        _tmux("send-keys", "-t", session, "C-q")
        deadline = time.monotonic() + 30
        while (case.with_name(case.name + ".recovery").exists() or "KEYKIS" in _tmux("capture-pane", "-p", "-t", session)) \
                and time.monotonic() < deadline:
            time.sleep(0.3)
    finally:
        _tmux("kill-session", "-t", session)
        for b in burners:
            if b.is_alive():
                b.kill()
    saved = case.read_text(encoding="utf-8")
    lost = _lost(saved, typed, study=study)
    shutil.rmtree(work, ignore_errors=True)
    return Result(round(time.monotonic() - started, 1), sum(map(len, typed)), lost, saves, bar_seen,
                  lost == 0 and bar_seen == 0)


def _lost(saved: str, typed: list[str], *, study: bool = False) -> int:
    """Characters of ``typed`` not found, in order, in the saved fields (titles, or the defence)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(saved)
    if study:
        fields = [str(data.get("defence") or ""), ""]
    else:
        fields = [str(data.get("title") or ""), str((data.get("titles") or {}).get("kk") or "")]
    lost = 0
    for text, value in zip(typed, fields, strict=True):
        flat = " ".join(value.split())
        want = " ".join(text.split())
        if want and want not in flat:
            # count what is missing: the longest typed prefix that is there
            n = len(want)
            while n and want[:n] not in flat:
                n -= 1
            lost += len(want) - n
    return lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--load", type=int, default=2, help="busy processes beside the editor")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--cps", type=float, default=7.0, help="characters per second while typing a word")
    parser.add_argument("--keykis", type=Path, default=None, help="the keykis command to run (default: beside python)")
    parser.add_argument("--study", action="store_true", help="type into a worksheet in keykis study instead")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is needed", file=sys.stderr)
        return 2
    results = []
    for i in range(args.runs):
        r = run_once(args.minutes * 60, load=args.load, cps=args.cps, seed=i, keykis=args.keykis, study=args.study)
        results.append(r)
        print(json.dumps({"run": i + 1, **asdict(r)}, ensure_ascii=False), flush=True)
    good = sum(r.ok for r in results)
    print(f"{good}/{len(results)} runs without a lost character or a false alarm; "
          f"{sum(r.typed for r in results)} characters typed, {sum(r.saves for r in results)} autosaves while typing")
    return 0 if good == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
