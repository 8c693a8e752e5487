"""Settings for every test: messages in English unless a test asks for a language."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's locale does not choose the language of messages under test (``--lang`` does)."""
    monkeypatch.setenv("KEYKIS_LANG", "en")
