"""A short version of ``benchmarks/editor_stress.py``: typing in tmux while the editor (or study) autosaves under load."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.editor_stress import run_once


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_typing_while_autosaving_under_load_loses_nothing_and_raises_no_alarm() -> None:
    result = run_once(18, load=1, seed=7)
    assert result.typed > 60
    assert result.bar_seen == 0, "no false changed-on-disk alarm"
    assert result.lost == 0, "every typed character is in the saved file"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_a_student_typing_while_the_worksheet_autosaves_under_load_loses_nothing() -> None:
    result = run_once(18, load=1, seed=11, study=True)
    assert result.typed > 60
    assert result.bar_seen == 0, "no false changed-on-disk alarm"
    assert result.lost == 0, "every typed character is in the saved worksheet"
