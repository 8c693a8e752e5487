"""Every page of the site, of the teacher folder and of the preview is valid HTML5, by the Nu Html Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from keykis.web.editions import EDITIONS
from keykis.web.preview import Preview
from tests.helpers import CASES, ROOT
from tests.web.conftest import Built

VNU = ROOT / ".web-tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not VNU.is_file() or shutil.which("java") is None,
                                 reason="the Nu Html Checker or Java is not installed and could not be "
                                        "(make web-tools installs vnu-jar from npm; the JRE comes with apt)")]


def test_every_page_is_valid_html5(built: Built, tmp_path: Path) -> None:
    preview = tmp_path / "preview"
    for case in sorted(CASES.iterdir()):
        if (case / "case.yaml").is_file():
            server = Preview(case)
            try:
                for edition in EDITIONS:
                    (preview / case.name).mkdir(parents=True, exist_ok=True)
                    (preview / case.name / f"{edition}.html").write_text(server.page(edition), encoding="utf-8")
            finally:
                server.server.server_close()
    proc = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                           str(built.site), str(built.teacher), str(preview)],
                          capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').rsplit('/', 3)[-3:]}:{m.get('lastLine')}: {m.get('message')}" for m in messages
              if m.get("type") == "error"]
    assert errors == [], errors[:10]
