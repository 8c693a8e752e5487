"""Reading a file a user (or a hostile archive) put in a case folder.

Case folders come from students, colleagues and the internet. A name in them
may be a FIFO (reading blocks forever), a device (``/dev/zero`` never ends),
a symbolic link to a file outside the folder, or simply a huge file. Every
read of such a file goes through here:

- only regular files are read; FIFOs, devices, sockets and folders are
  refused with a clear message (the file is opened with ``O_NONBLOCK``, so
  even a FIFO put in place between the check and the open never blocks);
- the size is checked on the opened file (``fstat``) before reading, and
  reading stops at the cap even if the file grows meanwhile;
- with ``root``, a link that leads outside that folder is refused.

Every refusal is a ``CaseFileError`` naming the file, so a bad file fails only
the case it is in.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from keykis.errors import CaseFileError

MAX_BYTES = 4 * 1024 * 1024
"""Cap for case files and worksheets (text written by a person)."""
MAX_ASSET_BYTES = 64 * 1024 * 1024
"""Cap for any other file in a case folder (images, attachments)."""
_CHUNK = 1 << 20

__all__ = ["MAX_ASSET_BYTES", "MAX_BYTES", "iter_chunks", "kind_of", "read_bytes", "read_text"]


def _special(mode: int) -> tuple[str, str]:
    """What a path that is not a regular file is: its vocabulary key and the English word for it."""
    if stat.S_ISDIR(mode):
        return "file.is_folder", "a folder"
    if stat.S_ISFIFO(mode):
        return "file.is_fifo", "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "file.is_device", "a device"
    if stat.S_ISSOCK(mode):
        return "file.is_special", "a socket"
    return "file.is_special", "not a regular file"


def kind_of(mode: int) -> str:
    """A person's word for a file type that is not a regular file."""
    return _special(mode)[1]


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB" if n >= 1024 * 1024 else f"{n // 1024} KiB"


def _outside(path: Path, root: Path) -> bool:
    try:
        real = path.resolve(strict=True)
        return not real.is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a broken link or a loop: not inside anything
        return True


def _unreadable(exc: OSError, name: str) -> CaseFileError:
    """The error for a file that could not be looked at or opened."""
    if isinstance(exc, FileNotFoundError):
        return CaseFileError("no such file", path=name, words=("file.missing", {}))
    if isinstance(exc, PermissionError):
        return CaseFileError("permission denied: the file cannot be read", path=name, words=("file.permission", {}))
    return CaseFileError(f"cannot read the file: {exc.strerror or exc}", path=name,
                         words=("file.cannot_read", {"error": exc.strerror or exc}))


def _refuse_unless_regular(st: os.stat_result, name: str, limit: int) -> None:
    """Raise unless ``st`` is a regular file of at most ``limit`` bytes."""
    if not stat.S_ISREG(st.st_mode):
        key, word = _special(st.st_mode)
        raise CaseFileError(f"is {word}, not a file; only regular files are read", path=name, words=(key, {}))
    if st.st_size > limit:
        raise CaseFileError(f"the file is too large ({_size(st.st_size)}; the limit is {_size(limit)})", path=name,
                            words=("file.too_large", {"size": _size(st.st_size), "limit": _size(limit)}))


def _open(path: Path, *, limit: int, root: Path | None) -> tuple[int, int]:
    """Open ``path`` for reading after every check; return the fd and its size."""
    name = str(path)
    if root is not None and path.is_symlink() and _outside(path, root):
        raise CaseFileError("a link to a file outside the case folder; copy the file into the folder instead",
                            path=name, words=("file.link_outside", {}))
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _unreadable(exc, name) from None
    _refuse_unless_regular(st, name, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _unreadable(exc, name) from None
    try:
        st = os.fstat(fd)  # what was opened, not what the name pointed at a moment ago
        _refuse_unless_regular(st, name, limit)
    except BaseException:
        os.close(fd)
        raise
    return fd, st.st_size


def iter_chunks(path: Path, *, limit: int = MAX_ASSET_BYTES, root: Path | None = None) -> Iterator[bytes]:
    """The bytes of a regular file in chunks, refusing what ``read_bytes`` refuses (for hashing)."""
    fd, _ = _open(path, limit=limit, root=root)
    total = 0
    try:
        while True:
            try:
                chunk = os.read(fd, _CHUNK)
            except OSError as exc:
                raise CaseFileError(f"cannot read the file: {exc.strerror or exc}", path=str(path),
                                    words=("file.cannot_read", {"error": exc.strerror or exc})) from None
            if not chunk:
                return
            total += len(chunk)
            if total > limit:
                raise CaseFileError(f"the file is too large (more than {_size(limit)})",
                                    path=str(path), words=("file.too_large_grew", {"limit": _size(limit)}))
            yield chunk
    finally:
        os.close(fd)


def read_bytes(path: Path, *, limit: int = MAX_BYTES, root: Path | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raise ``CaseFileError`` otherwise.

    Args:
        path: The file.
        limit: The size cap, checked before reading.
        root: The case folder; a link from it to a file outside it is refused.
    """
    return b"".join(iter_chunks(path, limit=limit, root=root))


def read_text(path: Path, *, limit: int = MAX_BYTES, root: Path | None = None) -> str:
    """A regular text file as UTF-8 (a byte-order mark is dropped); binary or other encodings refused."""
    return decode(read_bytes(path, limit=limit, root=root), str(path))


def _cyrillic_legacy(raw: bytes) -> bool:
    """Whether bytes that are not UTF-8 read as Russian or Kazakh text in Windows-1251."""
    high = [ch for ch in raw[:16384].decode("cp1251", errors="replace") if ord(ch) > 127]
    return bool(high) and sum("\u0400" <= ch <= "\u04ff" for ch in high) >= 0.8 * len(high)


def decode(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8 text with a clear message for binary data, UTF-16 and legacy encodings."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CaseFileError("the file is UTF-16 text; save it as UTF-8", path=name, words=("file.utf16", {}))
    if b"\x00" in raw[:8192]:
        raise CaseFileError("this is a binary file, not YAML text", path=name, words=("file.binary", {}))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = " (it looks like a Cyrillic legacy encoding such as Windows-1251)" if _cyrillic_legacy(raw) else ""
        raise CaseFileError(f"the file is not UTF-8 text{hint}; save it as UTF-8", path=name, line=line,
                             words=("file.cp1251" if hint else "file.not_utf8", {})) from None
