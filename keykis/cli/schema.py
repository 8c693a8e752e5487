"""``keykis schema``: the case JSON Schema, for editors and other tools."""

from __future__ import annotations

import argparse

from keykis.method import case_schema_json


def add_parser(p: argparse.ArgumentParser) -> None:
    """``keykis schema`` takes no arguments."""


def run(args: argparse.Namespace) -> int:
    """Print the schema as JSON."""
    print(case_schema_json())
    return 0
