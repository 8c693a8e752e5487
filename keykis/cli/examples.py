"""``keykis examples DIR``: copy the bundled example cases into DIR.

A pip install has no ``cases/`` folder beside it; the guides' examples
(``cases/ozerny-service-centre``...) come from here. Existing cases in DIR are
left alone unless ``--force`` is given.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from keykis.cli import default_lang
from keykis.errors import UserError
from keykis.model import CASE_FILE
from keykis.paths import cases_dir
from keykis.vocabulary import say


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis examples`` (their help texts: vocabulary ``cli.examples.<dest>``)."""
    p.add_argument("dir", type=Path, nargs="?", default=Path("cases"), metavar="DIR")
    p.add_argument("--force", action="store_true")


def bundled() -> list[Path]:
    """The folders of the bundled example cases."""
    return sorted(p.parent for p in cases_dir().glob(f"*/{CASE_FILE}"))


def run(args: argparse.Namespace) -> int:
    """Copy each bundled case folder into ``args.dir``; print what was written."""
    target: Path = args.dir
    if target.exists() and not target.is_dir():
        raise UserError("not a folder", path=str(target), words=("file.not_a_folder", {}))
    copied = 0
    for source in bundled():
        dest = target / source.name
        if dest.exists() and not args.force:
            print(say("cli.examples_there", default_lang(), path=dest))
            continue
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(source, dest, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        print(dest)
        copied += 1
    config = cases_dir() / "keykis.yaml"
    if config.is_file() and not (target / config.name).exists():
        shutil.copy2(config, target / config.name)
    return 0 if copied or not args.force else 1
