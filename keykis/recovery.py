"""The recovery file: every unsaved change, written down the moment it is made.

An open document saves itself a little after typing stops; a crash, a
``kill -9`` or a closed terminal inside that pause would lose what was typed.
So each change is also appended, as one line of JSON, to a recovery file
beside the document (``case.yaml.recovery``) as soon as it is made. The file
starts with the fingerprint of the text the changes apply to; after each save
it is rewritten with only the changes the save did not include, and it is
removed when nothing is pending. When the document is opened again and the
file is still there, its changes can be replayed on top of the saved text.

A change is a small instruction on a path of the document (set a value,
append an item, remove, move, rename an id), so this module serves any
document with those operations: the case editor and the study mode alike.
Nothing here imports the interface.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from keykis import safe_read
from keykis.errors import CaseFileError

SUFFIX = ".recovery"
FSYNC_DELAY = 0.25
"""Seconds after a change before the recovery file is pushed to the disk (a crash of the
program loses nothing even before that; this covers a crash of the machine)."""
MAX_BYTES = 64 * 1024 * 1024
"""A recovery file larger than this is not read back (it is left for the author to look at)."""

Op = dict[str, Any]


def recovery_file(document: Path) -> Path:
    """Where the unsaved changes of ``document`` are journalled."""
    return document.with_name(document.name + SUFFIX)


class Replayable(Protocol):
    """What a document offers so that journalled changes can be replayed on it."""

    def apply(self, op: Op) -> None:
        """Redo one journalled change."""


@dataclass
class Recovery:
    """Unsaved changes found beside a document when it is opened."""

    file: Path
    """The recovery file."""
    base: str
    """Digest of the text the changes were made on."""
    ops: list[Op] = field(default_factory=list)
    """The changes, oldest first."""
    written: datetime | None = None
    """When the last change was written down."""

    def replay(self, document: Replayable) -> int:
        """Apply the changes to ``document``; return how many applied cleanly."""
        done = 0
        for op in self.ops:
            try:
                document.apply(op)
            except (KeyError, IndexError, TypeError, ValueError):
                continue  # the text changed since; the rest still applies
            done += 1
        return done


def read_recovery(document: Path) -> Recovery | None:
    """The unsaved changes journalled beside ``document``, or None when there are none.

    A torn last line (the program died while writing it) is ignored; an
    unreadable or empty file counts as none.
    """
    file = recovery_file(document)
    try:
        st = file.lstat()  # a link is never followed: the file is ours, written beside the document
        if not _regular(st.st_mode):
            return None
        raw = safe_read.read_bytes(file, limit=MAX_BYTES)  # a FIFO swapped in meanwhile cannot block
    except (OSError, CaseFileError):
        return None
    lines = raw.decode("utf-8", errors="replace").splitlines()
    if not lines:
        return None
    try:
        head = json.loads(lines[0])
    except ValueError:
        return None
    if not isinstance(head, dict) or not isinstance(head.get("base"), str):
        return None
    ops: list[Op] = []
    for line in lines[1:]:
        try:
            op = json.loads(line)
        except ValueError:
            break  # torn by a crash mid-write: everything before it is good
        if isinstance(op, dict) and isinstance(op.get("op"), str):
            ops.append(op)
    if not ops:
        return None
    return Recovery(file, head["base"], ops, datetime.fromtimestamp(st.st_mtime))


def _regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


class Journal:
    """The recovery file of one open document.

    ``record`` appends a change at once (one ``write`` call, so a killed
    program leaves whole lines); ``rebase`` starts over after a save with the
    changes the save did not include; ``close`` removes the file when nothing
    is pending. Safe to call from the interface thread and a save worker.
    """

    def __init__(self, document: Path, base: str) -> None:
        self.file = recovery_file(document)
        self.base = base
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._pending: list[tuple[int, Op]] = []
        self._sync = threading.Event()
        self._closed = False
        self._syncer: threading.Thread | None = None

    @property
    def pending(self) -> int:
        """How many changes are journalled and not yet saved."""
        return len(self._pending)

    def record(self, generation: int, op: Op) -> None:
        """Write one change down now; ``generation`` is the document's count after it."""
        line = (json.dumps(op, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        with self._lock:
            self._pending.append((generation, op))
            try:
                if self._fd is None:
                    self._open()  # the header and every pending change, this one included
                else:
                    os.write(self._fd, line)
            except OSError:
                self._fd = None  # a read-only folder: the document still saves normally
                return
        self._wake_syncer()

    def rebase(self, base: str, saved_generation: int) -> None:
        """After a save of ``saved_generation`` whose text has digest ``base``: keep only later changes."""
        with self._lock:
            self.base = base
            self._pending = [(g, op) for g, op in self._pending if g > saved_generation]
            self._close_fd()
            if not self._pending:
                _unlink(self.file)
                return
            try:
                self._open()
            except OSError:
                self._fd = None

    def close(self, *, keep: bool = False) -> None:
        """Stop journalling; remove the file unless ``keep`` (changes not saved on purpose)."""
        with self._lock:
            self._closed = True
            self._close_fd()
            if not keep or not self._pending:
                _unlink(self.file)
        self._sync.set()

    def discard(self) -> None:
        """Forget the pending changes (the author chose to drop them)."""
        with self._lock:
            self._pending = []
            self._close_fd()
            _unlink(self.file)

    # -- inside ---------------------------------------------------------------
    def _open(self) -> None:
        """Start the file afresh (header, then the pending changes) and keep it open.

        Not ``keykis.atomic``: the journal must stay open for appending after the
        rename, so it is written and renamed here on its own descriptor (never
        through a link, readable by the author only).
        """
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        tmp = self.file.with_name(f".{self.file.name}.tmp")
        fd = os.open(tmp, flags, 0o600)
        head = json.dumps({"base": self.base, "at": datetime.now().isoformat(timespec="seconds")}) + "\n"
        body = "".join(json.dumps(op, ensure_ascii=False, default=str) + "\n" for _, op in self._pending)
        try:
            os.write(fd, (head + body).encode("utf-8"))
            os.replace(tmp, self.file)
        except OSError:
            os.close(fd)
            _unlink(tmp)
            raise
        self._fd = fd

    def _close_fd(self) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
            self._fd = None

    def _wake_syncer(self) -> None:
        if self._syncer is None:
            self._syncer = threading.Thread(target=self._sync_loop, name="keykis-journal", daemon=True)
            self._syncer.start()
        self._sync.set()

    def _sync_loop(self) -> None:
        while not self._closed:
            self._sync.wait()
            self._sync.clear()
            if self._closed:
                return
            threading.Event().wait(FSYNC_DELAY)
            with self._lock:
                if self._fd is not None:
                    try:
                        os.fsync(self._fd)
                    except OSError:
                        pass


def _unlink(file: Path) -> None:
    try:
        file.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass
