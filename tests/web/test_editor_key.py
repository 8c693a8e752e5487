"""F9 in the editor starts the browser preview of the open case and shows its address."""

from __future__ import annotations

import asyncio
import shutil
import urllib.request
from pathlib import Path

import pytest

from keykis.tui.app import make_app
from keykis.tui.screens.editor import EditorScreen
from tests.helpers import CASES
from tests.tui.helpers import until


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KEYKIS_STATE_DIR", str(tmp_path / "state"))
    folder = tmp_path / "ozerny-service-centre"
    shutil.copytree(CASES / "ozerny-service-centre", folder)
    return folder / "case.yaml"


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as r:  # noqa: S310 - our own loopback server
        return r.read().decode()


@pytest.mark.slow
async def test_f9_serves_the_open_case_and_says_where(case: Path) -> None:
    app = make_app(case, lang="en")
    async with app.run_test(size=(140, 45)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await pilot.press("f9")
        await pilot.pause()
        preview = editor.preview
        assert preview is not None and preview.url.startswith("http://127.0.0.1:")
        assert any(preview.url in str(n.message) for n in app._notifications)
        page = await asyncio.to_thread(_fetch, preview.url + "handout")
        assert "Может ли руководитель ЦОН" in page
        await pilot.press("f9")  # a second press shows the same address, no second server
        await pilot.pause()
        assert editor.preview is preview
    with pytest.raises(OSError):
        await asyncio.to_thread(_fetch, preview.url)
