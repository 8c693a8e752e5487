"""Fail when the suite collects fewer tests than the floor, or a test file collects none.

pytest skips folders it thinks are build output and files whose imports fail
at collection only with a line in its summary; this guard makes either a
failure of CI. Raise the floor in ``tests/collected-floor.txt`` when tests are
added; lower it only with the commit that removes tests on purpose.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_FILE = ROOT / "tests" / "collected-floor.txt"


def main() -> int:
    floor = int(FLOOR_FILE.read_text(encoding="utf-8").split()[0])
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0,):
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        print(f"collection failed (pytest exit {done.returncode})", file=sys.stderr)
        return 1
    per_file = Counter(line.split("::", 1)[0] for line in done.stdout.splitlines() if "::" in line)
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("test_*.py"))
    silent = [f for f in files if per_file[f] == 0]
    total = sum(per_file.values())
    print(f"collected {total} tests in {len(per_file)} files (floor {floor})")
    if silent:
        print("test files that collect nothing: " + ", ".join(silent), file=sys.stderr)
        return 1
    if total < floor:
        print(f"only {total} tests collected, fewer than the floor of {floor}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
