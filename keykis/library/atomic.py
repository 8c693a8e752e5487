"""Outputs that appear whole or not at all.

A build can be killed at any moment (Ctrl+C, a timeout, a full disk, a
power cut). Every case is rendered into a staging folder beside its final
place and swapped in with renames, and single files are written to a
temporary name and moved over the old one (``keykis.atomic``), so a later build never finds a
half-written PDF under a final name and takes it for done.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from keykis import atomic

STAGING = ".staging"
"""Folder under OUTDIR where cases are rendered before they are swapped in."""


def staging_dir(outdir: Path, slug: str) -> Path:
    """A fresh, empty folder to render one case into (with a normal folder's mode, not 0700)."""
    return atomic.make_temp_dir(outdir / STAGING, f"{slug}.")


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
    atomic.sync_dir(final.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def clear_staging(outdir: Path) -> None:
    """Remove what a killed build left in the staging folder (a file or a link in its place too)."""
    staging = outdir / STAGING
    if staging.is_symlink() or (staging.exists() and not staging.is_dir()):
        staging.unlink()
    else:
        shutil.rmtree(staging, ignore_errors=True)
