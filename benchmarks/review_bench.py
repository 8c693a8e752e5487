"""Benchmark: `keykis review` of a large class against check-jsonschema on the same worksheets.

The class is the 30-worksheet test class (clean, broken, wrong-case,
old-revision and copied worksheets in ru, kk and en) repeated to N files.
The peer validates the worksheet JSON Schema only; keykis reads every
worksheet, checks it against the case (the schema and the method's rules),
builds each chain, compares every pair for copies and writes review.json.
Both run as whole processes in the same run, best of three; the ratio
keykis / peer is what we track. The full review with review.pdf and the
gradebook CSV is timed once more, beside it.

    .venv/bin/python benchmarks/review_bench.py [N]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.check_bench import best_of  # noqa: E402

BIN = Path(sys.executable).parent
CLASS = ROOT / "tests" / "study" / "data" / "class30"
CASE = ROOT / "cases" / "ozerny-service-centre"


def make_class(target: Path, n: int) -> list[Path]:
    """N worksheet files copied from the test class (each copy in its own name)."""
    sources = sorted(CLASS.glob("*.yaml"))
    target.mkdir(parents=True)
    files = []
    for i in range(n):
        src = sources[i % len(sources)]
        dst = target / f"{i:04d}-{src.name}"
        shutil.copyfile(src, dst)
        files.append(dst)
    return files


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as tmp:
        files = make_class(Path(tmp) / "class", n)
        out = Path(tmp) / "out"
        ours = best_of([str(BIN / "keykis"), "review", str(CASE), str(Path(tmp) / "class"), "-o", str(out),
                        "--json-only", "--lang", "ru"])
        peer = best_of([str(BIN / "check-jsonschema"), "--schemafile", str(ROOT / "schemas" / "worksheet.schema.json"),
                        *map(str, files)])
        full = best_of([str(BIN / "keykis"), "review", str(CASE), str(Path(tmp) / "class"), "-o", str(out),
                        "--lang", "ru", "--csv", str(Path(tmp) / "grades.csv")], runs=1)
    print(f"worksheets: {n} (the 30-worksheet test class, repeated)")
    print(f"keykis review --json-only (checks, chains, copies, review.json): {ours:.2f} s  ({n / ours:.0f} worksheets/s)")
    print(f"check-jsonschema --schemafile worksheet.schema.json (schema only): {peer:.2f} s")
    print(f"ratio keykis / check-jsonschema: {ours / peer:.2f}")
    print(f"keykis review with review.pdf and the gradebook CSV: {full:.2f} s")


if __name__ == "__main__":
    main()
