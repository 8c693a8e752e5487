"""``keykis new SLUG``: write a case skeleton to fill in."""

from __future__ import annotations

import argparse
from pathlib import Path

from keykis.cli import default_lang
from keykis.skeleton import check_slug, new_case
from keykis.vocabulary import LANGS


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis new``."""
    p.add_argument("slug", help="the case id, also its folder name (e.g. almaty-sister-cities)")
    p.add_argument("--dir", type=Path, default=Path("cases"), help="the collection folder (default: cases)")
    p.add_argument("--lang", choices=LANGS, default=None, help="language of the case body")


def run(args: argparse.Namespace) -> int:
    """Write the skeleton and say where it is."""
    target = new_case(args.dir / check_slug(args.slug), lang=args.lang or default_lang())
    print(target)
    return 0
