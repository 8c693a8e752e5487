"""The editor's checks keep results per unit of texts between snapshots: the findings never differ from a fresh check."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

from keykis.casefile import open_case
from keykis.check import check_case
from keykis.model import Case
from tests.helpers import EXAMPLE
from tests.hostile.bigcase import write_big_case


def _fresh(case: Case) -> list[object]:
    """The findings of the same content checked as a case read from disk (nothing kept)."""
    return check_case(Case(copy.deepcopy(case.data), path=case.path, text=case.text), lang="ru")


def _edits(doc_path: Path) -> None:
    doc = open_case(doc_path)
    snapshots = []
    edits = [
        (("conclusion",), "Министерство решило открыть второе окно, и очередь сократилась."),
        (("actors", 1, "role"), "принимает заявления \u200bжителей"),
        (("actors", 2, "role"), "ведёт приём в Aкимате по средам"),  # a Latin A
        (("conclusion",), "Очередь сократилась вдвое [nosuchsource]."),
        (("actors", 1, "role"), "принимает заявления жителей"),
        (("conclusion",), "Очередь сократилась вдвое."),
    ]
    for path, value in edits:
        assert doc.set(path, value)
        snapshot = doc.case()
        assert snapshot.snapshot
        kept = check_case(snapshot, lang="ru")
        assert kept == _fresh(snapshot), f"after setting {path}"
        snapshots.append({f.rule for f in kept})
    rules = set().union(*snapshots)
    assert {"impersonal-subject", "invisible-character", "mixed-script", "unresolved-citation"} <= rules
    assert "invisible-character" not in snapshots[-1] and "unresolved-citation" not in snapshots[-1]


def test_the_example_after_each_edit(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(EXAMPLE.parent, folder)
    _edits(folder / "case.yaml")


def test_a_case_with_lists_cut_into_units(tmp_path: Path) -> None:
    folder = write_big_case(tmp_path / "big", actors=80, relations=90)
    doc = open_case(folder / "case.yaml")
    doc.set(("actors", 70, "description"), "Министерство решило закрыть пункт приёма.")
    snapshot = doc.case()
    kept = check_case(snapshot, lang="ru")
    assert kept == _fresh(snapshot)
    assert any(f.rule == "impersonal-subject" and f.at.startswith("actors.") for f in kept)
    doc.set(("actors", 70, "description"), None)
    snapshot = doc.case()
    assert check_case(snapshot, lang="ru") == _fresh(snapshot)
    assert not any(f.rule == "impersonal-subject" and f.at.startswith("actors.") for f in check_case(snapshot, lang="ru"))
