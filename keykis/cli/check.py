"""``keykis check PATH…``: findings for case files, folders of cases, and students' worksheets.

A file with a top-level ``worksheet:`` key is a worksheet: it is checked
against its case, named with ``--case`` or found beside the worksheet or in
the folders above it. A folder is searched for cases (its own ``case.yaml``
or ``*/case.yaml``) and for the worksheets lying directly in it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from keykis.check import check_path, format_findings, has_errors
from keykis.check.config import parse_config
from keykis.check.findings import Finding, summary
from keykis.cli import default_lang
from keykis.errors import UserError
from keykis.model import CASE_FILE, case_file, find_cases
from keykis.vocabulary import LANGS


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis check`` (their help texts: vocabulary ``cli.check.<dest>``)."""
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--case", type=Path, default=None, metavar="CASE")
    p.add_argument("--lang", choices=LANGS, default=None)
    p.add_argument("--format", choices=("human", "json", "line"), default="human", dest="fmt")
    p.add_argument("--config", type=Path, default=None)
    p.add_argument("--errors-only", action="store_true")


def _worksheets_in(folder: Path) -> list[Path]:
    from keykis.study.worksheet import is_worksheet_file

    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    return [f for f in files if f.name != CASE_FILE and is_worksheet_file(f)]


def split_paths(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """(case files, worksheet files) named or found under the given paths, without repeats."""
    from keykis.study.worksheet import is_worksheet_file

    cases: list[Path] = []
    sheets: list[Path] = []
    for p in paths:
        if p.is_dir():
            found_cases, found_sheets = find_cases([p]), _worksheets_in(p)
        elif is_worksheet_file(p):
            found_cases, found_sheets = [], [p]
        else:
            found_cases, found_sheets = [p], []
        cases.extend(f for f in found_cases if f not in cases)
        sheets.extend(f for f in found_sheets if f not in sheets)
    return cases, sheets


def run(args: argparse.Namespace) -> int:
    """Check every case and worksheet found; exit 1 if any has errors."""
    lang = args.lang or default_lang()
    config = parse_config(args.config) if args.config else None
    for p in [*args.paths, *([args.case] if args.case else [])]:
        if not p.exists():
            raise UserError("no such file or folder", words=("file.missing_path", {}), path=str(p))
    cases, sheets = split_paths(args.paths)
    if not cases and not sheets:
        raise UserError("no case.yaml or worksheet found here",
                        words=("file.nothing_to_check", {}), path=", ".join(map(str, args.paths)))
    case_path = case_file(args.case) if args.case else None
    findings: list[Finding] = []
    for f in cases:
        findings.extend(check_path(f, lang=lang, config=config))
    if sheets:
        from keykis.study.checks import check_worksheet_file

        for f in sheets:
            findings.extend(check_worksheet_file(f, case_path=case_path, lang=lang, config=config))
    shown = [f for f in findings if f.severity == "error"] if args.errors_only else findings
    if args.fmt == "json":
        print(json.dumps([f.as_dict() for f in shown], ensure_ascii=False, indent=2))
    else:
        text = format_findings(shown, args.fmt, lang=lang)
        if text:
            print(text)
        if args.fmt == "human":
            print(summary(findings, len(cases) + len(sheets), lang))
    return 1 if has_errors(findings) else 0
