"""The writer: a process of its own that keeps a second copy of an open case file and writes it to disk.

Dumping the round-trip tree (ruamel.yaml, pure Python) is the slow part of a
save: about 1.5 s of CPU on a case of 500 actors. Done in a thread of the
editor, it held the interpreter lock for that long, and a keystroke typed
during an autosave waited for it. The writer does it on the other core.

It starts from the very text the document was opened from and parses it
itself, so its tree is the document's tree; from then on every change the
document makes (``set``, ``append``, ``remove``, ``move``, ``rename``: the
operations the recovery journal records) is sent to it, pickled at the moment
it is made, and replayed there through the same ``CaseDocument`` code. A save
asks it to dump its tree and write the file atomically (backup, fsync,
rename); it answers with the text it wrote and the document generation that
text holds, so a change made while it was writing stays pending.

The document remains the authority: the checks, the digest of what is on
disk, the conflict with an outside change and the recovery journal all stay
in the editor's process. If the writer fails to start, dies, takes too long
or says its copy went wrong, the document drops it and dumps in its own
process again, as before (``CaseDocument.save``).
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

_HEADER = struct.Struct("!I")
REPLY_TIMEOUT = 120.0
"""Seconds a save waits for the writer's answer (it may still be parsing a big file) before giving up on it."""


class WriterGone(Exception):
    """The writer cannot be used any more: the document writes in its own process."""


def send(stream: IO[bytes], message: bytes) -> None:
    stream.write(_HEADER.pack(len(message)) + message)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(head)
    body = stream.read(size)
    if len(body) < size:
        raise EOFError
    return pickle.loads(body)


class Writer:
    """The editor's side: the process, the queue of changes for it, and saves that wait for its answer."""

    def __init__(self, path: Path, text: str) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH"))
                                                           if p)}
        self._proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "keykis.writer_process"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env=env, start_new_session=True)
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._stdin: IO[bytes] = self._proc.stdin
        self._stdout: IO[bytes] = self._proc.stdout
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.broken = False
        """Set once the writer failed; the document then writes itself."""
        self._queue.put(pickle.dumps(("open", str(path), text)))
        self._feeder = threading.Thread(target=self._feed, name="keykis-writer-feed", daemon=True)
        self._feeder.start()

    def _feed(self) -> None:
        """Hand the queued messages to the process in order, off the screen's thread."""
        while True:
            message = self._queue.get()
            if message is None:
                break
            try:
                send(self._stdin, message)
            except (OSError, ValueError):
                self.broken = True
                break
        try:
            self._stdin.close()
        except OSError:
            pass

    def change(self, generation: int, op: dict[str, Any]) -> None:
        """One change of the document (``generation`` is its count after it), pickled now and sent in order."""
        if self.broken:
            return
        try:
            self._queue.put(pickle.dumps(("op", generation, op)))
        except (pickle.PicklingError, TypeError, AttributeError):
            self.broken = True

    def save(self, backup: bool) -> tuple[int, str]:
        """Write the file; return (the generation written, the text). Raises ``OSError`` as a write would,
        ``WriterGone`` when the writer cannot do it (the caller then writes itself)."""
        if self.broken:
            raise WriterGone
        self._queue.put(pickle.dumps(("save", backup)))
        try:
            ready, _, _ = select.select([self._stdout], [], [], REPLY_TIMEOUT)
            if not ready:
                raise WriterGone
            answer = receive(self._stdout)
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            self.broken = True
            raise WriterGone from None
        if answer[0] == "saved":
            return int(answer[1]), str(answer[2])
        if answer[0] == "oserror":
            raise OSError(answer[1], answer[2], answer[3])
        self.broken = True
        raise WriterGone

    def close(self) -> None:
        """Let the process end (it ends by itself when its input closes) and reap it."""
        self.broken = True
        self._queue.put(None)
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        finally:
            self._stdout.close()
