"""``keykis site [CASES_DIR] -o OUTDIR``: a static website of the cases, searchable offline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from keykis.errors import UserError
from keykis.vocabulary import LANGS, say


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis site`` (their help texts: vocabulary ``cli.site.<dest>``)."""
    p.add_argument("cases", nargs="*", type=Path, metavar="CASES_DIR")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUTDIR")
    p.add_argument("--pdfs", type=Path, default=None, metavar="BUILT")
    p.add_argument("--with-guidelines", type=Path, default=None, metavar="DIR", dest="guidelines")
    p.add_argument("--lang", choices=LANGS, default="ru")
    p.add_argument("--force", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Build the site; exit 1 if a case could not go into it."""
    from keykis.cli import default_lang

    messages = default_lang()
    paths = args.cases or [Path("cases")]
    return write_site(paths, args.output, pdfs=args.pdfs, guidelines=args.guidelines, lang=args.lang,
                      force=args.force, messages=messages)


def write_site(paths: list[Path], output: Path, *, pdfs: Path | None, guidelines: Path | None, lang: str,
               force: bool, messages: str) -> int:
    """Build the site and print what happened (shared with ``keykis build --site``)."""
    from keykis.model import find_cases
    from keykis.web.site import SiteOptions, build_site

    for p in paths:
        if not p.exists():
            raise UserError("no such file or folder", words=("file.missing_path", {}), path=str(p))
    if not find_cases(paths):
        raise UserError("no case.yaml found here", words=("file.no_cases", {}), path=", ".join(map(str, paths)))
    if guidelines is not None and _inside(guidelines, output):
        raise UserError("the teacher guidelines must go to a folder outside the site", path=str(guidelines),
                        words=("web.guidelines_inside", {}))
    try:
        report = build_site(paths, SiteOptions(output, lang=lang, pdfs=pdfs, guidelines=guidelines, force=force,
                                               messages=messages))
    except OSError as exc:
        raise UserError(f"could not write the output: {exc.strerror or exc}", path=str(exc.filename or output),
                        words=("file.cannot_write", {"error": exc.strerror or exc})) from exc
    for slug, reason in report.failed:
        print(f"keykis: {say('web.site_failed', messages, slug=slug, reason=reason)}", file=sys.stderr)
    print(say("web.site_done", messages, path=output, built=len(report.built), unchanged=len(report.unchanged),
              files=report.written, seconds=f"{report.seconds:.2f}"))
    return 0 if report.ok else 1


def _inside(inner: Path, outer: Path) -> bool:
    a, b = inner.resolve(), outer.resolve()
    return a == b or b in a.parents or a in b.parents
