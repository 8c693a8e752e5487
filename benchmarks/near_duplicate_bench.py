"""Benchmark: finding repeated statements grows with the text, not with its square.

The ``near-duplicate`` rule (``keykis check``, and every worksheet in
``keykis review``) names each statement that nearly repeats an earlier one.
Comparing every pair whose lengths allow the similarity was quadratic when
thousands of statements read nearly the same (a case at the text limit made of
one paragraph varied, a 3 MB worksheet of near-identical items). ``repeats``
finds identical statements by a dictionary and compares the others only with
the few earlier ones a sketch of shared shingles proposes.

In one run, on N and 4N near-identical statements (CPU seconds):

- ``repeats`` on N and on 4N statements (4 means linear growth, 16 quadratic);
- the reference: every pair of the N statements whose lengths allow the
  similarity (the rule before), with rapidfuzz;
- both must name the same statements.

With ``--commands`` it also times, as whole processes (CPU seconds of the
child), ``keykis check`` of a case whose texts are near-identical paragraphs up
to the case's text limit, and ``keykis review --json-only`` of one 3 MB
worksheet of near-identical problems.

    .venv/bin/python benchmarks/near_duplicate_bench.py [N] [--commands]
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from keykis.check.rules.language import repeats  # noqa: E402

CUTOFF = 90.0
WORDS = ("очередь", "операторов", "жителей", "сёл", "помещение", "акимата", "услуг", "центра", "автобус", "окна")


def statement(n: int, r: random.Random) -> str:
    """One statement of a paragraph repeated with small changes (a number and two words)."""
    return (f"Руководитель центра {n} каждое утро сверяет {r.choice(WORDS)} по часам "
            f"и обсуждает с {r.choice(WORDS)} дальних сёл поездки в район.")


def statements(n: int, seed: int = 0) -> list[str]:
    r = random.Random(seed)
    return [" ".join(sorted(statement(i, r).lower().split())) for i in range(n)]


def every_pair(texts: list[str]) -> set[int]:
    """The rule before: every pair whose lengths allow the similarity; the later statement of each match."""
    span = CUTOFF / (200 - CUTOFF)
    order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
    sorted_texts = [texts[k] for k in order]
    out: set[int] = set()
    for a in range(len(order)):
        end = a + 1
        while end < len(order) and len(sorted_texts[a]) >= span * len(sorted_texts[end]):
            end += 1
        for _, _, offset in process.extract_iter(sorted_texts[a], sorted_texts[a + 1:end], scorer=fuzz.ratio,
                                                 score_cutoff=CUTOFF):
            out.add(max(order[a], order[a + 1 + offset]))
    return out


def cpu(work):  # type: ignore[no-untyped-def]
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def child_cpu(argv: list[str]) -> float:
    """CPU seconds (user + system) a whole command takes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=False, capture_output=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def near_identical_case(folder: Path) -> int:
    """A copy of the example case whose narrative steps are near-identical paragraphs up to the text limit."""
    import yaml

    from keykis import yamlsafe
    from keykis.check.structure import text_size
    from keykis.method import method
    from tests.helpers import EXAMPLE

    data = yamlsafe.loads(EXAMPLE.read_text(encoding="utf-8"))
    room = int(method().limits["case_max_chars"]) - text_size(data) - 1000
    r, n = random.Random(1), 0
    for step in data["narrative"]:
        old = str(data["narrative"].get(step) or "")
        size = min(39_000 - len(old), room)
        parts: list[str] = []
        while size > 0 and sum(map(len, parts)) < size - 200:
            n += 1
            parts.append(statement(n, r) + " ")
        room -= sum(map(len, parts))
        data["narrative"][step] = old + "".join(parts)
    folder.mkdir(parents=True)
    (folder / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096),
                                      encoding="utf-8")
    return n


def big_worksheet(path: Path, megabytes: float = 3.0) -> int:
    """The study test worksheet with near-identical problems added up to ``megabytes``."""
    head = (ROOT / "tests" / "study" / "data" / "worksheet.yaml").read_text(encoding="utf-8")
    before, after = head.split("  tasks:\n", 1)
    r, items, size, n = random.Random(2), [], len(head.encode()), 0
    while size < megabytes * 1_000_000:
        n += 1
        item = (f"    - id: x{n}\n      owner: villagers\n      text: Жители села {n} тратят на поездку в район "
                f"{r.choice(WORDS)} и ждут {r.choice(WORDS)} в зале центра.\n")
        items.append(item)
        size += len(item.encode())
    path.write_text(before + "".join(items) + "  tasks:\n" + after, encoding="utf-8")
    return n


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    small, large = statements(n), statements(4 * n)
    ours_n, found_n = cpu(lambda: {later for later, _, _ in repeats(small, CUTOFF)})
    ours_4n, found_4n = cpu(lambda: {later for later, _, _ in repeats(large, CUTOFF)})
    reference, expected = cpu(lambda: every_pair(small))
    print(f"near-identical statements: {n} and {4 * n}")
    print(f"repeats, {n}: {ours_n:.2f} s CPU ({len(found_n)} repeated statements named)")
    print(f"repeats, {4 * n}: {ours_4n:.2f} s CPU ({len(found_4n)} named)")
    print(f"every pair in the length window, {n} (reference, the rule before): {reference:.2f} s CPU "
          f"({len(expected)} named)")
    print(f"same statements named as the reference: {found_n == expected}")
    print(f"ratio repeats / reference at {n}: {ours_n / reference:.3f}")
    print(f"growth {4 * n} / {n}: {ours_4n / ours_n:.1f} (4 = linear, 16 = quadratic)")
    if "--commands" in sys.argv:
        python = sys.executable
        with tempfile.TemporaryDirectory() as tmp:
            count = near_identical_case(Path(tmp) / "case")
            took = child_cpu([python, "-m", "keykis", "check", str(Path(tmp) / "case"), "--lang", "en"])
            print(f"keykis check, a case of {count} near-identical statements at the text limit: {took:.1f} s CPU")
            items = big_worksheet(Path(tmp) / "big.yaml")
            took = child_cpu([python, "-m", "keykis", "review", str(ROOT / "cases" / "ozerny-service-centre"),
                              str(Path(tmp) / "big.yaml"), "-o", str(Path(tmp) / "out"), "--json-only"])
            print(f"keykis review --json-only, one 3 MB worksheet of {items} near-identical problems: {took:.1f} s CPU")


if __name__ == "__main__":
    main()
