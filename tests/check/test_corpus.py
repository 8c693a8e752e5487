"""The single-defect corpus: each defect caught by its rule, no finding on a clean rewording.

The corpus (tests/data/corpus/variants.yaml) is written from the method, not from the rules;
``python tests/check/corpus.py --show`` prints the figures and every miss.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.corpus import EditError, apply_edits, corpus, measure
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def figures():  # type: ignore[no-untyped-def]
    return measure()


def test_every_edit_of_the_corpus_still_applies_to_its_base() -> None:
    import yaml

    spec = corpus()
    bases = {k: yaml.safe_load((ROOT / v / "case.yaml").read_text(encoding="utf-8")) for k, v in spec["bases"].items()}
    for v in spec["variants"]:
        try:
            apply_edits(bases[v["base"]], v)
        except EditError as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"{v['id']}: {exc}")


@pytest.mark.slow
def test_no_clean_rewording_gets_a_finding(figures) -> None:  # type: ignore[no-untyped-def]
    assert figures.false_positives == []
    assert figures.clean >= 15


@pytest.mark.slow
def test_at_least_nine_defects_in_ten_are_caught_by_their_rule(figures) -> None:  # type: ignore[no-untyped-def]
    assert figures.rate >= 0.9, figures.table() + "\n" + "\n".join(f"{v} ({e})" for v, e, _ in figures.misses)


def test_the_corpus_covers_every_kind_of_defect() -> None:
    kinds = {v["kind"] for v in corpus()["variants"] if not v.get("clean")}
    assert kinds >= {"steps", "fans", "decides", "script", "disguise", "boundary", "size"}
    assert Path(__file__).with_name("corpus.py").is_file()
