"""The full type fuzz: every value of a case and of a worksheet replaced by each wrong type.

The test suite runs the top levels (``tests/hostile/test_type_fuzz.py``); this
runs every place, first item of every list included, through every consumer:
the checker, the schema gate and, past it, the HTML of both editions, the
catalogue card, the search row and the student view; for worksheets the
checker, the review and the worksheet page. Prints how many variants there
were, how many passed the gate, and every crash site (there should be none).

    .venv/bin/python benchmarks/type_fuzz.py [CASE_FOLDER ...]
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keykis import yamlsafe  # noqa: E402
from keykis.gate import require_case  # noqa: E402
from keykis.model import Case, load_case  # noqa: E402
from keykis.study.student import student_view  # noqa: E402
from tests.hostile.fuzz import consume_case, consume_worksheet, variants  # noqa: E402

WORKSHEET = ROOT / "tests" / "study" / "data" / "worksheet.yaml"


def _site(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if "/keykis/" in f.filename or "/templates/" in f.filename]
    f = (mine or frames)[-1]
    return f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno}"


def main() -> int:
    """Run the fuzz and print a summary; exit 1 if anything crashed."""
    folders = [Path(a) for a in sys.argv[1:]] or [ROOT / "cases" / "ozerny-service-centre"]
    crashes: dict[str, list[str]] = {}
    for folder in folders:
        case = load_case(folder)
        start, n, passed = time.perf_counter(), 0, 0
        for name, data in variants(case.data):
            n += 1
            try:
                passed += consume_case(Case(data, path=case.path, text=""))
            except Exception as exc:
                crashes.setdefault(_site(exc), []).append(f"{folder.name}: {name}: {type(exc).__name__}: {exc}")
        print(f"{folder.name}: {n} variants, {passed} past the gate, {time.perf_counter() - start:.0f} s")
    case = load_case(folders[0])
    view = student_view(require_case(case))
    import yaml

    start, n, passed = time.perf_counter(), 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "w.yaml"
        for name, data in variants(yamlsafe.loads(WORKSHEET.read_text(encoding="utf-8"))):
            n += 1
            file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            try:
                passed += consume_worksheet(file, case, view)
            except Exception as exc:
                crashes.setdefault(_site(exc), []).append(f"worksheet: {name}: {type(exc).__name__}: {exc}")
    print(f"worksheet: {n} variants, {passed} past the gate, {time.perf_counter() - start:.0f} s")
    print(f"crash sites: {len(crashes)}")
    for site, names in crashes.items():
        print(f"  {site} ({len(names)}): {names[0][:160]}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
