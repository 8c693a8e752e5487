"""One render of the example case per test session, shared by the render tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.render import RenderResult, render_case
from tests.helpers import EXAMPLE


@pytest.fixture(scope="session")
def example_render(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RenderResult]:
    """The example case rendered (both editions)."""
    out = tmp_path_factory.mktemp("ozerny")
    return out, render_case(EXAMPLE.parent, out)
