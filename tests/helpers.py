"""Shared test helpers: paths and a way to run the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
DATA = ROOT / "tests" / "data"
EXAMPLE = CASES / "ozerny-service-centre" / "case.yaml"


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m keykis ARGS`` in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "keykis", *args], capture_output=True, text=True, timeout=timeout,
        cwd=cwd or ROOT, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
    )


def check_json(path: Path, lang: str = "en") -> list[dict[str, Any]]:
    """Findings for ``path`` from the real CLI, as parsed JSON."""
    proc = run_cli("check", str(path), "--format", "json", "--lang", lang)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def in_a_process_that_dies(work: Any) -> None:
    """Run ``work()`` in a child process that then dies at once (``os._exit``: no cleanup, its files just close),
    as an editor killed mid-work would."""
    import os

    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            work()
        except BaseException:
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the work in the child failed"
