"""Words the editions print around the case text, in ru, kk and en.

They live in ``templates/labels.yaml`` beside the templates, so a case office
can change a heading without touching code.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from keykis import yamlsafe
from keykis.paths import templates_dir

LANGS = ("ru", "kk", "en")


@cache
def _all() -> dict[str, dict[str, str]]:
    data, _ = yamlsafe.load_mapping(templates_dir() / "labels.yaml")
    return data["labels"]  # type: ignore[no-any-return]


@cache
def labels(lang: str) -> dict[str, str]:
    """Every label in ``lang`` (English where a translation is missing)."""
    return {key: str(v.get(lang) or v.get("en") or key) for key, v in _all().items()}


@cache
def editions() -> dict[str, Any]:
    """Which steps each edition prints (``templates/editions.yaml``)."""
    data, _ = yamlsafe.load_mapping(templates_dir() / "editions.yaml")
    return data
