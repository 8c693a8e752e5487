"""``keykis review CASE WORKSHEETS…``: the class at a glance, as review.pdf and review.json."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from keykis.cli import default_lang
from keykis.errors import UserError
from keykis.model import load_case


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis review``."""
    p.add_argument("case", type=Path, metavar="CASE", help="the case folder or its case.yaml")
    p.add_argument("worksheets", nargs="+", type=Path, metavar="WORKSHEET",
                   help="worksheet files, or folders of them (*.yaml)")
    p.add_argument("-o", "--output", type=Path, default=Path("review"), help="folder for review.pdf and review.json")
    p.add_argument("--lang", choices=("ru", "kk", "en"), default=None, help="language of the review (default: locale)")
    p.add_argument("--include-other-revisions", action="store_true",
                   help="count worksheets made for another revision of the case too")
    p.add_argument("--json-only", action="store_true", help="write review.json only (no PDF)")


def worksheet_files(paths: list[Path]) -> list[Path]:
    """The worksheet files named or found in the given folders, in order, without repeats."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted([*p.glob("*.yaml"), *p.glob("*.yml")])
        elif p.exists():
            found = [p]
        else:
            raise UserError("no such file or folder", path=str(p))
        out.extend(f for f in found if f not in out)
    return out


def run(args: argparse.Namespace) -> int:
    """Build the review; exit 1 when some worksheets were skipped or have errors."""
    from keykis.study.review import review_class

    lang = args.lang or default_lang()
    case = load_case(args.case)
    files = worksheet_files(args.worksheets)
    if not files:
        raise UserError("no worksheet files (*.yaml) found", path=", ".join(map(str, args.worksheets)))
    review = review_class(case, files, lang=lang, include_other_revisions=args.include_other_revisions or None)
    if args.json_only:
        import json

        from keykis.render.engine import write_atomic

        json_path = args.output / "review.json"
        write_atomic(json_path, json.dumps(review.as_dict(), ensure_ascii=False, indent=2) + "\n")
        written = [json_path]
    else:
        from keykis.study.report import write_review

        written = list(write_review(review, args.output, lang=lang))
    for entry in review.skipped:
        print(f"{entry.file}: skipped ({entry.reason}): {entry.message}", file=sys.stderr)
    print(f"{len(files)} worksheet(s): {len(review.counted)} counted, {len(review.skipped)} skipped, "
          f"{len(review.with_errors)} with errors")
    for path in written:
        print(path)
    return 1 if review.skipped or review.with_errors else 0
