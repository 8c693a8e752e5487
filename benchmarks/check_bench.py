"""Benchmark: `keykis check` on a few hundred distinct cases against check-jsonschema.

The peer validates the case JSON Schema only; keykis runs the schema and every
method rule. Both run as whole processes on the same files, interleaved in the
same run (keykis, peer, keykis, peer...), and each run's wall time and CPU
seconds (the child's user + system) are printed; the ratio keykis / peer of
the best runs is what we track (goal: <= 1.0). The load average is printed
before and after.

The N cases are generated variations of the bundled ones, so that no two hold
the same text: keykis caches its language findings per text, and N copies of
six cases would make all but six of them cache hits. In copy k every text of
two or more sentences has its sentences rotated by k, and every other text of
eight words or more gets the copy's number in brackets (shorter ones, such as
relation labels, stay as they are); the title and the
chosen question keep their wording (they must match). ``--same`` makes plain
copies instead (the old, flattering collection) for comparison.

A cold check of one case (``--one``) is timed the same way against
check-jsonschema on that one file.

    .venv/bin/python benchmarks/check_bench.py [N] [--runs R] [--same] [--one]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from keykis import yamlsafe  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«])")


def vary(text: str, k: int, keep: set[str]) -> str:
    """Copy ``k`` of one text: sentences rotated by k, or the copy's number added to a one-sentence text."""
    if text in keep or len(text.split()) < 3:  # ids, names, short labels stay
        return text
    parts = _SENTENCE.split(text.strip())
    if len(parts) > 1:
        shift = k % len(parts) or 1
        return " ".join(parts[shift:] + parts[:shift])
    return f"{text.rstrip()} ({k})" if len(text.split()) >= 8 else text


def _walk(node: Any, k: int, keep: set[str], key: str = "") -> Any:
    if isinstance(node, dict):
        return {kk: (v if kk in ("id", "title") else _walk(v, k, keep, str(kk))) for kk, v in node.items()}
    if isinstance(node, list):
        return [_walk(v, k, keep, key) for v in node]
    if isinstance(node, str):
        return vary(node, k, keep)
    return node


def variation(source: Path, k: int, slug: str) -> str:
    """The YAML text of copy ``k`` of a bundled case, with its own id."""
    data = yamlsafe.loads(source.read_text(encoding="utf-8"))
    keep = {str(data.get("title") or "")}
    data = {key: (_walk(v, k, keep, key) if key not in ("id", "title", "suppress", "references") else v)
            for key, v in data.items()}
    data["id"] = slug
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)


def make_collection(target: Path, n: int, *, same: bool = False) -> list[Path]:
    """N case folders from the bundled cases, each with its own id (and, unless ``same``, its own texts)."""
    sources = sorted((ROOT / "cases").glob("*/case.yaml"))
    files = []
    for i in range(n):
        src = sources[i % len(sources)]
        slug = f"{src.parent.name}-{i:04d}"
        folder = target / slug
        folder.mkdir(parents=True)
        if same:
            text = src.read_text(encoding="utf-8").replace(f"id: {src.parent.name}", f"id: {slug}", 1)
        else:
            text = variation(src, i // len(sources) + 1, slug)
        (folder / "case.yaml").write_text(text, encoding="utf-8")
        files.append(folder / "case.yaml")
    return files


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the process and its children) and the exit code."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, proc.returncode


def best_of(cmd: list[str], runs: int = 3) -> float:
    """The best wall time of ``runs`` runs of ``cmd`` (kept for the other benchmarks)."""
    return min(timed(cmd)[0] for _ in range(runs))


def interleaved(ours: list[str], peer: list[str], runs: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Run ``ours`` and ``peer`` in turn, ``runs`` times each; their (wall, CPU) seconds."""
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for i in range(runs):
        wall, cpu, code = timed(ours)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(ours)} exited with {code}")
        a.append((wall, cpu))
        print(f"  run {i + 1}: keykis {wall:.2f} s ({cpu:.2f} s CPU)", end="", flush=True)
        wall, cpu, _ = timed(peer)
        b.append((wall, cpu))
        print(f", check-jsonschema {wall:.2f} s ({cpu:.2f} s CPU); load {_load()}", flush=True)
    return a, b


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def report(name: str, peer_name: str, a: list[tuple[float, float]], b: list[tuple[float, float]], n: int) -> None:
    """Print each run and the ratios of the best runs (wall and CPU)."""
    for label, runs in ((name, a), (peer_name, b)):
        shown = ", ".join(f"{w:.2f} s ({c:.2f} s CPU)" for w, c in runs)
        print(f"{label}: {shown}; best {min(w for w, _ in runs):.2f} s ({n / min(w for w, _ in runs):.0f} cases/s)")
    wall = min(w for w, _ in a) / min(w for w, _ in b)
    cpu = min(c for _, c in a) / min(c for _, c in b)
    print(f"ratio keykis / check-jsonschema: {wall:.2f} wall, {cpu:.2f} CPU")


def main() -> None:
    """Make the collection, run both sides interleaved, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=300)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--same", action="store_true", help="plain copies (texts repeat), as before")
    parser.add_argument("--one", action="store_true", help="also a cold check of one case")
    args = parser.parse_args()
    keykis = [sys.executable, "-m", "keykis", "check"]
    schema = ["--schemafile", str(ROOT / "schemas" / "case.schema.json")]
    peer = [str(BIN / "check-jsonschema"), *schema]
    print(f"load average before: {_load()}")
    with tempfile.TemporaryDirectory() as tmp:
        files = make_collection(Path(tmp) / "cases", args.n, same=args.same)
        size = sum(f.stat().st_size for f in files)
        texts = {t for f in files for _, t in yamlsafe_texts(f)}
        print(f"cases: {args.n} ({size / 1024 / 1024:.1f} MiB of YAML, {len(texts):,} distinct texts, "
              f"{'plain copies' if args.same else 'variations'} of "
              f"{len(list((ROOT / 'cases').glob('*/case.yaml')))} bundled cases)")
        a, b = interleaved([*keykis, str(Path(tmp) / "cases"), "--format", "json"],
                           [*peer, *map(str, files)], args.runs)
        report("keykis check (schema + all method rules)", "check-jsonschema --schemafile (schema only)",
               a, b, args.n)
        if args.one:
            one = ROOT / "cases" / "almaty-city-diplomacy" / "case.yaml"
            print(f"one case, cold ({one.parent.name}):")
            a, b = interleaved([*keykis, str(one), "--format", "json"], [*peer, str(one)], max(args.runs, 3))
            report("keykis check", "check-jsonschema", a, b, 1)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average after: {_load()}")


def yamlsafe_texts(path: Path) -> list[tuple[Any, str]]:
    """The texts of one case file (to count the distinct ones)."""
    from keykis.model import Case

    return list(Case(yamlsafe.loads(path.read_text(encoding="utf-8"))).iter_texts())


if __name__ == "__main__":
    main()
