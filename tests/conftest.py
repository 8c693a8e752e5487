"""Settings for every test: messages in English unless a test asks for a language."""

from __future__ import annotations

import pytest

from tests.rendered import Rendered, cache_root, render_once

pytest_plugins = ["tests.slowmark"]


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's locale does not choose the language of messages under test (``--lang`` does)."""
    monkeypatch.setenv("KEYKIS_LANG", "en")


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """``rendered(folder)`` -> (output folder, RenderResult): a bundled case rendered once per run, read-only."""
    root = cache_root(tmp_path_factory)
    return lambda folder: render_once(folder, root)
