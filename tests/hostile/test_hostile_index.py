"""The build's own files read as hostile: an index.sqlite with a view, a trigger, rows of the wrong types or
a FIFO in its place is a clear message (or left-out rows), never a traceback or a hang."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from keykis.cli import main
from keykis.search.index import index_ok, write_index


def _index(tmp_path: Path) -> Path:
    card = {"slug": "c1", "title": {"ru": "Очереди в ЦОН"}, "languages": ["ru"], "disciplines": [],
            "keywords": {"ru": ["очереди"]}, "abstract": {"ru": "Очереди в зале."}}
    out = tmp_path / "out"
    out.mkdir()
    write_index([card], out / "index.sqlite")  # type: ignore[list-item]
    return out


def _search(where: Path, capsys, monkeypatch) -> tuple[int, str]:
    monkeypatch.setenv("KEYKIS_LANG", "en")
    code = main(["search", "очереди", "--in", str(where)])
    printed = capsys.readouterr()
    return code, printed.out + printed.err


@pytest.mark.parametrize("sql", [
    "CREATE VIEW forever AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n",
    "CREATE TRIGGER t AFTER INSERT ON cases BEGIN SELECT 1; END",
])
def test_an_index_with_a_view_or_a_trigger_is_refused(tmp_path: Path, sql: str, capsys, monkeypatch) -> None:
    out = _index(tmp_path)
    conn = sqlite3.connect(out / "index.sqlite")
    conn.execute(sql)
    conn.commit()
    conn.close()
    code, text = _search(out, capsys, monkeypatch)
    assert code == 2 and "Traceback" not in text and "run keykis build again" in text
    assert not index_ok(out / "index.sqlite")  # the next build makes it again


def test_a_cases_table_replaced_by_an_endless_view_is_refused(tmp_path: Path, capsys, monkeypatch) -> None:
    out = _index(tmp_path)
    conn = sqlite3.connect(out / "index.sqlite")
    conn.execute("ALTER TABLE cases RENAME TO old")
    conn.execute("CREATE VIEW cases AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)"
                 " SELECT 'c' || x AS slug, '{}' AS card, '' AS disciplines, '' AS authors, 'ru' AS languages FROM n")
    conn.commit()
    conn.close()
    code, text = _search(out, capsys, monkeypatch)
    assert code == 2 and "Traceback" not in text


@pytest.mark.parametrize("card", [b"\x00binary", 42, "[1, 2]", "not json", "[" * 50_000])
def test_rows_of_the_wrong_type_are_left_out(tmp_path: Path, card: object, capsys, monkeypatch) -> None:
    out = _index(tmp_path)
    conn = sqlite3.connect(out / "index.sqlite")
    conn.execute("UPDATE cases SET card = ?", (card,))
    conn.commit()
    conn.close()
    code, text = _search(out, capsys, monkeypatch)
    assert code in (1, 2) and "Traceback" not in text


def test_a_fifo_in_place_of_the_index_is_refused_at_once(tmp_path: Path, capsys, monkeypatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "index.sqlite")
    code, text = _search(out, capsys, monkeypatch)  # never opened: no hang
    assert code == 2 and "Traceback" not in text
    assert not index_ok(out / "index.sqlite")


def test_a_good_index_still_answers(tmp_path: Path, capsys, monkeypatch) -> None:
    out = _index(tmp_path)
    code, text = _search(out, capsys, monkeypatch)
    assert code == 0 and "Очереди в ЦОН" in text
    assert json.loads(json.dumps({"ok": True}))


@pytest.mark.parametrize("kind", ["fifo", "list", "deep"])
def test_a_hostile_catalog_json_is_made_again(tmp_path: Path, kind: str) -> None:
    from keykis.library.catalogue import CATALOG_JSON, present

    out = _index(tmp_path)
    (out / "catalog.pdf").write_bytes(b"%PDF-1.7\n")
    target = out / CATALOG_JSON
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.write_text("[1, 2]" if kind == "list" else "[" * 100_000, encoding="utf-8")
    assert present(out) is False
