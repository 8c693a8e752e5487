"""Collection settings: rules switched off or re-levelled in ``keykis.yaml``.

A case collection (for example ``cases/``) may hold a ``keykis.yaml``::

    profile: publisher        # the levels of a profile (``profiles`` in schemas/rules.yaml) ...
    rules:                    # ... and the file's own levels over them
      graph-too-big: off
      near-duplicate: info

The nearest file in the case's folder or above it applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from keykis import yamlsafe
from keykis.errors import UserError
from keykis.method import method

CONFIG_FILE = "keykis.yaml"
LEVELS = ("off", "error", "warning", "info")


@dataclass(frozen=True)
class Config:
    """Rule levels for a collection."""

    levels: dict[str, str] = field(default_factory=dict)
    """Rule id -> ``off``, ``error``, ``warning`` or ``info``."""
    source: str | None = None
    """The file the settings came from."""

    def level(self, rule: str, default: str) -> str:
        """The severity to use for ``rule``, or ``off``."""
        return self.levels.get(rule, default)


def parse_config(path: Path) -> Config:
    """Read a ``keykis.yaml``; refuse unknown rules and levels with a clear message."""
    data, _ = yamlsafe.load_mapping(path)
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise UserError("'rules' must be a mapping of rule id to level", path=str(path),
                        words=("file.config_rules", {}))
    known = method().rules
    levels: dict[str, str] = {}
    profile = data.get("profile")
    if profile is not None:
        profiles = method().profiles
        if str(profile) not in profiles:
            raise UserError(f"unknown profile '{profile}' in keykis.yaml; known profiles: {', '.join(profiles)}", path=str(path),
                            words=("file.config_profile", {"profile": str(profile), "known": ", ".join(profiles)}))
        levels.update(profiles[str(profile)])
    for rule, level in rules.items():
        level = "off" if level is False else str(level)
        if rule not in known:
            raise UserError(f"unknown rule '{rule}' (see docs/rules.md)", path=str(path),
                            words=("file.config_unknown_rule", {"rule": rule}))
        if level not in LEVELS:
            raise UserError(f"rule '{rule}': the level must be one of {', '.join(LEVELS)}", path=str(path),
                            words=("file.config_level", {"rule": rule, "levels": ", ".join(LEVELS)}))
        levels[rule] = level
    return Config(levels, str(path))


@cache
def config_for(folder: Path) -> Config:
    """The settings that apply to cases in ``folder``."""
    for d in (folder, *folder.parents):
        candidate = d / CONFIG_FILE
        if candidate.is_file():
            return parse_config(candidate)
        if (d / ".git").exists():
            break
    return Config()
