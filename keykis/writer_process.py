"""The writer's own process (``keykis.writer``): open the text, replay the document's changes, write on request."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import IO, Any

from keykis.casefile import CaseDocument, atomic_write, parse_tree
from keykis.writer import receive, send


def serve(inp: IO[bytes], out: IO[bytes]) -> None:
    """The writer's side: open the text, replay changes, write on request, until the input closes."""
    doc: CaseDocument | None = None
    generation, wrong = 0, ""
    while True:
        try:
            message = receive(inp)
        except EOFError:
            return
        kind = message[0]
        if kind == "open":
            path = Path(message[1])
            try:
                doc = CaseDocument(path, message[2], parse_tree(path, message[2]))
            except Exception as exc:  # noqa: BLE001 - any failure is told to the editor, which writes itself
                wrong = repr(exc)
        elif kind == "op":
            if doc is not None and not wrong:
                try:
                    doc.apply(message[2])
                    generation = int(message[1])
                except Exception as exc:  # noqa: BLE001 - as above
                    wrong = repr(exc)
        elif kind == "save":
            if doc is None or wrong:
                answer: tuple[Any, ...] = ("wrong", wrong or "not open")
            else:
                text = doc.dump()
                try:
                    atomic_write(doc.path, text, backup=bool(message[1]))
                    answer = ("saved", generation, text)
                except OSError as exc:
                    answer = ("oserror", exc.errno, exc.strerror, exc.filename)
            send(out, pickle.dumps(answer))


def main() -> None:
    """``python -m keykis.writer_process``: serve on stdin and stdout (anything printed goes to stderr)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C belongs to the editor; the writer ends with its input
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    main()
