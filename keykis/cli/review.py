"""``keykis review CASE WORKSHEETS…``: the class at a glance, as review.pdf and review.json.

Options add what an instructor grades from: ``--csv`` (a gradebook file
Moodle imports), ``--feedback DIR`` (one PDF per student), ``--group`` (one
study group only) and ``--anonymise`` (no names, for the projector).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from keykis.cli import default_lang
from keykis.errors import UserError
from keykis.gate import require_case
from keykis.model import load_case
from keykis.terminal import clean_line
from keykis.vocabulary import LANGS


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis review`` (their help texts: vocabulary ``cli.review.<dest>``)."""
    p.add_argument("case", type=Path, metavar="CASE")
    p.add_argument("worksheets", nargs="+", type=Path, metavar="WORKSHEET")
    p.add_argument("-o", "--output", type=Path, default=Path("review"))
    p.add_argument("--lang", choices=LANGS, default=None)
    p.add_argument("--include-other-revisions", action="store_true")
    p.add_argument("--json-only", action="store_true")
    p.add_argument("--csv", type=Path, default=None, metavar="FILE")
    p.add_argument("--feedback", type=Path, default=None, metavar="DIR")
    p.add_argument("--group", default=None)
    p.add_argument("--anonymise", "--anonymize", action="store_true", dest="anonymise")


def worksheet_files(paths: list[Path], lang: str = "en") -> list[Path]:
    """The files named or found in the given folders (``*.yaml``, ``*.yml``), in order, without repeats.

    Every one is given to the review, a YAML file that is not a worksheet (a
    case, notes) included: the review lists it with its reason, so that the
    outputs account for every file received.
    """
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted([*p.glob("*.yaml"), *p.glob("*.yml")])
        elif p.exists():
            found = [p]
        else:
            raise UserError("no such file or folder", words=("file.missing_path", {}), path=str(p))
        out.extend(f for f in found if f not in out)
    return out


def run(args: argparse.Namespace) -> int:
    """Build the review; exit 1 when some worksheets were skipped or have errors."""
    from keykis.study.report import labels, write_csv, write_feedback, write_review
    from keykis.study.review import review_class

    if args.anonymise and (args.csv or args.feedback):
        raise UserError("--anonymise is for the projector: it cannot be combined with --csv or --feedback, "
                        "which name every student", words=("file.anonymise_alone", {}))
    lang = args.lang or default_lang()
    case = require_case(load_case(args.case))
    files = worksheet_files(args.worksheets, lang)
    if not files:
        raise UserError("no worksheet files (*.yaml) found",
                        words=("file.no_worksheets", {}), path=", ".join(map(str, args.worksheets)))
    review = review_class(case, files, lang=lang, include_other_revisions=args.include_other_revisions or None,
                          group=args.group)
    if args.group is not None and not review.counted and not review.skipped:
        raise UserError(f"no worksheet of the group '{args.group}' among {len(files)} file(s)",
                        words=("file.no_group", {"group": args.group, "count": len(files)}))
    written = write_review(review, args.output, lang=lang, anonymous=args.anonymise, json_only=args.json_only)
    if args.csv:
        written.append(write_csv(review, args.csv, lang=lang))
    if args.feedback:
        written += write_feedback(review, args.feedback, lang=lang)
    words = labels(lang)
    for entry in review.skipped:
        print(clean_line(words["cli_skipped"].format(file=entry.file, reason=words[entry.reason or "broken"],
                                                     message=entry.message)), file=sys.stderr)
    for pair in review.similar:
        print(clean_line(words["cli_similar"].format(a=pair["a"], b=pair["b"], n=pair["similarity"])), file=sys.stderr)
    print(words["cli_summary"].format(total=len(review.counted) + len(review.skipped), counted=len(review.counted),
                                      skipped=len(review.skipped), errors=len(review.with_errors),
                                      clean=len(review.clean)))
    print(words["cli_received"].format(received=review.received, other=len(review.other_groups)))
    for path in written:
        print(path)
    return 1 if review.skipped or review.with_errors else 0
