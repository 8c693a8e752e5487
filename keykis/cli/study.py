"""``keykis study CASE [--worksheet FILE]``: work through a case as a student."""

from __future__ import annotations

import argparse
from pathlib import Path

from keykis.cli import default_lang
from keykis.errors import UserError
from keykis.model import case_file
from keykis.vocabulary import LANGS


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis study`` (their help texts: vocabulary ``cli.study.<dest>``)."""
    p.add_argument("case", type=Path, metavar="CASE")
    p.add_argument("-w", "--worksheet", type=Path, default=None)
    p.add_argument("--student", default="")
    p.add_argument("--group", default="")
    p.add_argument("--lang", choices=LANGS, default=None)


def run(args: argparse.Namespace) -> int:
    """Open the study screen; the worksheet is saved on quit."""
    if not args.case.exists():
        raise UserError("no such case file or folder", words=("file.missing_case", {}), path=str(args.case))
    worksheet = args.worksheet or Path(f"{case_file(args.case).parent.resolve().name}.worksheet.yaml")
    if worksheet.is_dir():
        raise UserError("the worksheet must be a file, not a folder", words=("file.worksheet_is_folder", {}), path=str(worksheet))
    from keykis.tui.study import make_study_app

    app = make_study_app(args.case, worksheet, lang=args.lang or default_lang(), student=args.student,
                         group=args.group)
    app.run()
    return app.return_code or 0  # a crash inside the screen exits non-zero (Textual sets 1)
