"""Size: check's page estimate stays within 15 % of the printed count; render reports the real counts."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from keykis.check.engine import printed_size_notes
from keykis.check.rules.size import estimate_pages
from keykis.model import load_case
from keykis.render import RenderResult
from tests.helpers import CASES, EXAMPLE
from tests.rendered import Rendered


def _within(case_dir: Path, result: RenderResult) -> None:
    case = load_case(case_dir)
    assert set(result.sizes) == {"case", "guidelines"}
    for part, printed in result.sizes.items():
        estimate = estimate_pages(case, part)
        assert abs(estimate - printed) <= 0.15 * printed, (case.id, part, estimate, printed)


@pytest.mark.slow
def test_estimate_matches_the_printed_russian_mini_case(example_render: tuple[Path, RenderResult]) -> None:
    out, result = example_render
    _within(EXAMPLE.parent, result)
    assert result.sizes["guidelines"] >= 5          # the guidelines proper, not the author's analysis
    assert result.sizes["case"] < result.pages["case.pdf"] + result.pages["guidelines.pdf"]
    assert printed_size_notes(EXAMPLE.parent, result.sizes) == []


@pytest.mark.slow
def test_estimate_matches_the_printed_kazakh_case(rendered: Rendered) -> None:
    _, result = rendered(CASES / "zhambyl-public-consent")
    _within(CASES / "zhambyl-public-consent", result)
    assert 15 <= result.sizes["case"] <= 25


@pytest.mark.slow
def test_render_reports_the_printed_size_against_the_case_kind(tmp_path: Path) -> None:
    data = copy.deepcopy(load_case(EXAMPLE).data)
    data["meta"]["size"] = "case"    # a mini-case of some eight pages marked as a 15-25 page case
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "keykis", "render", str(folder), "-o", str(tmp_path / "out"),
                           "--lang", "en"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (line,) = [ln for ln in proc.stderr.splitlines() if "[case-size]" in ln]
    assert "(printed)" in line and "15–25" in line
    check = subprocess.run([sys.executable, "-m", "keykis", "check", str(folder), "--format", "json", "--lang", "en"],
                           capture_output=True, text=True, timeout=120)
    found = [f for f in json.loads(check.stdout) if f["rule"] == "case-size"]
    assert found and "(estimated)" in found[0]["message"]


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_language_has_a_calibration(lang: str) -> None:
    from keykis.method import method

    for part in ("case", "guidelines"):
        assert method().page_calibration[part][lang]["chars_per_page"] > 1000
