"""Every part of keykis recognises a document's kind in one place (``keykis.documents``)."""

from __future__ import annotations

import os
from pathlib import Path

from keykis.documents import CASE, KINDS, kind_of, kind_of_file
from tests.helpers import EXAMPLE

WORKSHEET = Path(__file__).parents[1] / "study" / "data" / "worksheet.yaml"


def test_a_case_and_a_worksheet_are_told_apart_from_parsed_data_and_from_files() -> None:
    assert kind_of({"keykis": 1, "title": {"ru": "…"}}) == CASE
    assert kind_of({"keykis": 1, "worksheet": {"case": "x"}}) == "worksheet"
    assert kind_of(["not", "a", "mapping"]) == CASE
    assert kind_of_file(EXAMPLE) == CASE
    assert kind_of_file(WORKSHEET) == "worksheet"
    assert set(KINDS) == {"worksheet"}


def test_a_file_that_cannot_be_read_has_no_kind_and_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    assert kind_of_file(fifo) is None
    assert kind_of_file(tmp_path / "missing.yaml") is None
