"""One render of the example case per test session, shared by the render tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.render import RenderResult
from tests.helpers import EXAMPLE
from tests.rendered import Rendered


@pytest.fixture(scope="session")
def example_render(rendered: Rendered) -> tuple[Path, RenderResult]:
    """The example case rendered (both editions, HTML kept; read-only)."""
    return rendered(EXAMPLE.parent)
