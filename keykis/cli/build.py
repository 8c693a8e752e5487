"""``keykis build [CASES_DIR] -o OUTDIR``: a case database to PDFs, a catalogue and a search index."""

from __future__ import annotations

import argparse
import importlib
import os
from pathlib import Path

from keykis.cli import default_lang
from keykis.errors import UserError
from keykis.vocabulary import LANGS

SITE = "site"
"""The folder of OUTDIR that ``--site`` writes the static site to."""


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis build`` (their help texts: vocabulary ``cli.build.<dest>``)."""
    p.add_argument("cases", nargs="*", type=Path, metavar="CASES_DIR")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUTDIR")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N")
    p.add_argument("--force", action="store_true")
    p.add_argument("--fail-fast", action="store_true")
    p.add_argument("--edition", action="append", choices=("handout", "research", "teacher", "student"),
                   dest="editions")
    p.add_argument("--executor", default="local", metavar="SPEC")
    p.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS")
    p.add_argument("--recycle-after", type=int, default=50, metavar="N")
    p.add_argument("--lang", choices=LANGS, default="ru")
    p.add_argument("--renderer", default=None, help=argparse.SUPPRESS)  # module:function, for other render engines
    p.add_argument("-q", "--quiet", action="store_true")
    p.add_argument("--site", action="store_true")


def _editions(given: list[str] | None) -> tuple[str, ...]:
    """The editions asked for (``student`` is the handout), every one when none is named."""
    from keykis.render import ALIASES, EDITIONS

    return tuple(dict.fromkeys(ALIASES.get(e, e) for e in given)) if given else EDITIONS


def _name_the_files(editions: tuple[str, ...]) -> None:
    """Say, in the user's language, which file of a case's folder is which document."""
    from keykis.render import FILES
    from keykis.vocabulary import label

    lang = default_lang()
    print("; ".join(f"{FILES[e]} — {label('edition', e, lang)}" for e in editions if e in FILES))


def run(args: argparse.Namespace) -> int:
    """Build the database; exit 1 if any case (or the catalogue) failed."""
    from keykis.cli.build_progress import make_progress, print_summary
    from keykis.library import BuildOptions, build_database

    paths = args.cases or [Path("cases")]
    for p in paths:
        if not p.exists():
            raise UserError("no such file or folder", words=("file.missing_path", {}), path=str(p))
    if args.jobs is not None and args.jobs < 1:
        raise UserError("-j needs a number of workers of at least 1", words=("file.jobs_at_least_one", {}))
    if args.timeout <= 0:
        raise UserError("--timeout needs a positive number of seconds", words=("file.timeout_positive", {}))
    opts = BuildOptions(
        outdir=args.output, workers=args.jobs or os.cpu_count(), force=args.force, fail_fast=args.fail_fast,
        editions=_editions(args.editions), executor=args.executor,
        timeout=args.timeout, recycle_after=args.recycle_after, lang=args.lang, messages=default_lang(),
    )
    if args.renderer:  # a stand-in for tests and benchmarks, named on the command line of a new process
        module, _, name = args.renderer.partition(":")
        opts.renderer = getattr(importlib.import_module(module), name)
    report = build_database(paths, opts, make_progress(quiet=args.quiet, lang=opts.messages))
    print_summary(report, lang=opts.messages)
    _name_the_files(opts.editions)
    if args.site:  # the static site beside the PDFs, linking each case's public ones
        from keykis.cli.site import write_site

        site = write_site(paths, args.output / SITE, pdfs=args.output, guidelines=None, lang=args.lang, force=args.force,
                          messages=default_lang())
        return 0 if report.ok and site == 0 else 1
    return 0 if report.ok else 1
