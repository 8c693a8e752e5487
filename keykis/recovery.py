"""The recovery file: every unsaved change, written down the moment it is made.

An open document saves itself a little after typing stops; a crash, a
``kill -9`` or a closed terminal inside that pause would lose what was typed.
So each change is also appended, as one line of JSON, to a recovery file
beside the document (``case.yaml.recovery``) as soon as it is made. The file
starts with the fingerprint of the text the changes apply to; after each save
it is rewritten with only the changes the save did not include, and it is
removed when nothing is pending. When the document is opened again and the
file is still there, its changes can be replayed on top of the saved text.

Each open editor has a recovery file of its own, locked (``flock``) while it
lives: the first takes ``case.yaml.recovery``, a second editor of the same
file ``case.yaml.recovery.2`` and so on. No editor ever writes over, rewrites
or removes a recovery file another one holds, nor one left by an editor that
died: that one is offered when the document is opened next, and the editor
that opens it takes it over (it replays or discards it, then it is its own).

A change is a small instruction on a path of the document (set a value,
append an item, remove, move, rename an id), so this module serves any
document with those operations: the case editor and the study mode alike.
Nothing here imports the interface.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections.abc import Callable
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
MAX_EDITORS = 100
"""Recovery files one document may have at once (editors open on it, and ones left by crashes)."""

Op = dict[str, Any]


def recovery_file(document: Path, n: int = 1) -> Path:
    """Where the ``n``-th editor open on ``document`` journals its unsaved changes (the first: ``case.yaml.recovery``)."""
    return document.with_name(document.name + SUFFIX + ("" if n == 1 else f".{n}"))


def recovery_files(document: Path) -> list[Path]:
    """Every recovery file of ``document`` there is, in the order editors take them."""
    found = []
    for n in range(1, MAX_EDITORS + 1):
        file = recovery_file(document, n)
        if os.path.lexists(file):
            found.append(file)
    return found


def _held(file: Path) -> bool:
    """Whether a living editor holds ``file`` (its lock); a file that cannot be opened counts as held."""
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


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
    settle: Callable[[], None] | None = None
    """Called once the changes are replayed: they are in the new editor's journal, so this file may go."""

    def replay(self, document: Replayable) -> int:
        """Apply the changes to ``document``; return how many applied cleanly."""
        done = 0
        for op in self.ops:
            try:
                document.apply(op)
            except (KeyError, IndexError, TypeError, ValueError):
                continue  # the text changed since; the rest still applies
            done += 1
        if self.settle is not None:
            self.settle()
        return done


def read_recovery(document: Path) -> Recovery | None:
    """The unsaved changes an editor that died left beside ``document``, or None when there are none.

    Files held by a living editor are never read. Of several left, the newest is returned (the others
    are offered at the next opening). A torn last line (the program died while writing it) is
    ignored; an unreadable or empty file counts as none.
    """
    found = [r for r in (read_journal(file) for file in recovery_files(document) if not _held(file)) if r is not None]
    return max(found, key=lambda r: r.written or datetime.min) if found else None


def read_journal(file: Path) -> Recovery | None:
    """The changes in one recovery file, whoever holds it (see ``read_recovery`` for what an editor offers)."""
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
    except (ValueError, RecursionError):
        return None
    if not isinstance(head, dict) or not isinstance(head.get("base"), str):
        return None
    ops: list[Op] = []
    for line in lines[1:]:
        if _too_deep(line):
            continue  # never in a change the editor made: a hostile or damaged line
        try:
            op = json.loads(line)
        except (ValueError, RecursionError):
            break  # torn by a crash mid-write: everything before it is good
        if isinstance(op, dict) and isinstance(op.get("op"), str):
            ops.append(op)
    if not ops:
        return None
    return Recovery(file, head["base"], ops, datetime.fromtimestamp(st.st_mtime))


def _too_deep(line: str) -> bool:
    """Whether a journal line nests deeper than a document may (the op's mapping and path list around it)."""
    from keykis.yamlsafe import MAX_DEPTH, json_too_deep

    return json_too_deep(line, MAX_DEPTH + 4)


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

    def __init__(self, document: Path, base: str, *, inherit: Path | None = None) -> None:
        """Journal ``document`` from ``base``; ``inherit`` is a recovery file a dead editor left, offered to the
        author: it is held (no other editor is offered it) until ``settle`` removes it or ``close`` lets it go."""
        self.document = document
        self.file = recovery_file(document)
        self.base = base
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._claim: int | None = None
        """A locked descriptor on ``file`` while it is rewritten or removed."""
        self._inherited = inherit
        self._inherited_fd = _claim(inherit) if inherit is not None else None
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
            self._hold()
            if not self._pending:
                self._drop()
                return
            try:
                self._open()
            except OSError:
                self._fd = None

    def close(self, *, keep: bool = False) -> None:
        """Stop journalling; remove the file unless ``keep`` (changes not saved on purpose)."""
        with self._lock:
            self._closed = True
            if not keep or not self._pending:
                self._drop()
            self._close_fd()
            self._release_claim()
            self._let_go_of_inherited()  # not decided: offered again at the next opening
        self._sync.set()

    def discard(self) -> None:
        """Forget the pending changes (the author chose to drop them), and those of a dead editor offered."""
        with self._lock:
            self._pending = []
            self._hold()
            self._drop()
        self.settle()

    def settle(self) -> None:
        """The author decided about the inherited changes (replayed into this journal, or dropped): remove them."""
        with self._lock:
            if self._inherited is not None and self._inherited_fd is not None:
                _unlink(self._inherited)
            self._let_go_of_inherited()

    def _let_go_of_inherited(self) -> None:
        if self._inherited_fd is not None:
            try:
                os.close(self._inherited_fd)
            except OSError:
                pass
        self._inherited, self._inherited_fd = None, None

    # -- inside ---------------------------------------------------------------
    def _open(self) -> None:
        """Start the file afresh (header, then the pending changes) and keep it open and locked.

        Not ``keykis.atomic``: the journal must stay open for appending after the
        rename, so it is written and renamed here on its own descriptor (never
        through a link, readable by the author only). The new file is locked before
        it takes the name, so no other editor ever sees it unheld.
        """
        if self._claim is None:
            self._claim = self._take_a_name()
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        tmp = self.file.with_name(f".{self.file.name}.tmp")
        fd = os.open(tmp, flags, 0o600)
        head = json.dumps({"base": self.base, "at": datetime.now().isoformat(timespec="seconds")}) + "\n"
        body = "".join(json.dumps(op, ensure_ascii=False, default=str) + "\n" for _, op in self._pending)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.write(fd, (head + body).encode("utf-8"))
            os.replace(tmp, self.file)
        except OSError:
            os.close(fd)
            _unlink(tmp)
            raise
        self._fd = fd
        self._release_claim()

    def _take_a_name(self) -> int:
        """Create and lock a recovery file no one else has: ours if we hold it, else the first free name."""
        names = [self.file] + [recovery_file(self.document, n) for n in range(1, MAX_EDITORS + 1)]
        names = [n for n in names if n != self._inherited]
        for file in dict.fromkeys(names):
            try:
                fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            except FileExistsError:
                continue  # another editor's, or one a crash left to be offered: never ours to write over
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue
            self.file = file
            return fd
        raise OSError(f"more than {MAX_EDITORS} recovery files beside {self.document}")

    def _release_claim(self) -> None:
        if self._claim is not None:
            try:
                os.close(self._claim)
            except OSError:
                pass
            self._claim = None

    def _hold(self) -> None:
        """Stop appending but keep the file locked (it is rewritten or removed next)."""
        if self._fd is not None:
            if self._claim is None:
                self._claim = self._fd
            else:
                self._close_fd()
            self._fd = None

    def _drop(self) -> None:
        """Remove the recovery file, only while this editor holds it (never another's)."""
        if self._fd is not None or self._claim is not None:
            _unlink(self.file)
        self._release_claim()

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


def _claim(file: Path) -> int | None:
    """A locked descriptor on a recovery file left by a dead editor, or None when someone holds it."""
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _unlink(file: Path) -> None:
    try:
        file.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass
