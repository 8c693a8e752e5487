"""``keykis review CASE WORKSHEETS…``: the class at a glance, as review.pdf and review.json.

Options add what an instructor grades from: ``--csv`` (a gradebook file
Moodle imports), ``--feedback DIR`` (one PDF per student), ``--group`` (one
study group only) and ``--anonymise`` (no names, for the projector).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

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
    p.add_argument("--csv-dialect", choices=("comma", "semicolon"), default="comma", dest="csv_dialect")
    p.add_argument("--grades", type=Path, default=None, metavar="FILE")
    p.add_argument("--board", action="store_true")
    p.add_argument("--grade", action="store_true")


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


def refuse_overlaps(args: argparse.Namespace, files: list[Path]) -> None:
    """No output of the review is, holds or lies inside the case folder, the case file or a worksheet."""
    from keykis.model import CASE_FILE, case_file
    from keykis.outputs import refuse_overlap

    file = case_file(args.case)
    inputs = [args.case, file, *([file.parent] if file.name == CASE_FILE else []), *files]
    for out in (args.output, args.csv, args.feedback, args.grades):
        if out is not None:
            refuse_overlap(out, inputs)
    if args.output.exists() and not args.output.is_dir():
        raise UserError("the output must be a folder, and this is a file", path=str(args.output),
                        words=("file.output_is_file", {}))


def _publish(jobs: list[tuple[Path, Callable[[Path], list[Path]]]]) -> list[Path]:
    """Let each job's ``write`` make its files in a fresh folder inside its output folder; then, when no name
    among all of them holds a file keykis did not write, move them out (``keykis.outputs.publish_all``).
    A refused name leaves every output as it was."""
    from keykis.outputs import publish_all, staging

    with ExitStack() as stack:
        staged = [(stack.enter_context(staging(folder)), folder) for folder, _write in jobs]
        made = [folder / p.relative_to(d) for (d, folder), (_f, write) in zip(staged, jobs, strict=True)
                for p in write(d)]
        publish_all(staged)
    return made


def run(args: argparse.Namespace) -> int:
    """Build the review; exit 1 when some worksheets were skipped or have errors."""
    from keykis.study.grades import GRADES_FILE
    from keykis.study.report import labels, write_board, write_csv, write_feedback, write_review
    from keykis.study.review import grade_from_file, review_class

    if args.anonymise and (args.csv or args.feedback):
        raise UserError("--anonymise is for the projector: it cannot be combined with --csv or --feedback, "
                        "which name every student", words=("file.anonymise_alone", {}))
    lang = args.lang or default_lang()
    case = require_case(load_case(args.case))
    files = worksheet_files(args.worksheets, lang)
    if not files:
        raise UserError("no worksheet files (*.yaml) found",
                        words=("file.no_worksheets", {}), path=", ".join(map(str, args.worksheets)))
    refuse_overlaps(args, files)
    if args.grade:
        return grade_at_terminal(args, case, files, lang)
    review = review_class(case, files, lang=lang, include_other_revisions=args.include_other_revisions or None,
                          group=args.group)
    if args.group is not None and not review.counted and not review.skipped:
        raise UserError(f"no worksheet of the group '{args.group}' among {len(files)} file(s)",
                        words=("file.no_group", {"group": args.group, "count": len(files)}))
    grades = grade_from_file(review, case, args.grades or args.output / GRADES_FILE)
    jobs: list[tuple[Path, Callable[[Path], list[Path]]]] = [
        (args.output, lambda d: write_review(review, d, lang=lang, anonymous=args.anonymise, json_only=args.json_only))]
    if args.csv:
        jobs.append((args.csv.parent, lambda d: [write_csv(review, d / args.csv.name, lang=lang,
                                                           dialect=args.csv_dialect)]))
    if args.feedback:
        jobs.append((args.feedback, lambda d: write_feedback(review, d, lang=lang)))
    if args.board:
        jobs.append((args.output, lambda d: [write_board(review, d, lang=lang)]))
    written = _publish(jobs)
    grades.save()  # after every other output was accepted: a refused one leaves the grades file as it was
    written.append(grades.path)
    words = labels(lang)
    for entry in review.skipped:
        print(clean_line(words["cli_skipped"].format(file=entry.file, reason=words[entry.reason or "broken"],
                                                     message=entry.message)), file=sys.stderr)
    for e in review.entries:
        for x in e.like:
            print(clean_line(words["cli_like"].format(file=e.file, what=words[f"like_{x['source']}"],
                                                      n=x["similarity"])), file=sys.stderr)
    for pair in review.similar:
        print(clean_line(words["cli_similar"].format(a=pair["a"], b=pair["b"], n=pair["similarity"])), file=sys.stderr)
    print(words["cli_summary"].format(total=len(review.counted) + len(review.skipped), counted=len(review.counted),
                                      skipped=len(review.skipped), errors=len(review.with_errors),
                                      clean=len(review.clean)))
    print(words["cli_received"].format(received=review.received, other=len(review.other_groups)))
    report_grading(review, grades, words)
    for path in written:
        print(path)
    duplicates = any(d["different"] for d in review.as_dict()["gradebook"]["duplicates"])
    return 1 if review.skipped or review.with_errors or duplicates else 0


def grade_at_terminal(args: argparse.Namespace, case: Any, files: list[Path], lang: str) -> int:
    """Open the grading screen over the class (grades.yaml is saved at every change; ``e`` exports)."""
    from keykis.study.grades import GRADES_FILE
    from keykis.study.grading import GradingSession

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError("--grade opens the grading screen at a terminal; here it cannot run",
                        words=("review.cli_grading_only", {}))
    session = GradingSession(case, files, args.grades or args.output / GRADES_FILE, lang=lang, group=args.group)
    from keykis.tui.grading import make_grading_app

    make_grading_app(session, args.output, lang=lang, csv=args.csv, dialect=args.csv_dialect).run()
    return 0


def report_grading(review: Any, grades: Any, words: dict[str, str]) -> None:
    """The gradebook's refusals and the grades file's unusable values, one line each (stderr), then a count."""
    book = review.as_dict()["gradebook"]
    for n in book["needs_id"]:
        print(clean_line(words["cli_needs_id"].format(file=n["file"], name=n["name"] or words["file_only"])),
              file=sys.stderr)
    for d in book["duplicates"]:
        line = words["cli_duplicate" if d["different"] else "cli_repeated"]
        print(clean_line(line.format(id=d["id"], names=", ".join(d["names"]), files=", ".join(d["files"]))),
              file=sys.stderr)
    for note in grades.notes:
        print(clean_line(words["cli_grades_note"].format(file=grades.path, key=note.key, criterion=note.criterion,
                                                         value=note.value, allowed=note.allowed or "—")),
              file=sys.stderr)
    print(words["cli_graded"].format(graded=sum(e.grade is not None for e in review.counted),
                                     counted=len(review.counted), rows=len(book["rows"])))
