"""``keykis check PATH…``: findings for case files or folders of cases."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from keykis.check import check_path, format_findings, has_errors
from keykis.check.config import parse_config
from keykis.check.findings import summary
from keykis.cli import default_lang
from keykis.errors import UserError
from keykis.model import find_cases


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis check``."""
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="case.yaml files or folders of cases")
    p.add_argument("--lang", choices=("ru", "kk", "en"), default=None, help="message language (default: locale)")
    p.add_argument("--format", choices=("human", "json", "line"), default="human", dest="fmt")
    p.add_argument("--config", type=Path, default=None, help="a keykis.yaml with rule levels")
    p.add_argument("--errors-only", action="store_true", help="show errors, hide warnings and notes")


def run(args: argparse.Namespace) -> int:
    """Check every case found; exit 1 if any has errors."""
    lang = args.lang or default_lang()
    config = parse_config(args.config) if args.config else None
    for p in args.paths:
        if not p.exists():
            raise UserError("no such file or folder", path=str(p))
    files = find_cases(args.paths)
    if not files:
        raise UserError("no case.yaml found here", path=", ".join(map(str, args.paths)))
    findings = []
    for f in files:
        findings.extend(check_path(f, lang=lang, config=config))
    shown = [f for f in findings if f.severity == "error"] if args.errors_only else findings
    if args.fmt == "json":
        print(json.dumps([f.as_dict() for f in shown], ensure_ascii=False, indent=2))
    else:
        text = format_findings(shown, args.fmt, lang=lang)
        if text:
            print(text)
        if args.fmt == "human":
            print(summary(findings, len(files), lang))
    return 1 if has_errors(findings) else 0
