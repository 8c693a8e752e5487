"""Every page of the site and of the teacher folder is valid HTML5, by the Nu Html Checker (vnu.jar, from npm)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.helpers import ROOT
from tests.web.conftest import Built

VNU = ROOT / ".web-tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not VNU.is_file() or shutil.which("java") is None,
                                 reason="the Nu Html Checker or Java is not installed and could not be "
                                        "(make web-tools installs vnu-jar from npm; the JRE comes with apt)")]


def test_every_page_is_valid_html5(built: Built) -> None:
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                           str(built.site), str(built.teacher)], capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').rsplit('/', 3)[-3:]}:{m.get('lastLine')}: {m.get('message')}" for m in messages
              if m.get("type") == "error"]
    assert errors == [], errors[:10]
