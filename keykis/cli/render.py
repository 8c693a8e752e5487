"""``keykis render CASE -o OUTDIR``: the documents of a case, its concept graph, as PDF.

The file's kind decides what is rendered (``keykis.render.render_document``):
a case gives the student handout (handout.pdf), the research edition
(case.pdf), the teacher guidelines (guidelines.pdf) and its graph (graph.svg,
graph.pdf), each listed with its name in the user's language; other kinds
(a student's worksheet) plug in there. ``--case`` names a worksheet's case,
as for ``check`` and ``review`` (by default it is found beside the worksheet).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from keykis.cli import default_lang
from keykis.errors import UserError
from keykis.terminal import clean_line
from keykis.vocabulary import LANGS, label, say


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis render`` (their help texts: vocabulary ``cli.render.<dest>``)."""
    p.add_argument("path", type=Path, metavar="CASE")
    p.add_argument("--case", type=Path, default=None, metavar="CASE")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUTDIR")
    p.add_argument("--edition", choices=("handout", "research", "teacher", "all", "student"), default="all")
    p.add_argument("--html", action="store_true")
    p.add_argument("--archival", action="store_true")
    p.add_argument("--lang", choices=LANGS, default=None)
    p.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS")


class _TooLong(BaseException):  # not an Exception: no broad handler in the layout swallows it
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop the render after ``seconds`` (the build's per-case timeout, for one case on the command line)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    fired: list[int] = []

    def stop(signum: int, frame: object) -> None:
        fired.append(signum)
        raise _TooLong

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
        if fired:  # the layout caught the stop where it loads an image and went on: the result is not whole
            raise _TooLong
    except _TooLong:
        raise UserError(f"rendering took longer than {seconds:g} s and was stopped; nothing was written "
                        "(shorten the longest text or raise --timeout)",
                        words=("file.render_timeout", {"seconds": f"{seconds:g}"})) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run(args: argparse.Namespace) -> int:
    """Render and list the files written; exit 2 if rendering could not run."""
    from keykis.documents import kind_of_file
    from keykis.errors import KeykisError
    from keykis.model import CASE_FILE, case_file
    from keykis.outputs import publish, refuse_overlap, staging
    from keykis.render import render_document
    from keykis.study.render import render as render_worksheet
    from keykis.study.worksheet import WORKSHEET_KEY

    for given in (args.path, args.case):
        if given is not None and not given.exists():
            raise UserError("no such file or folder", words=("file.missing_path", {}), path=str(given))
    file = case_file(args.path)
    worksheet = partial(render_worksheet, case_path=case_file(args.case)) if args.case else render_worksheet
    if args.case is not None and kind_of_file(file) != WORKSHEET_KEY:
        raise UserError("--case names a worksheet's case; this is a case itself, leave --case out", path=str(file),
                        words=("file.case_option_for_worksheet", {}))
    refuse_overlap(args.output, [args.path, file, *([file.parent] if file.name == CASE_FILE else [])])
    if args.output.exists() and not args.output.is_dir():
        raise UserError("the output must be a folder, and this is a file", path=str(args.output),
                        words=("file.output_is_file", {}))
    if args.timeout <= 0:
        raise UserError("--timeout needs a positive number of seconds", words=("file.timeout_positive", {}))
    try:
        with staging(args.output) as staged:
            with _time_limit(args.timeout):  # checked before anything is published
                result = render_document(args.path, staged, renderers={WORKSHEET_KEY: worksheet}, editions=(args.edition,),
                                         html=args.html, archival=args.archival, lang=args.lang)
            made = [args.output / p.relative_to(staged) for p in result.outputs]
            publish(staged, args.output)
        result.outputs = made
    except UserError:
        raise
    except KeykisError as exc:
        raise UserError(str(exc), path=str(args.path)) from exc
    except OSError as exc:
        raise UserError(f"could not write the output: {exc.strerror or exc}", path=str(args.output),
                        words=("file.cannot_write", {"error": exc.strerror or exc})) from exc
    from keykis.render import FILES

    lang = args.lang or default_lang()
    names = {file: label("edition", edition, lang) for edition, file in FILES.items()}
    for out in result.outputs:
        pages = result.pages.get(out.name)
        what = f"  — {names[out.name]}" if out.name in names and out.parent == args.output else ""
        print(f"{out}" + (f"  ({pages} p.)" if pages else "") + what)
    from keykis.check import printed_size_notes

    for line in printed_size_notes(args.path, getattr(result, "sizes", None) or {}, args.lang):
        print(f"keykis: {line}", file=sys.stderr)
    for url in dict.fromkeys(result.refused):
        print(f"keykis: {say('cli.refused_fetch', args.lang or default_lang(), url=clean_line(url))}", file=sys.stderr)
    return 0

