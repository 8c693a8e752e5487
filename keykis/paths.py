"""Where the method data (schemas/) and templates live.

In a checkout they sit at the top of the repository; in an installed wheel
they are package data inside ``keykis/``. Both layouts are looked up here and
nowhere else.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"keykis data folder {name!r} is missing from the installation")


def schemas_dir() -> Path:
    """The folder holding the method as data (steps, resources, rules...)."""
    return _data_dir("schemas")


def templates_dir() -> Path:
    """The folder holding the Jinja2 templates and print CSS."""
    return _data_dir("templates")


def cases_dir() -> Path:
    """The bundled example cases (``cases/`` in a checkout, package data in a wheel)."""
    return _data_dir("cases")
