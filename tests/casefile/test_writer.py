"""Saves written by a process of its own: the bytes on disk are those the document would have written itself."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from keykis.casefile import CaseDocument, open_case
from keykis.errors import CaseFileError
from tests.helpers import EXAMPLE


@pytest.fixture
def doc(tmp_path: Path) -> Iterator[CaseDocument]:
    """The example case opened for editing, from a private copy, with its saves written apart."""
    folder = tmp_path / EXAMPLE.parent.name
    shutil.copytree(EXAMPLE.parent, folder)
    document = open_case(folder / "case.yaml")
    assert document.write_apart()
    yield document
    document.close()


def _edits(doc: CaseDocument) -> None:
    """Every kind of change the editor makes, comments and styles around them included."""
    doc.set(("conclusion",), "Центр закрыл очередь к полудню,\nи жалоб в тот день не было.")
    doc.set(("actors", 1, "role"), "принимает жалобы жителей")
    at = doc.append(("actors",), {"id": "courier", "name": "Курьер", "kind": "person"})
    doc.move(("actors",), at, -1)
    doc.set(("keywords", "ru"), ["очереди", "курьер", "центр обслуживания"])
    doc.rename_id("courier", "messenger")
    doc.set(("actors", at - 1, "id"), "messenger")
    doc.set(("meta", "status"), "review")
    doc.remove(("actors",), at - 1)
    doc.set(("time_place", "time"), None)


def test_the_writer_writes_what_the_document_holds(doc: CaseDocument, tmp_path: Path) -> None:
    _edits(doc)
    assert doc.save()
    on_disk = doc.path.read_text(encoding="utf-8")
    assert on_disk == doc.dump() == doc.text
    assert not doc.dirty and not doc.changed_on_disk()
    assert (doc.path.parent / "case.yaml.bak").read_text(encoding="utf-8") == (EXAMPLE).read_text(encoding="utf-8")
    doc.set(("conclusion",), "Очереди не стало.")  # and again: the writer keeps following the document
    assert doc.save()
    assert doc.path.read_text(encoding="utf-8") == doc.dump()
    assert "Очереди не стало." in doc.path.read_text(encoding="utf-8")
    alone = open_case(doc.path)  # the same edits by a document writing in its own process
    copy = tmp_path / "alone" / "case.yaml"
    copy.parent.mkdir()
    shutil.copy(EXAMPLE, copy)
    mine = open_case(copy)
    _edits(mine)
    mine.set(("conclusion",), "Очереди не стало.")
    assert mine.save()
    assert copy.read_bytes() == doc.path.read_bytes()
    assert alone.text == doc.text


def test_an_outside_change_still_stops_the_save(doc: CaseDocument) -> None:
    doc.set(("conclusion",), "Своя версия.")
    doc.path.write_text(doc.path.read_text(encoding="utf-8") + "# чужая правка\n", encoding="utf-8")
    with pytest.raises(CaseFileError):
        doc.save()
    assert "# чужая правка" in doc.path.read_text(encoding="utf-8") and doc.dirty
    assert doc.save(force=True) and "Своя версия." in doc.path.read_text(encoding="utf-8")


def test_when_the_writer_dies_the_document_writes_itself(doc: CaseDocument) -> None:
    doc.set(("conclusion",), "Первая правка.")
    assert doc.save()
    writer = doc._writer
    assert writer is not None
    os.kill(writer._proc.pid, signal.SIGKILL)
    writer._proc.wait()
    doc.set(("conclusion",), "Вторая правка, после сбоя.")
    assert doc.save()
    assert doc._writer is None
    assert doc.path.read_text(encoding="utf-8") == doc.dump()
    assert "Вторая правка" in doc.path.read_text(encoding="utf-8") and not doc.dirty


def test_a_writer_starts_only_from_the_text_the_tree_was_read_from(tmp_path: Path) -> None:
    folder = tmp_path / EXAMPLE.parent.name
    shutil.copytree(EXAMPLE.parent, folder)
    document = open_case(folder / "case.yaml")
    document.set(("conclusion",), "Правка до писца.")
    assert not document.write_apart()  # the tree is no longer the parse of the text: saves stay here
    assert document.save() and "Правка до писца." in document.path.read_text(encoding="utf-8")
