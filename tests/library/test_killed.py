"""A build killed half-way leaves no half-written output, and the next build finishes the job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from keykis.library import BuildOptions, build_database
from tests.library.conftest import ROOT, add_case

SCRIPT = """
import sys
from pathlib import Path
from keykis.library import BuildOptions, build_database
from keykis.library import fingerprint
from tests.library import standin
fingerprint._code_files = lambda: []
if __name__ == "__main__":
    build_database([Path(sys.argv[1])], BuildOptions(outdir=Path(sys.argv[2]), workers=1,
                   renderer=standin.render))
"""


@pytest.mark.slow
def test_kill_then_build_again(tmp_path: Path, opts: BuildOptions) -> None:
    cases = tmp_path / "cases"
    for i in range(8):
        add_case(cases, f"case-{i}", title_suffix=f" ({i})")
    script = tmp_path / "build.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "KEYKIS_STANDIN_DELAY": "0.4", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(script), str(cases), str(opts.outdir)], env=env,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = opts.outdir / "manifest.journal"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not journal.exists() or journal.read_text().count("\n") < 2):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the build and its workers, mid-case
    proc.wait()
    assert not (opts.outdir / "manifest.json").exists()
    done = [json.loads(line)["slug"] for line in journal.read_text(encoding="utf-8").splitlines()]
    assert 2 <= len(done) < 8
    for folder in opts.outdir.iterdir():  # under a final name: only whole case folders, or a whole handout pass
        if folder.name.startswith("case-"):
            shown = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
            whole = ["case.pdf", "graph.pdf", "graph.svg", "guidelines.pdf"]
            assert shown == whole if folder.name in done else shown in (whole, whole[:3])
    report = build_database([cases], opts)
    assert report.ok
    statuses = {o.slug: o.status for o in report.outcomes}
    assert sorted(s for s, v in statuses.items() if v == "unchanged") == sorted(done)
    assert sorted(s for s, v in statuses.items() if v == "built") == sorted(set(statuses) - set(done))
    assert not (opts.outdir / ".staging").exists() and not journal.exists()
    assert len(json.loads((opts.outdir / "catalog.json").read_text(encoding="utf-8"))["cases"]) == 8
