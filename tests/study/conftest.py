"""Fixtures of the study tests: the example case and a generated class."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.model import Case, load_case
from tests.study.classgen import Spec, a_class, write_class

CASE_DIR = Path(__file__).resolve().parents[2] / "cases" / "ozerny-service-centre"


@pytest.fixture()
def case() -> Case:
    return load_case(CASE_DIR)


@pytest.fixture()
def specs() -> list[Spec]:
    return a_class()


@pytest.fixture()
def class_files(tmp_path: Path, specs: list[Spec]) -> list[Path]:
    return write_class(tmp_path / "class", specs)
