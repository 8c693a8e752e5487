"""Benchmark: `keykis check` on a few hundred cases against check-jsonschema.

The peer validates the case JSON Schema only; keykis runs the schema and every
method rule. Both run as whole processes on the same files in the same run,
best of three; the ratio keykis / peer is what we track (goal: <= 1.0).

    .venv/bin/python benchmarks/check_bench.py [N]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def make_collection(target: Path, n: int) -> list[Path]:
    """N case folders copied from the bundled cases, each with its own id."""
    sources = sorted((ROOT / "cases").glob("*/case.yaml"))
    files = []
    for i in range(n):
        src = sources[i % len(sources)]
        slug = f"{src.parent.name}-{i:04d}"
        folder = target / slug
        folder.mkdir(parents=True)
        text = src.read_text(encoding="utf-8").replace(f"id: {src.parent.name}", f"id: {slug}", 1)
        (folder / "case.yaml").write_text(text, encoding="utf-8")
        files.append(folder / "case.yaml")
    return files


def best_of(cmd: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as tmp:
        files = make_collection(Path(tmp) / "cases", n)
        size = sum(f.stat().st_size for f in files)
        ours = best_of([str(BIN / "keykis"), "check", str(Path(tmp) / "cases"), "--format", "json"])
        peer_cmd = [str(BIN / "check-jsonschema"), "--schemafile", str(ROOT / "schemas" / "case.schema.json")]
        peer = best_of(peer_cmd + [str(f) for f in files])
    print(f"cases: {n} ({size / 1024 / 1024:.1f} MiB of YAML, from {len(list((ROOT / 'cases').glob('*/case.yaml')))} "
          "bundled cases)")
    print(f"keykis check (schema + all method rules): {ours:.2f} s  ({n / ours:.0f} cases/s)")
    print(f"check-jsonschema --schemafile (schema only): {peer:.2f} s  ({n / peer:.0f} cases/s)")
    print(f"ratio keykis / check-jsonschema: {ours / peer:.2f}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
