"""The student guide's examples are worksheets the checker accepts."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from keykis.model import Case
from keykis.study.checks import check_worksheet
from keykis.study.worksheet import parse_worksheet

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "student-guide.md"


def _blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def test_every_yaml_example_of_the_guide_parses() -> None:
    assert _blocks()
    for block in _blocks():
        yaml.safe_load(block)


def test_the_guides_worksheet_has_no_error_and_no_warning(case: Case) -> None:
    [sheet] = [b for b in _blocks() if b.startswith("keykis: 1")]
    findings = check_worksheet(parse_worksheet(sheet), case, lang="ru")
    assert [(f.rule, f.message) for f in findings if f.severity != "info"] == []
