"""Findings: what the checker tells an author, and how it is printed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from keykis.terminal import clean_line
from keykis.vocabulary import label, say

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Hit:
    """What a rule reports, before it is placed and put into words."""

    rule: str
    """Rule id from ``schemas/rules.yaml``."""
    at: tuple[str | int, ...]
    """Path in the case file the finding is about."""
    params: dict[str, Any] = field(default_factory=dict)
    """Values for the message template."""
    key: bool = False
    """Point at the key of ``at`` rather than its value."""
    step: str | None = None
    """Id of the step the finding belongs to, when neither the rule nor ``at`` tells."""


@dataclass(frozen=True)
class Finding:
    """One finding, placed in a file and worded in a language."""

    path: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    step: int | None
    """Number of the step (1..25) the finding belongs to, if any."""
    step_id: str | None = None
    at: str = ""
    """Dotted path in the case file (for the editor to jump to)."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of the finding."""
        return asdict(self)


def format_findings(findings: Iterable[Finding], fmt: str, *, lang: str = "en") -> str:
    """Render findings as ``human``, ``json`` or ``line`` text."""
    items = list(findings)
    if fmt == "json":
        return json.dumps([f.as_dict() for f in items], ensure_ascii=False, indent=2)
    if fmt == "line":
        return "\n".join(clean_line(f"{f.path}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.rule}]")
                         for f in items)
    return _human(items, lang)


def _human(items: list[Finding], lang: str) -> str:
    lines: list[str] = []
    current = None
    for f in items:
        if f.path != current:
            if current is not None:
                lines.append("")
            lines.append(clean_line(f.path))
            current = f.path
        step = f" ({say('check.step', lang)} {f.step})" if f.step else ""
        sev = label("severity", f.severity, lang)
        lines.append(f"  {f.line}:{f.column}  {sev}{step}  {clean_line(f.message)}  [{f.rule}]")
    return "\n".join(lines)


def summary(findings: Iterable[Finding], files: int, lang: str) -> str:
    """One closing line: how many files, errors, warnings and notes."""
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] += 1
    return say("check.summary", lang, files=files, **counts)
