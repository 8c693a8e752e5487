"""Files that appear whole or not at all, with the permissions a user expects.

Every file keykis writes (a case, a worksheet, a PDF, the manifest, the
search index) goes through here: the bytes go to a temporary file in the
same folder, are flushed to disk (fsync), renamed over the final name and
the folder itself is synced, so a kill or a power cut leaves either the old
file or the new one in full, never half of one.

Permissions: a file that replaces an existing one keeps that file's mode; a
new file gets ``0666 & ~umask`` (0644 with the usual umask 022), and folders
made here ``0777 & ~umask`` (0755), so published PDFs are readable by a web
server or a colleague, as any other file the user writes would be.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["current_umask", "dir_mode", "file_mode", "make_dir", "make_temp_dir", "replace_with",
           "sync_dir", "write_bytes", "write_text", "write_with"]


def current_umask() -> int:
    """The process umask, read without changing it (other threads keep writing safely)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no /proc: the only portable way, briefly
    os.umask(mask)
    return mask


def file_mode(path: Path | None = None) -> int:
    """The mode a file written to ``path`` gets: the old file's, or ``0666 & ~umask`` for a new one."""
    if path is not None:
        try:
            st = os.stat(path)
            if stat.S_ISREG(st.st_mode):
                return stat.S_IMODE(st.st_mode)
        except OSError:
            pass
    return 0o666 & ~current_umask()


def dir_mode() -> int:
    """The mode of a new folder: ``0777 & ~umask``."""
    return 0o777 & ~current_umask()


def sync_dir(folder: Path) -> None:
    """Flush a folder's entries (a rename in it) to disk; quietly skipped where that is not possible."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def make_dir(path: Path) -> Path:
    """Create ``path`` and its parents (as ``mkdir -p``), refusing a file in the way with a clear OSError."""
    path.mkdir(parents=True, exist_ok=True)
    return path


def make_temp_dir(parent: Path, prefix: str) -> Path:
    """A fresh, empty folder under ``parent`` with the mode of a normal folder (not mkdtemp's 0700)."""
    make_dir(parent)
    folder = Path(tempfile.mkdtemp(dir=parent, prefix=prefix))
    os.chmod(folder, dir_mode())
    return folder


@contextmanager
def replace_with(path: Path, *, mode: int | None = None, backup: Path | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without error it becomes ``path``.

    For writers that want a file name rather than bytes (SQLite, a PDF
    engine). The temporary file is synced, given its final mode and renamed
    over ``path``; the folder is synced. On any error it is removed and
    ``path`` is untouched. With ``backup`` the old file is first copied there
    (atomically too), so at every moment ``path`` holds a whole file.
    """
    folder = path.parent
    make_dir(folder)
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    bak_tmp: Path | None = None
    try:
        yield tmp
        _fsync_file(tmp)
        os.chmod(tmp, file_mode(path) if mode is None else mode)
        if backup is not None and path.is_file():
            bak_fd, bak_name = tempfile.mkstemp(dir=backup.parent, prefix=f".{backup.name}.", suffix=".tmp")
            os.close(bak_fd)
            bak_tmp = Path(bak_name)
            shutil.copy2(path, bak_tmp)
            _fsync_file(bak_tmp)
            os.replace(bak_tmp, backup)
            bak_tmp = None
        os.replace(tmp, path)
    except BaseException:
        for leftover in (tmp, bak_tmp):
            if leftover is not None:
                try:
                    leftover.unlink()
                except OSError:
                    pass
        raise
    sync_dir(folder)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes, *, mode: int | None = None, backup: Path | None = None) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename, folder sync).

    Args:
        path: The final file; its folder is created if missing.
        data: The whole content.
        mode: Permissions to give the file (default: keep the old file's, or ``0666 & ~umask``).
        backup: Keep the previous file here first (e.g. ``case.yaml.bak``).
    """
    with replace_with(path, mode=mode, backup=backup) as tmp:
        with open(tmp, "wb") as f:
            f.write(data)


def write_text(path: Path, text: str, *, mode: int | None = None, backup: Path | None = None) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (see ``write_bytes``); newlines are kept as given."""
    write_bytes(path, text.encode("utf-8"), mode=mode, backup=backup)


def write_with(path: Path, fill: Callable[[Path], object], *, mode: int | None = None) -> None:
    """Let ``fill`` write a temporary file by name, then move it to ``path`` atomically."""
    with replace_with(path, mode=mode) as tmp:
        fill(tmp)
