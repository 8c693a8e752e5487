"""The editable case document: round trip, atomic saves, the backup, changes on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from keykis.casefile import CaseDocument, open_case, plain
from keykis.check import check_case
from keykis.errors import CaseFileError
from tests.helpers import EXAMPLE, ROOT


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """A private copy of the example case."""
    folder = tmp_path / EXAMPLE.parent.name
    shutil.copytree(EXAMPLE.parent, folder)
    return folder / "case.yaml"


def test_saving_without_a_change_writes_nothing(case: Path) -> None:
    before = case.read_bytes()
    doc = open_case(case)
    assert doc.dump() == before.decode("utf-8"), "the round trip reproduces the file exactly"
    assert doc.save() is False
    assert case.read_bytes() == before
    assert not case.with_name("case.yaml.bak").exists()


def test_an_edit_keeps_comments_order_quoting_and_the_backup(case: Path) -> None:
    before = case.read_text(encoding="utf-8")
    doc = open_case(case)
    assert doc.set(("time_place", "time"), "Весна 2026 года.")
    assert doc.save() is True
    after = case.read_text(encoding="utf-8")
    assert "time: Весна 2026 года." in after
    assert after.splitlines()[0] == before.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/case.schema.json"
    assert '  g1: {score: 2, reason: "Обучение уходит из зала, очередь короче."}' in after, "quoting and flow style kept"
    assert [ln for ln in after.splitlines() if ln.startswith("#")] == [ln for ln in before.splitlines() if ln.startswith("#")]
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1, changed
    assert case.with_name("case.yaml.bak").read_text(encoding="utf-8") == before
    assert not [p for p in case.parent.iterdir() if p.name.endswith(".tmp")], "no temporary file left behind"


def test_the_backup_is_the_file_as_it_was_opened(case: Path) -> None:
    before = case.read_text(encoding="utf-8")
    case.chmod(0o644)
    doc = open_case(case)
    for text in ("one", "two", "three"):
        doc.set(("conclusion",), text)
        doc.save()
    assert case.with_name("case.yaml.bak").read_text(encoding="utf-8") == before
    assert open_case(case).tree["conclusion"] == "three"
    assert case.stat().st_mode & 0o777 == 0o644, "the file keeps its permissions"


def test_folded_text_stays_folded_and_new_lines_become_literal(case: Path) -> None:
    doc = open_case(case)
    doc.set(("theory",), "Одна строка теории.")
    doc.set(("external_models",), "Первая строка.\nВторая строка.")
    doc.save()
    text = case.read_text(encoding="utf-8")
    assert "theory: >-\n  Одна строка теории.\n" in text
    assert "external_models: |-\n  Первая строка.\n  Вторая строка.\n" in text


def test_an_emptied_text_keeps_its_key_and_none_removes_it(case: Path) -> None:
    doc = open_case(case)
    doc.set(("appendices",), "")
    assert doc.dirty is False, "emptying what is not there changes nothing"
    doc.set(("boundary", "difficulty"), "")
    doc.set(("boundary", "description"), None)
    index = doc.append(("goals",), {"id": "g2", "text": "Жалоб меньше вдвое."})
    assert doc.move(("goals",), index, -1) == 0
    doc.save()
    data = open_case(case).tree
    assert data["boundary"]["difficulty"] == "" and "description" not in data["boundary"]
    assert [g["id"] for g in data["goals"]] == ["g2", "g1"]


def test_a_change_on_disk_is_never_overwritten_silently(case: Path) -> None:
    doc = open_case(case)
    assert not doc.changed_on_disk()
    theirs = case.read_text(encoding="utf-8").replace("Весна 2025 года", "Осень 2025 года")
    case.write_text(theirs, encoding="utf-8")
    assert doc.changed_on_disk()
    doc.set(("conclusion",), "Моя версия.")
    with pytest.raises(CaseFileError, match="changed on disk"):
        doc.save()
    assert case.read_text(encoding="utf-8") == theirs
    assert doc.save(force=True)
    assert "Моя версия." in case.read_text(encoding="utf-8")


def test_the_checks_see_the_edited_case(case: Path) -> None:
    doc = open_case(case)
    assert check_case(doc.case(), lang="en") == []
    doc.set(("matrix", "problems", "chosen"), "p9")
    rules = {f.rule for f in check_case(doc.case(), lang="en")}
    assert rules, "an unresolved choice is reported"
    assert plain(doc.tree)["meta"]["revision"] == "2026-11-22", "dates are read as the text written"


@pytest.mark.parametrize("text, line", [
    ("keykis: 1\nid: x\ntitle: [unclosed\nabstract: {}\n", 4),
    ("keykis: 1\nid: x\nid: y\n", 3),
])
def test_a_file_that_does_not_parse_gives_a_clear_error(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseFileError) as info:
        open_case(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}")


def test_a_killed_save_leaves_the_old_file_whole(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = case.read_bytes()
    doc = open_case(case)
    doc.set(("conclusion",), "Новое заключение.")

    def boom(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        doc.save()
    assert case.read_bytes() == before
    assert not [p for p in case.parent.iterdir() if p.name.endswith(".tmp")]
    assert isinstance(doc, CaseDocument) and doc.dirty, "the edit is still pending, not lost"


@pytest.mark.parametrize("module", ["keykis.casefile", "keykis.progress"])
def test_core_modules_do_not_import_the_terminal_ui(module: str) -> None:
    code = f"import sys, {module}; bad = [m for m in sys.modules if m == 'textual' or m.startswith('keykis.tui')]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
