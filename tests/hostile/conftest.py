"""Hostile input: shared helpers for odd file-system layouts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE


@pytest.fixture
def umask022() -> Iterator[None]:
    """Run a test under the usual umask 022, whatever the runner's."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def copy_example(folder: Path, slug: str | None = None) -> Path:
    """A copy of the bundled example case in ``folder`` (its id changed to ``slug``)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    if slug:
        text = text.replace("id: ozerny-service-centre", f"id: {slug}").replace('number: "5"', f'number: "{slug}"')
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    return folder
