"""``keykis schema [--worksheet]``: the JSON Schema of case (or worksheet) files, for editors and tools."""

from __future__ import annotations

import argparse
import json

from keykis.method import case_schema_json


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis schema`` (their help texts: vocabulary ``cli.schema.<dest>``)."""
    p.add_argument("--worksheet", action="store_true")


def run(args: argparse.Namespace) -> int:
    """Print the schema as JSON."""
    if args.worksheet:
        from keykis.study.checks import worksheet_schema

        print(json.dumps(worksheet_schema(), ensure_ascii=False, indent=2))
    else:
        print(case_schema_json())
    return 0
