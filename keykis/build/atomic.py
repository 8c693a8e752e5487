"""Outputs that appear whole or not at all.

A build can be killed at any moment (Ctrl+C, a timeout, a full disk, a
power cut). Every case is rendered into a staging folder beside its final
place and swapped in with renames, and single files are written to a
temporary name and moved over the old one, so a later build never finds a
half-written PDF under a final name and takes it for done.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

STAGING = ".staging"
"""Folder under OUTDIR where cases are rendered before they are swapped in."""


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically."""
    write_bytes(path, text.encode("utf-8"))


def staging_dir(outdir: Path, slug: str) -> Path:
    """A fresh, empty folder to render one case into."""
    base = outdir / STAGING
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=base, prefix=f"{slug}."))


def swap_in(staged: Path, final: Path) -> None:
    """Replace the folder ``final`` by ``staged`` with renames only.

    The old folder is moved aside first and removed after the new one is in
    place; if the process dies between the two renames the old outputs are
    still under the staging folder and the manifest does not list the case,
    so the next build renders it again.
    """
    old = None
    if final.exists():
        old = staged.with_name(staged.name + ".old")
        os.replace(final, old)
    os.replace(staged, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def clear_staging(outdir: Path) -> None:
    """Remove what a killed build left in the staging folder."""
    shutil.rmtree(outdir / STAGING, ignore_errors=True)
