"""Which steps each edition prints (``templates/editions.yaml``).

The words the editions print around the case text are in the vocabulary
(``keykis/vocabulary``, section ``edition``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from keykis import yamlsafe
from keykis.paths import templates_dir
from keykis.vocabulary import section


@cache
def editions() -> dict[str, Any]:
    """Which steps each edition prints (``templates/editions.yaml``)."""
    data, _ = yamlsafe.load_mapping(templates_dir() / "editions.yaml")
    return data


def labels(lang: str) -> dict[str, str]:
    """The editions' words in ``lang``: the vocabulary's section ``edition`` (``L`` in templates)."""
    return section("edition", lang)
