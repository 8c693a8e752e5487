"""Two editors on one file, one of them killed: every word of both is kept.

Each editor journals into a recovery file of its own, locked while it lives; no editor writes over,
rewrites or removes another's, and the one a dead editor left is offered at the next opening.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keykis.casefile import open_case
from keykis.recovery import read_journal, read_recovery, recovery_file, recovery_files
from tests.helpers import EXAMPLE, in_a_process_that_dies


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "ozerny"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "case.yaml")
    return folder / "case.yaml"


@pytest.mark.slow
def test_a_killed_editor_keeps_its_words_while_the_other_saves(case: Path) -> None:
    alive = open_case(case)
    assert alive.start_journal() is None
    alive.set(("conclusion",), "Слова живого редактора.")

    def killed_editor() -> None:
        doc = open_case(case)
        assert doc.start_journal() is None, "a living editor's changes are never offered to another"
        doc.set(("lessons",), "Слова убитого редактора.")

    in_a_process_that_dies(killed_editor)
    assert "Слова живого редактора." in recovery_file(case).read_text(encoding="utf-8")
    assert "Слова убитого редактора." in recovery_file(case, 2).read_text(encoding="utf-8")
    alive.save()  # the file changed under the killed editor: a conflict it never saw the end of
    alive.set(("conclusion",), "Слова живого редактора, ещё.")
    alive.save()
    alive.close()
    assert recovery_files(case) == [recovery_file(case, 2)], "the living editor removed only its own journal"
    again = open_case(case)
    found = again.start_journal()
    assert found is not None and found.file == recovery_file(case, 2)
    assert found.replay(again) == len(found.ops)
    again.save()
    again.close()
    text = case.read_text(encoding="utf-8")
    assert "Слова живого редактора, ещё." in text and "Слова убитого редактора." in text
    assert recovery_files(case) == []


def test_the_second_editor_never_writes_over_the_first_editors_journal(case: Path) -> None:
    def first() -> None:
        doc = open_case(case)
        doc.start_journal()
        doc.set(("conclusion",), "Первый редактор.")

    in_a_process_that_dies(first)
    left = recovery_file(case).read_bytes()
    second = open_case(case)
    found = second.start_journal()
    assert found is not None  # offered; while the author decides, the file is the second editor's, untouched
    assert recovery_file(case).read_bytes() == left

    def third() -> None:
        doc = open_case(case)
        assert doc.start_journal() is None, "a journal another editor took over is not offered twice"
        doc.set(("lessons",), "Третий редактор.")

    in_a_process_that_dies(third)
    assert recovery_file(case).read_bytes() == left
    assert found.replay(second) == 1
    second.save()
    second.close()
    assert "Первый редактор." in case.read_text(encoding="utf-8")
    later = open_case(case)
    rest = later.start_journal()
    assert rest is not None and [op["value"] for op in rest.ops] == ["Третий редактор."]
    later.discard_changes()
    later.close()
    assert recovery_files(case) == []


@pytest.mark.slow
def test_two_editors_both_killed_leave_two_journals_offered_one_after_the_other(case: Path) -> None:
    for words in ("Первый.", "Второй."):
        in_a_process_that_dies(lambda w=words: _type(case, w))
    assert len(recovery_files(case)) == 2
    offered = []
    for _ in range(2):
        doc = open_case(case)
        found = doc.start_journal()
        assert found is not None
        offered += [op["value"] for op in found.ops]
        doc.discard_changes()
        doc.close()
    assert sorted(offered) == ["Второй.", "Первый."]


def test_a_deeply_nested_journal_line_is_skipped_not_a_crash(case: Path) -> None:
    doc = open_case(case)
    doc.start_journal()
    doc.set(("conclusion",), "Настоящая правка.")
    doc.close(keep_journal=True)
    deep = '{"op": "set", "path": ["conclusion"], "value": ' + "[" * 5000 + "]" * 5000 + "}"
    with recovery_file(case).open("a", encoding="utf-8") as f:
        f.write(deep + "\n" + "[" * 100_000 + "\n")
    found = read_journal(recovery_file(case))
    assert found is not None and [op["value"] for op in found.ops] == ["Настоящая правка."]
    assert read_recovery(case) is not None


def _type(case: Path, words: str) -> None:
    doc = open_case(case)
    doc.start_journal()
    doc.set(("conclusion",), words)
