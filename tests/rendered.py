"""Each bundled case rendered once per test run, shared by every test and every xdist worker that reads it.

Rendering is the slowest thing the suite does; a dozen tests read the same
bundled cases' PDFs. The first test to ask renders the case (both editions,
HTML kept) under a file lock; the others wait for it and read the same
files. Tests must treat the folder as read-only.
"""

from __future__ import annotations

import fcntl
import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from keykis.render import RenderResult, render_case

Rendered = Callable[[Path], tuple[Path, RenderResult]]


def cache_root(factory: pytest.TempPathFactory) -> Path:
    """A folder all workers of this run share (pytest's own temporary folder, rotated by pytest)."""
    base = factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "rendered-cases"
    root.mkdir(exist_ok=True)
    return root


def render_once(folder: Path, root: Path) -> tuple[Path, RenderResult]:
    """``folder`` (a case folder or its case.yaml) rendered into ``root``, once per run."""
    folder = folder.resolve()
    if folder.is_file():
        folder = folder.parent
    out, done = root / folder.name, root / f"{folder.name}.result"
    with open(root / f"{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            result = render_case(folder, out, html=True)
            done.write_bytes(pickle.dumps(result))
    return out, pickle.loads(done.read_bytes())  # noqa: S301 - written by this very run
