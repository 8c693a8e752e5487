"""The KEYKIS method as data: steps, resource kinds, strategies, rules.

Everything here is read from ``schemas/*.yaml`` once per process. Editing
those files adapts the method without touching code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from keykis import yamlsafe
from keykis.paths import schemas_dir
from keykis.vocabulary import LANGS

__all__ = ["LANGS", "Method", "Step", "case_schema", "load_data", "method", "name"]



def load_data(name: str) -> Any:
    """The mapping in ``schemas/<name>``: the one loader of the method's data files."""
    data, _ = yamlsafe.load_mapping(schemas_dir() / name)
    return data


@dataclass(frozen=True)
class Step:
    """One of the 25 steps of the algorithm."""

    n: int
    """Position in the algorithm, 1..25."""
    id: str
    """Key used in case files (``narrative.<id>``, ``reflection.<id>``)."""
    fields: tuple[str, ...]
    """Dotted paths of the case file this step fills in."""
    title: dict[str, str]
    """Title per language."""
    prompt: dict[str, str]
    """What the author does at this step, per language."""
    reflection: dict[str, dict[str, str]]
    """Reflection questions: question id -> text per language."""


@dataclass(frozen=True)
class Method:
    """All method data, loaded from ``schemas/``."""

    steps: tuple[Step, ...]
    resource_kinds: dict[str, dict[str, Any]]
    resource_types: dict[str, dict[str, Any]]
    strategies: dict[str, dict[str, Any]]
    relation_types: dict[str, dict[str, Any]]
    matrix: dict[str, Any]
    rules: dict[str, dict[str, Any]]
    limits: dict[str, Any]
    wordlists: dict[str, Any]
    requirements: dict[str, list[str]] = field(default_factory=dict)
    """What each step must contain in a complete case (``step_requirements`` of rules.yaml)."""
    requirement_words: dict[str, dict[str, str]] = field(default_factory=dict)
    publication: dict[str, list[str]] = field(default_factory=dict)
    """What a complete case needs to open and close as published, per step (``publication_requirements``)."""
    sizes: dict[str, list[float]] = field(default_factory=dict)
    """Printed A4 pages per ``meta.size`` (``sizes`` of rules.yaml)."""
    page_calibration: dict[str, Any] = field(default_factory=dict)
    """Characters per printed page, per part and language (``page_calibration`` of rules.yaml)."""
    step_by_id: dict[str, Step] = field(default_factory=dict)
    placeholders: dict[str, list[str]] = field(default_factory=dict)
    """Per language, texts that stand in for content without being it (``placeholders`` of rules.yaml)."""
    placeholder_markers: dict[str, Any] = field(default_factory=dict)
    """Per language, words that defer or point elsewhere, and how short a text with one is a placeholder."""
    metric_words: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Per language, what makes a step 21 indicator measurable (``metric_words`` of rules.yaml)."""
    profiles: dict[str, dict[str, str]] = field(default_factory=dict)
    """Rule levels a collection takes with ``profile:`` in keykis.yaml (``profiles`` of rules.yaml)."""

    def step_for_path(self, path: tuple[str | int, ...]) -> Step | None:
        """The step whose fields contain ``path`` (the most specific match)."""
        dotted = ".".join(str(p) for p in path)
        if path and path[0] in ("narrative", "reflection") and len(path) > 1:
            return self.step_by_id.get(str(path[1]))
        best: tuple[int, Step] | None = None
        for step in self.steps:
            for f in step.fields:
                if dotted == f or dotted.startswith(f + "."):
                    if best is None or len(f) > best[0]:
                        best = (len(f), step)
        return best[1] if best else None


def name(entry: dict[str, Any], lang: str) -> str:
    """The name of a method entry in ``lang``, falling back to English."""
    names = entry.get("name", {})
    return str(names.get(lang) or names.get("en") or entry.get("id", ""))


@cache
def method() -> Method:
    """Load the method once per process."""
    steps = tuple(
        Step(
            n=s["n"], id=s["id"], fields=tuple(s.get("fields", ())), title=s["title"],
            prompt=s["prompt"], reflection=s.get("reflection", {}),
        )
        for s in load_data("steps.yaml")["steps"]
    )
    res = load_data("resources.yaml")
    rules = load_data("rules.yaml")
    return Method(
        steps=steps,
        resource_kinds={k["id"]: k for k in res["kinds"]},
        resource_types=res["types"],
        strategies={s["id"]: s for s in load_data("strategies.yaml")["strategies"]},
        relation_types={r["id"]: r for r in load_data("relation_types.yaml")["relation_types"]},
        matrix=load_data("matrix.yaml"),
        rules=rules["rules"],
        limits=rules["limits"],
        wordlists=load_data("wordlists.yaml"),
        requirements={k: list(v) for k, v in (rules.get("step_requirements") or {}).items()},
        requirement_words=dict(rules.get("requirement_words") or {}),
        publication={k: list(v) for k, v in (rules.get("publication_requirements") or {}).items()},
        sizes=dict(rules.get("sizes") or {}),
        page_calibration=dict(rules.get("page_calibration") or {}),
        step_by_id={s.id: s for s in steps},
        placeholders={k: [str(x) for x in v] for k, v in (rules.get("placeholders") or {}).items()},
        placeholder_markers=dict(rules.get("placeholder_markers") or {}),
        metric_words=dict(rules.get("metric_words") or {}),
        profiles={k: dict(v) for k, v in (rules.get("profiles") or {}).items()},
    )


@cache
def case_schema() -> dict[str, Any]:
    """The case JSON Schema (2020-12), read from its YAML source."""
    return load_data("case.schema.yaml")  # type: ignore[no-any-return]


def case_schema_json() -> str:
    """The case JSON Schema as JSON text, for editors and ``keykis schema``."""
    return json.dumps(case_schema(), ensure_ascii=False, indent=2)
