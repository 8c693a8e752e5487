"""Shared test helpers: paths and a way to run the real CLI."""

from __future__ import annotations

import contextlib
import io
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
    """Findings for ``path`` from the real CLI's ``check --format json``, as parsed JSON.

    The command runs in this process (``keykis.cli.main``): the same parser,
    check and printer, without a second of interpreter start-up per call
    (``run_cli`` tests the fresh interpreter a user starts).
    """
    from keykis.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path), "--format", "json", "--lang", lang])
    assert code in (0, 1), err.getvalue()
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


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


def tmux(*args: str) -> str:
    """Run a tmux command; its output."""
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def pane(session: str) -> str:
    """What the pane of ``session`` shows, colours included (a focus highlight is seen)."""
    return tmux("capture-pane", "-p", "-e", "-t", session)


def pane_steady(session: str, *, unlike: str | None = None, cap: float = 300.0, look: float = 0.2) -> str:
    """The pane of ``session`` once it differs from ``unlike`` (a key took effect) and two looks in a row find it
    the same (the program has drawn what it will draw).

    ``look`` is the interval between looks, not a wait for anything; ``cap`` is the generous limit on a loaded machine.
    """
    import time

    end = time.monotonic() + cap
    seen = pane(session)
    while unlike is not None and seen == unlike:
        assert time.monotonic() < end, f"the key changed nothing on the screen:\n{seen}"
        time.sleep(look)
        seen = pane(session)
    while True:
        time.sleep(look)
        now = pane(session)
        if now == seen:
            return now
        assert time.monotonic() < end, f"the pane never settled:\n{now}"
        seen = now
