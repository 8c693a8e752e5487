"""The single-defect corpus (tests/data/corpus/variants.yaml): build it and measure the checker on it.

Run as a script for the figures: ``python tests/check/corpus.py`` (``--show`` lists every miss and
every finding on a clean rewording).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "corpus" / "variants.yaml"


class EditError(Exception):
    """An edit of the corpus no longer applies to its base case."""


def _parts(dotted: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in dotted.split(".")]


def _walk(data: Any, parts: list[str | int], dotted: str) -> Any:
    node = data
    for p in parts:
        try:
            node = node[p]
        except (KeyError, IndexError, TypeError) as exc:
            raise EditError(f"{dotted}: no {p!r}") from exc
    return node


def apply_edits(data: dict[str, Any], variant: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``data`` with the variant's edits applied."""
    data = copy.deepcopy(data)
    for dotted in variant.get("delete") or []:
        parts = _parts(dotted)
        parent = _walk(data, parts[:-1], dotted)
        try:
            del parent[parts[-1]]
        except (KeyError, IndexError, TypeError) as exc:
            raise EditError(f"{dotted}: nothing to delete") from exc
    for dotted, value in (variant.get("set") or {}).items():
        parts = _parts(dotted)
        _walk(data, parts[:-1], dotted)[parts[-1]] = value
    for dotted, value in (variant.get("append") or {}).items():
        target = _walk(data, _parts(dotted), dotted)
        if not isinstance(target, list):
            raise EditError(f"{dotted}: not a list")
        target.append(value)
    for dotted, text in (variant.get("add_text") or {}).items():
        parts = _parts(dotted)
        parent = _walk(data, parts[:-1], dotted)
        parent[parts[-1]] = (str(parent.get(parts[-1]) or "").rstrip() + " " + text).strip()
    for dotted, (old, new) in (variant.get("sub") or {}).items():
        parts = _parts(dotted)
        parent = _walk(data, parts[:-1], dotted)
        if old not in str(parent[parts[-1]]):
            raise EditError(f"{dotted}: {old!r} not found")
        parent[parts[-1]] = str(parent[parts[-1]]).replace(old, new)
    return data


def corpus() -> dict[str, Any]:
    """The corpus description."""
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def build(into: Path) -> list[dict[str, Any]]:
    """Write every variant as ``into/<id>/case.yaml``; return the variants."""
    spec = corpus()
    bases = {k: yaml.safe_load((ROOT / v / "case.yaml").read_text(encoding="utf-8")) for k, v in spec["bases"].items()}
    for v in spec["variants"]:
        try:
            data = apply_edits(bases[v["base"]], v)
        except EditError as exc:
            v["broken"] = str(exc)
            data = bases[v["base"]]
        data["id"] = v["id"]
        folder = into / v["id"]
        folder.mkdir(parents=True)
        (folder / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                                          encoding="utf-8")
    return spec["variants"]


@dataclass
class Figures:
    """What the checker did on the corpus."""

    caught: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)
    false_positives: list[tuple[str, list[str]]] = field(default_factory=list)
    clean: int = 0

    @property
    def rate(self) -> float:
        return sum(self.caught.values()) / max(1, sum(self.total.values()))

    def table(self) -> str:
        lines = [f"{'kind':<10} caught/total"]
        for kind in sorted(self.total):
            lines.append(f"{kind:<10} {self.caught[kind]}/{self.total[kind]}")
        lines.append(f"{'all':<10} {sum(self.caught.values())}/{sum(self.total.values())} ({self.rate:.0%})")
        lines.append(f"clean rewordings with a finding: {len(self.false_positives)}/{self.clean}")
        return "\n".join(lines)


def measure(keykis: str | None = None) -> Figures:
    """Build the corpus in a temporary folder, check it in one run, count."""
    exe = keykis or str(Path(sys.executable).with_name("keykis"))
    with tempfile.TemporaryDirectory() as tmp:
        variants = build(Path(tmp))
        run = subprocess.run([exe, "check", "--format", "json", "--lang", "en", tmp],
                             capture_output=True, text=True, timeout=600)
        findings = json.loads(run.stdout or "[]")
    by_case: dict[str, list[str]] = defaultdict(list)
    for f in findings:
        by_case[Path(f["path"]).parent.name].append(f"{f['rule']}@{f['at']}: {f['message']}")
    fig = Figures()
    for v in variants:
        found = by_case.get(v["id"], [])
        if v.get("broken"):
            found = [f"edit-broken@: {v['broken']}", *found]
        rules = {f.split("@", 1)[0] for f in found}
        if v.get("clean"):
            fig.clean += 1
            if found:
                fig.false_positives.append((v["id"], found))
            continue
        fig.total[v["kind"]] += 1
        if v["expect"] in rules:
            fig.caught[v["kind"]] += 1
        else:
            fig.misses.append((v["id"], v["expect"], found))
    return fig


if __name__ == "__main__":
    figures = measure()
    print(figures.table())
    if "--show" in sys.argv:
        for vid, expect, found in figures.misses:
            print(f"\nMISS {vid} (expected {expect})")
            for f in found[:6]:
                print("   ", f)
        for vid, found in figures.false_positives:
            print(f"\nFALSE POSITIVE {vid}")
            for f in found[:6]:
                print("   ", f)
