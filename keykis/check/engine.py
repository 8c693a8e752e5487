"""Run the checks on a case: structure first, then the method rules.

Findings are placed (file:line:col, located lazily), worded in the chosen
language, levelled by the collection's settings and filtered by the case's
own suppressions (``suppress:`` entries, or ``# keykis: ignore[rule] reason``
comments on the line or the line above).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from keykis.check.config import Config, config_for
from keykis.check.findings import Finding, Hit
from keykis.check.rules import all_rules
from keykis.check.rules.size import size_hits
from keykis.check.structure import case_schema_errors, structure_hits, text_size
from keykis.errors import CaseFileError, KeykisError
from keykis.method import LANGS, Method, method
from keykis.model import Case, load_case
from keykis.vocabulary import error_message, field_label

_IGNORE = re.compile(r"#\s*keykis:\s*ignore\[([\w,\s-]+)\]\s*\S")


def _word(value: Any, lang: str) -> Any:
    if isinstance(value, dict) and set(value) <= set(LANGS) and value:
        return value.get(lang) or value.get("en")
    return value


class _Parts:
    """``{part[matrix.problems.items.resources]}`` in a message template: the field's label in the editor."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getitem__(self, path: str) -> str:
        return field_label(path, self.lang)


def message_for(m: Method, hit: Hit, lang: str) -> str:
    """The message of ``hit`` in ``lang``, from the rule's template in schemas/rules.yaml.

    Templates name the parts of a case by the labels of the editor's fields
    (``{part[...]}``), never by the keys of the file.
    """
    template = m.rules[hit.rule]["message"]
    params = {"part": _Parts(lang), **{k: _word(v, lang) for k, v in hit.params.items()}}
    try:
        return str(template.get(lang) or template["en"]).format(**params)
    except (KeyError, IndexError):
        return str(template["en"]).format_map({**{k: "?" for k in ("x",)}, **params})


def _silencers(case: Case) -> dict[str, set[str]]:
    """Per rule, the places a ``suppress`` entry with a reason silences ("" for the whole case)."""
    out: dict[str, set[str]] = {}
    for entry in case.data.get("suppress") or []:
        if isinstance(entry, dict) and str(entry.get("reason", "")).strip() and isinstance(entry.get("rule"), str):
            out.setdefault(entry["rule"], set()).add(str(entry.get("at") or ""))
    return out


def _suppressed(hit: Hit, line: int, silencers: dict[str, set[str]], lines: list[str]) -> bool:
    """Whether ``hit`` is silenced: by a ``suppress`` entry (``silencers``) at its place or above it, or by
    ``# keykis: ignore[rule]`` on the finding's line or the one above (``lines``: the case file's lines)."""
    places = silencers.get(hit.rule)
    if places:
        dotted = [str(p) for p in hit.at]
        if "" in places or any(".".join(dotted[:k]) in places for k in range(1, len(dotted) + 1)):
            return True
    for ln in (line - 1, line - 2):
        if 0 <= ln < len(lines):
            match = _IGNORE.search(lines[ln])
            if match and hit.rule in [r.strip() for r in match.group(1).split(",")]:
                return True
    return False


def _hits(case: Case, m: Method, lang: str) -> tuple[list[Hit], list[Hit]]:
    size = case.once("text-size", lambda: sum(len(str(k)) + case.kept("text-size", (str(k),), v, (), partial(text_size, v))
                                               for k, v in case.data.items()))
    structural = list(structure_hits(case.data, lang, size=size, errors=case_schema_errors(case)))
    method_hits: list[Hit] = []
    with case.frozen():  # the rules share one list of actors, relations and texts
        for rule in all_rules():
            try:
                method_hits.extend(rule(case, m))
            except (TypeError, AttributeError, ValueError, KeyError, IndexError):
                if not structural:
                    raise
    return structural, method_hits


def place_hits(
    groups: list[list[Hit]], *, name: str, lang: str, config: Config,
    locate: Callable[[tuple[str | int, ...], bool], tuple[int, int]],
    suppressed: Callable[[Hit, int], bool] | None = None, complete: bool = False,
) -> list[Finding]:
    """Turn groups of hits into findings: levelled, located, worded; each group sorted by position."""
    m = method()
    out: list[Finding] = []
    for group in groups:
        placed: list[Finding] = []
        for hit in group:
            spec = m.rules[hit.rule]
            default = spec.get("complete_severity", spec["severity"]) if complete else spec["severity"]
            severity = config.level(hit.rule, default)
            if severity == "off":
                continue
            line, col = locate(hit.at, hit.key)
            if suppressed and suppressed(hit, line):
                continue
            step = m.step_by_id.get(hit.step or spec["step"]) if (hit.step or spec.get("step")) else m.step_for_path(hit.at)
            placed.append(Finding(
                path=name, line=line, column=col, rule=hit.rule, severity=severity,
                message=message_for(m, hit, lang), step=step.n if step else None,
                step_id=step.id if step else None, at=".".join(str(p) for p in hit.at),
            ))
        out.extend(sorted(placed, key=lambda f: (f.line, f.column)))
    return out


def check_case(case: Case, *, lang: str = "en", config: Config | None = None) -> list[Finding]:
    """All findings for a loaded case, structural ones first."""
    if config is None:
        config = config_for(case.folder.resolve()) if case.folder else Config()
    lines = case.text.splitlines() if "keykis:" in case.text else []
    silencers = _silencers(case)
    return place_hits(
        list(_hits(case, method(), lang)), name=str(case.path) if case.path else "<case>", lang=lang, config=config,
        locate=lambda at, key: case.locate(at, key=key), suppressed=lambda hit, line: _suppressed(hit, line, silencers, lines),
        complete=case.complete,
    )


def file_error(exc: CaseFileError, lang: str = "en") -> Finding:
    """A finding for a file that could not be read or parsed at all, in ``lang``."""
    return Finding(path=exc.path or "?", line=exc.line or 1, column=exc.column or 1, rule="file",
                   severity="error", message=error_message(exc, lang), step=None)


def check_path(path: Path, *, lang: str = "en", config: Config | None = None) -> list[Finding]:
    """Findings for one case file or folder, including a failure to read it."""
    try:
        case = load_case(path)
    except CaseFileError as exc:
        return [file_error(exc, lang)]
    return check_case(case, lang=lang, config=config)


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error."""
    return any(f.severity == "error" for f in findings)


def printed_size_notes(case_or_path: Any, sizes: dict[str, int], lang: str | None = None) -> list[str]:
    """The size rules applied to the printed page counts of a render (``RenderResult.sizes``), worded."""
    if not sizes:
        return []
    try:
        case = case_or_path if isinstance(case_or_path, Case) else load_case(Path(case_or_path))
    except (KeykisError, OSError):
        return []
    m = method()
    hits = size_hits(case, m, case_pages=sizes.get("case"), guidelines_pages=sizes.get("guidelines"), printed=True)
    return [f"{message_for(m, h, lang or case.language)} [{h.rule}]" for h in hits]
