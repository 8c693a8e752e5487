"""A crash inside the editor or the study screen ends the command with a non-zero exit code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.app import App

from keykis.cli import main
from tests.helpers import EXAMPLE


@pytest.mark.slow
def test_an_editor_crash_exits_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from keykis.tui.screens import editor

    run = App.run
    monkeypatch.setattr(App, "run", lambda self, *a, **k: run(self, headless=True))

    def broken(self, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        raise RuntimeError("a bug in a screen")

    monkeypatch.setattr(editor.EditorScreen, "compose", broken)
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "case.yaml")
    code = main(["edit", str(folder / "case.yaml"), "--lang", "en"])
    capsys.readouterr()
    assert code != 0
    assert (folder / "case.yaml").read_bytes() == EXAMPLE.read_bytes()
