"""``keykis new SLUG``: write a case skeleton to fill in."""

from __future__ import annotations

import argparse
from pathlib import Path

from keykis.cli import default_lang
from keykis.skeleton import check_slug, new_case
from keykis.vocabulary import LANGS


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis new`` (their help texts: vocabulary ``cli.new.<dest>``)."""
    p.add_argument("slug")
    p.add_argument("--dir", type=Path, default=Path("cases"))
    p.add_argument("--lang", choices=LANGS, default=None)


def run(args: argparse.Namespace) -> int:
    """Write the skeleton and say where it is."""
    target = new_case(args.dir / check_slug(args.slug), lang=args.lang or default_lang())
    print(target)
    return 0
