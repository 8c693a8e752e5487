"""The grading screen driven by keys alone, in a real 80×24 terminal (tmux): three students graded, exported.

Three worksheets of the test class are copied to a fresh folder and
``keykis review … --grade`` is opened on them. The run sets the reflection
and defence of the first student and writes a comment, sets the second's
defence, lowers the third's decomposition and sets its defence, exports
with ``e`` and quits with ``q``. It then reads grades.yaml and the
gradebook CSV back and prints them; exit code 0 when the grades are the
ones the keys set. docs/instructor-guide.md records the result.

    .venv/bin/python benchmarks/grading_keyboard_run.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.tmux_terminal import Terminal  # noqa: E402

CLASS = ROOT / "tests" / "study" / "data" / "class30"
CASE = ROOT / "cases" / "ozerny-service-centre"
WANT = {"../01-21001.yaml": 19, "../02-21002.yaml": 16, "../03-21003.yaml": 16}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in WANT:
            shutil.copy(CLASS / Path(name).name, folder / Path(name).name)
        out = folder / "review"
        command = (f"cd {ROOT} && PYTHONPATH={ROOT} {sys.executable} -m keykis review {CASE} {folder} -o {out} "
                   f"--lang ru --grade; sleep 5")
        term = Terminal("keykis-grading-run", command, width=80, height=24)
        try:
            if not term.wait_for("Студент 1 из 3", 120):
                print(term.screen())
                return 1
            term.keys(*["Down"] * 5, "Right", "Right", "Right", "Down", "Right", "Right", "Right", "c")
            term.type("Сильная рефлексия")
            term.keys("Enter", "PageDown", *["Down"] * 6, "Right", "Right")
            term.keys("n", "Down", "Down", "Left", "Down", "Down", "Down", "Down", *["Right"] * 4)
            print(term.screen())
            term.keys("e")
            term.wait_for("Выгружено", 180)
            term.keys("q")
        finally:
            term.close()
        grades = yaml.safe_load((out / "grades.yaml").read_text(encoding="utf-8"))["students"]
        got = {k: v["grade"] for k, v in grades.items()}
        print("grades.yaml:", got)
        print((out / "grades.csv").read_text(encoding="utf-8-sig"))
        return 0 if got == WANT and (out / "review.pdf").exists() else 1


if __name__ == "__main__":
    sys.exit(main())
