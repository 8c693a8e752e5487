"""``keykis edit [CASE]``: the guided terminal editor (``keykis`` alone opens its start screen)."""

from __future__ import annotations

import argparse
from pathlib import Path

from keykis.cli import default_lang
from keykis.errors import UserError
from keykis.vocabulary import LANGS


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis edit`` (their help texts: vocabulary ``cli.edit.<dest>``)."""
    p.add_argument("case", nargs="?", type=Path, metavar="CASE")
    p.add_argument("--lang", choices=LANGS, default=None)
    p.add_argument("--cases", type=Path, default=Path("cases"))


def run(args: argparse.Namespace) -> int:
    """Run the editor until the author quits."""
    if args.case is not None and not args.case.exists():
        parent = args.case.parent if args.case.suffix else args.case
        raise UserError("no such case; create it with `keykis new` or from the start screen",
                        words=("file.no_such_case", {}), path=str(parent))
    from keykis.tui.app import make_app

    app = make_app(args.case, lang=args.lang or default_lang(), cases_dir=args.cases)
    farewell = app.run()
    if farewell:
        print(farewell)
    return app.return_code or 0  # a crash inside the editor exits non-zero (Textual sets 1)
