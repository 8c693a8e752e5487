"""A short version of ``benchmarks/typing_torture.py``: the whole mini case typed with no waits, one seed, no load of its own."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.typing_torture import run_once


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_a_case_typed_ahead_in_tmux_lands_field_by_field() -> None:
    result = run_once("ru", 3)
    assert not result.error, result.error
    assert result.wrong == [], result.wrong
    assert result.strays == [], result.strays
