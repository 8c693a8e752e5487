"""Nothing typed is lost: own saves are never outside changes, every change is journalled at once."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from keykis.casefile import open_case
from keykis.recovery import read_journal, read_recovery, recovery_file
from tests.helpers import EXAMPLE, in_a_process_that_dies


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """A private copy of the example case."""
    folder = tmp_path / EXAMPLE.parent.name
    shutil.copytree(EXAMPLE.parent, folder)
    return folder / "case.yaml"


@pytest.mark.slow
def test_our_own_saves_never_look_like_a_change_on_disk(case: Path) -> None:
    """The disk watch runs while a worker saves again and again: it must never fire."""
    doc = open_case(case)
    stop = threading.Event()
    alarms: list[int] = []

    def watch() -> None:
        while not stop.is_set():
            if doc.changed_on_disk():
                alarms.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for i in range(60):
            doc.set(("conclusion",), f"Версия {i}.")
            doc.save()
    finally:
        stop.set()
        watcher.join()
    assert alarms == []
    assert "Версия 59." in case.read_text(encoding="utf-8")
    case.write_text(case.read_text(encoding="utf-8") + "\n# чужая правка\n", encoding="utf-8")
    assert doc.changed_on_disk(), "a real outside change is still seen"


def test_every_change_is_in_the_recovery_file_before_any_save(case: Path) -> None:
    def work() -> None:
        doc = open_case(case)
        assert doc.start_journal() is None
        doc.set(("conclusion",), "Набрано, но не сохранено.")
        doc.append(("goals",), {"id": doc.new_id("g"), "text": "Новая цель."})

    in_a_process_that_dies(work)  # nothing saved, the journal stays
    journal = recovery_file(case)
    assert "Набрано, но не сохранено." in journal.read_text(encoding="utf-8")
    again = open_case(case)
    found = again.start_journal()
    assert found is not None and len(found.ops) == 2
    assert found.replay(again) == 2
    again.save()
    text = case.read_text(encoding="utf-8")
    assert "Набрано, но не сохранено." in text and "Новая цель." in text
    assert not journal.exists(), "nothing pending after the save"


def test_a_save_keeps_only_the_changes_it_did_not_include(case: Path) -> None:
    doc = open_case(case)
    doc.start_journal()
    doc.set(("conclusion",), "Первое.")
    doc.save()
    assert not recovery_file(case).exists()
    doc.set(("conclusion",), "Второе.")
    assert read_recovery(case) is None, "a living editor's journal is never offered to another"
    found = read_journal(recovery_file(case))
    assert found is not None and [op.get("value") for op in found.ops] == ["Второе."]
    doc.close(keep_journal=True)
    assert recovery_file(case).exists(), "unsaved changes stay journalled when the editor goes away"
    doc.save()


def test_a_torn_last_line_loses_only_that_line(case: Path) -> None:
    doc = open_case(case)
    doc.start_journal()
    doc.set(("conclusion",), "Целая строка.")
    with recovery_file(case).open("a", encoding="utf-8") as fh:
        fh.write('{"op": "set", "path": ["concl')
    found = read_journal(recovery_file(case))
    assert found is not None and [op["value"] for op in found.ops] == ["Целая строка."]


def test_a_copy_beside_the_file_and_discarding(case: Path) -> None:
    doc = open_case(case)
    doc.start_journal()
    doc.set(("conclusion",), "Моя версия.")
    copy = doc.save_copy()
    assert copy.parent == case.parent and copy.name.startswith("case.mine-") and copy.suffix == ".yaml"
    assert "Моя версия." in copy.read_text(encoding="utf-8")
    assert "Моя версия." not in case.read_text(encoding="utf-8")
    doc.discard_changes()
    assert not doc.dirty and not recovery_file(case).exists()


@pytest.mark.parametrize("kind", ["fifo", "link", "folder"])
def test_a_recovery_file_that_is_no_file_is_ignored_at_once(case: Path, kind: str, tmp_path: Path) -> None:
    """A FIFO, a link or a folder where the recovery file should be: no hang, nothing offered."""
    import os

    target = recovery_file(case)
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "link":
        outside = tmp_path / "elsewhere.jsonl"
        outside.write_text('{"base": "x"}\n{"op": "set", "path": ["title"], "value": "y"}\n', encoding="utf-8")
        target.symlink_to(outside)
    else:
        target.mkdir()
    result: list[object] = []
    reader = threading.Thread(target=lambda: result.append(read_recovery(case)), daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert not reader.is_alive(), "reading the recovery file blocked"
    assert result == [None]
