"""A keyboard-only run through a worksheet in a real terminal (tmux), from a fresh skeleton.

For each language, ``keykis study`` starts on a new worksheet at 80×24; keys
are sent one action at a time, as a student types: who made the worksheet,
a problem with its contradiction, a task with its parts, a solution with a
strategy and a target, both scores with their reasons, and the defence.
Then Ctrl+Q, and ``keykis check`` on the worksheet must exit 0. The screen
is captured after each part; the transcript goes to stdout (or ``--out``).

    python benchmarks/study_keyboard_run.py --lang ru kk en --out docs/study-keyboard-run.md
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "ozerny-service-centre"
KEYKIS = Path(sys.executable).with_name("keykis")
sys.path.insert(0, str(ROOT))
from benchmarks.tmux_terminal import Terminal  # noqa: E402

SCHEMA_PATH = re.compile(r"(\$schema=)\S*/(schemas/)")
"""The modeline's relative path depends on where the run's folder is: the transcript shows its end only."""
PAUSE = 0.35
SLOW = 1.5
"""Seconds after a key that opens a form or another part (mounting takes a moment on a busy machine)."""

TEXTS = {
    "ru": {"name": "Айгерим Нурланова", "id": "21001", "group": "ГМУ-21",
           "problem": "Операторы тратят треть смены на обучение жителей порталу.",
           "contradiction": "Штат не растёт, а жители не знают портал.",
           "task": "Перенести обучение жителей в сёла.", "what": "выездные занятия", "when": "весной",
           "where": "в сёлах", "how_much": "два выезда в каждое село",
           "solution": "Выездные дни вместе с акиматами сёл.", "g1": "Очередь в зале станет короче.",
           "v1": "В своём селе спросить проще.", "defence": "Выбираю выездные дни: выигрывают жители и ЦОН."},
    "kk": {"name": "Нұрсұлтан Әбенов", "id": "21007", "group": "ГМУ-21",
           "problem": "Операторлар ауысымның үштен бірін тұрғындарды порталға үйретуге жұмсайды.",
           "contradiction": "Штат өспейді, ал тұрғындар порталды білмейді.",
           "task": "Тұрғындарды үйретуді ауылдарға көшіру.", "what": "көшпелі сабақтар", "when": "көктемде",
           "where": "ауылдарда", "how_much": "әр ауылға екі рет",
           "solution": "Ауыл әкімдіктерімен бірге көшпелі күндер.", "g1": "Залдағы кезек қысқарады.",
           "v1": "Өз ауылында сұрау оңай.", "defence": "Көшпелі күндерді таңдаймын: тұрғындар да, ХҚКО да ұтады."},
    "en": {"name": "Sara Iskakova", "id": "21009", "group": "GMU-21",
           "problem": "Operators spend a third of each shift teaching residents the portal.",
           "contradiction": "Staff numbers are fixed while residents do not know the portal.",
           "task": "Move the teaching of digital services into the villages.", "what": "visiting lessons",
           "when": "in spring", "where": "in the villages", "how_much": "two visits to each village",
           "solution": "Visiting days with the village akimats.", "g1": "The queue in the hall gets shorter.",
           "v1": "Asking in one's own village is easier.", "defence": "I choose visiting days: residents and the centre gain."},
}


def run(lang: str, folder: Path) -> tuple[int, list[tuple[str, str]], str]:
    """One keyboard-only run; return the check's exit code, the captures and the check's output."""
    t = TEXTS[lang]
    sheet = folder / f"{lang}.yaml"
    done = folder / f"{lang}.done"
    term = Terminal(f"keykis-study-{lang}", f"cd {folder} && {KEYKIS} study {CASE} -w {sheet.name} --lang {lang};"
                    f" touch {done.name}; sleep 600", pause=PAUSE, slow=SLOW, slow_keys=("Enter", "C-n", "Escape"))
    shots: list[tuple[str, str]] = []
    try:
        assert term.wait_for("KEYKIS") or term.wait_for("·"), term.screen()
        time.sleep(2.0)
        shots.append(("start", term.screen()))
        # Who made the worksheet: the student's row, then the group.
        term.keys("Enter")
        term.type(t["name"])
        term.keys("Tab")
        term.type(t["id"])
        term.keys("Escape", "Tab", "Tab")
        term.type(t["group"])
        shots.append(("who", term.screen()))
        # Step 12: the problem p1, its owner, resource kinds and contradiction.
        term.keys("C-n", "Enter")                             # the form opens in the problem's text
        term.type(t["problem"])
        term.keys("BTab", "Enter", "Down", "Enter", "Tab")    # owner, above it: the first actor (the main one)
        term.keys("Tab", "Space", "Down", "Down", "Down", "Down", "Down", "Space", "Tab")  # time, information
        term.type(t["contradiction"])
        term.keys("Tab", "Space", "Down", "Down", "Down", "Down", "Down", "Space")
        shots.append(("problem", term.screen()))
        term.keys("Escape")
        # Step 13 (p1 is chosen), step 14: the task t1 and its parts.
        term.keys("C-n", "C-n", "Enter")                      # the form opens in the task's text
        term.type(t["task"])
        term.keys("Tab")
        term.type(t["what"])
        term.keys("Tab", "Enter", "Down", "Enter", "Tab", "Tab")  # who: the main actor; to_whom left empty
        term.type(t["when"])
        term.keys("Tab")
        term.type(t["where"])
        term.keys("Tab")
        term.type(t["how_much"])
        shots.append(("task", term.screen()))
        term.keys("Escape")
        # Step 15 (t1 is chosen), step 18: the solution s1, its strategy and target.
        term.keys("C-n", "C-n", "Enter")
        term.type(t["solution"])
        term.keys("Tab", "Space", "Tab", "Down", "Down", "Down", "Down", "Space")  # cooperation; villagers
        term.keys("Escape")
        # Step 19: both scores +2 with their reasons.
        term.keys("C-n", "+", "+", "Enter")                  # the reason's form opens in its text
        term.type(t["g1"])
        term.keys("Escape", "Right", "+", "+", "Enter")
        term.type(t["v1"])
        term.keys("Escape")
        shots.append(("decision", term.screen()))
        # Step 20 (s1 is chosen), the defence.
        term.keys("C-n", "C-n")
        term.type(t["defence"])
        time.sleep(2.0)
        shots.append(("defence", term.screen()))
        term.keys("C-q")
        for _ in range(50):
            if done.exists():
                break
            time.sleep(0.2)
    finally:
        term.close()
    check = subprocess.run([str(KEYKIS), "check", "--case", str(CASE), "--lang", lang, str(sheet)],
                           capture_output=True, text=True, check=False)
    return check.returncode, shots, check.stdout + check.stderr


def main() -> int:
    """Run each language; print (or write) the transcript; exit 1 unless every check exits 0."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", nargs="+", default=["ru", "kk", "en"])
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is needed", file=sys.stderr)
        return 2
    lines = ["# A keyboard-only run through a worksheet", "",
             "Written by `benchmarks/study_keyboard_run.py`: `keykis study` on a new worksheet in tmux at 80×24,",
             "keys only, then `keykis check` on the worksheet.", ""]
    ok = True
    for lang in args.lang:
        with tempfile.TemporaryDirectory(prefix=f"keykis-study-{lang}-") as tmp:
            code, shots, out = run(lang, Path(tmp))
            sheet = (Path(tmp) / f"{lang}.yaml").read_text(encoding="utf-8")
            out, sheet = out.replace(tmp, "."), SCHEMA_PATH.sub(r"\1…/\2", sheet)
        ok = ok and code == 0
        lines += [f"## {lang}", ""]
        for title, screen in shots:
            lines += [f"### {title}", "", "```text", screen, "```", ""]
        lines += [f"### keykis check (exit {code})", "", "```text", out.rstrip(), "```", "",
                  "### the worksheet written", "", "```yaml", sheet.rstrip(), "```", ""]
        print(f"{lang}: keykis check exit {code}", file=sys.stderr)
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
