"""The site of the bundled cases, built once per test session (per worker) and read by the web tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from keykis.web.site import SiteOptions, SiteReport, build_site
from tests.helpers import CASES


@dataclass
class Built:
    """A built site and the teacher folder beside it."""

    site: Path
    teacher: Path
    report: SiteReport


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The six bundled cases as a site (read-only for the tests), guidelines in a separate folder."""
    root = tmp_path_factory.mktemp("web")
    site, teacher = root / "site", root / "teacher"
    report = build_site([CASES], SiteOptions(site, guidelines=teacher))
    return Built(site, teacher, report)
