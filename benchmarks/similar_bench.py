"""Benchmark: finding look-alike worksheets grows with the class, not with its square.

The review flags worksheets whose own words are identical or ≥ 90 % alike.
Comparing every pair is quadratic; the review groups identical texts and
compares only the pairs a shingle sketch proposes (``candidate_pairs``).
This times ``flag_similar`` on N and 4N distinct texts of worksheet length
(each with one planted near-copy), in the same run, against the reference
of comparing every pair of the N texts with rapidfuzz: the ratio 4N / N
is what we track (4 means linear, 16 quadratic), and the planted copies
must all be found.

    .venv/bin/python benchmarks/similar_bench.py [N]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from keykis.study.review import Entry, flag_similar  # noqa: E402

LETTERS = "абвгдежзиклмнопрстуфхцчшэюя"


def texts(n: int, seed: int = 0) -> dict[str, str]:
    """N distinct texts of about 120 words, and a near-copy (one word changed) of every hundredth."""
    r = random.Random(seed)
    out = {}
    for i in range(n):
        words = ["".join(r.choice(LETTERS) for _ in range(r.randint(3, 9))) for _ in range(120)]
        out[f"w{i:05d}"] = " ".join(words)
        if i % 100 == 0:
            words[50] = "изменено"
            out[f"w{i:05d}-copy"] = " ".join(words)
    return out


def run(n: int) -> tuple[float, int, int]:
    """Seconds for flag_similar on N texts, planted copies found, planted copies in all."""
    sample = texts(n)
    entries = [Entry(file=k) for k in sample]
    start = time.perf_counter()
    flag_similar(entries, sample, 90)
    took = time.perf_counter() - start
    found = sum(1 for e in entries if e.file.endswith("-copy") and any(s["file"] == e.file[:-5] for s in e.similar))
    return took, found, sum(k.endswith("-copy") for k in sample)


def every_pair(n: int) -> float:
    """Seconds to compare every pair of the N texts (the reference)."""
    values = list(texts(n).values())
    start = time.perf_counter()
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            fuzz.ratio(a, b, score_cutoff=90)
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    small, found_small, planted_small = run(n)
    large, found_large, planted_large = run(4 * n)
    reference = every_pair(n)
    print(f"flag_similar, {n} texts: {small:.2f} s ({found_small}/{planted_small} near-copies found)")
    print(f"flag_similar, {4 * n} texts: {large:.2f} s ({found_large}/{planted_large} near-copies found)")
    print(f"every pair of {n} texts (reference): {reference:.2f} s; ratio flag_similar / every pair: "
          f"{small / reference:.2f}")
    print(f"growth 4N / N: {large / small:.1f} (4 = linear, 16 = quadratic)")


if __name__ == "__main__":
    main()
