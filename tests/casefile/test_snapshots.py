"""Snapshots for the checks share what did not change, and always equal the document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keykis.casefile import CaseDocument, open_case, plain
from tests.helpers import EXAMPLE


@pytest.fixture
def doc(tmp_path: Path) -> CaseDocument:
    """The example case opened for editing, from a private copy."""
    folder = tmp_path / EXAMPLE.parent.name
    shutil.copytree(EXAMPLE.parent, folder)
    return open_case(folder / "case.yaml")


def _same_as_tree(doc: CaseDocument) -> dict[str, object]:
    data = doc.case().data
    assert data == plain(doc.tree)
    return data


def test_every_kind_of_change_shows_in_the_next_snapshot(doc: CaseDocument) -> None:
    first = _same_as_tree(doc)
    actor = doc.get(("actors", 0, "id"))
    doc.set(("conclusion",), "Центр обслуживания закрыл очередь к полудню.")
    assert _same_as_tree(doc)["conclusion"] == "Центр обслуживания закрыл очередь к полудню."
    doc.set(("actors", 1, "role"), "принимает жалобы жителей")
    assert _same_as_tree(doc)["actors"][1]["role"] == "принимает жалобы жителей"  # type: ignore[index]
    at = doc.append(("actors",), {"id": "courier", "name": "Курьер", "kind": "person"})
    assert _same_as_tree(doc)["actors"][at]["id"] == "courier"  # type: ignore[index]
    doc.move(("actors",), at, -1)
    assert _same_as_tree(doc)["actors"][at - 1]["id"] == "courier"  # type: ignore[index]
    doc.remove(("actors",), at - 1)
    assert "courier" not in [a["id"] for a in _same_as_tree(doc)["actors"]]  # type: ignore[attr-defined]
    doc.set(("time_place", "extra", "note"), "новая ветка")
    assert _same_as_tree(doc)["time_place"]["extra"] == {"note": "новая ветка"}  # type: ignore[index]
    doc.set(("time_place", "extra"), None)
    assert "extra" not in _same_as_tree(doc)["time_place"]  # type: ignore[operator]
    references = doc.references(actor)
    assert doc.rename_id(actor, "head") > 0
    renamed = _same_as_tree(doc)
    assert all(doc.get(p) == "head" or "head" in (doc.get(p[:-1]) or {}) for p in references)
    assert first["conclusion"] != renamed["conclusion"], "the first snapshot was never changed"


def test_what_did_not_change_is_shared_and_earlier_snapshots_stay_as_they_were(doc: CaseDocument) -> None:
    before = doc.case().data
    doc.set(("conclusion",), "Другой вывод.")
    after = doc.case().data
    assert after["actors"] is before["actors"], "an untouched part is not copied again"
    assert after["conclusion"] == "Другой вывод." and before["conclusion"] != "Другой вывод."
    doc.set(("actors", 0, "role"), "новая роль")
    third = doc.case().data
    assert third["actors"] is not after["actors"] and third["actors"][1] is after["actors"][1]  # type: ignore[index]
    assert after["actors"][0]["role"] != "новая роль"  # type: ignore[index]
