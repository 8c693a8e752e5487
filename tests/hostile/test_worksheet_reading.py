"""Worksheets that are not UTF-8 text files: check, review and study say why, and read nothing they should not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from keykis.cli import main
from tests.helpers import CASES

SOURCE = Path(__file__).resolve().parents[1] / "study" / "data" / "worksheet.yaml"
CASE = CASES / "ozerny-service-centre"
EXPECTED = {
    "cp1251.yaml": "Windows-1251",
    "utf16.yaml": "UTF-16",
    "binary.yaml": "binary file",
    "huge.yaml": "too large (61.0 MiB; the limit is 4.0 MiB)",
    "fifo.yaml": "named pipe (FIFO)",
    "folder.yaml": "a folder",
}


@pytest.fixture
def sheets(tmp_path: Path) -> Path:
    text = SOURCE.read_text(encoding="utf-8")
    (tmp_path / "cp1251.yaml").write_bytes(text.encode("cp1251", errors="replace"))
    (tmp_path / "utf16.yaml").write_bytes(text.encode("utf-16"))
    (tmp_path / "binary.yaml").write_bytes(b"worksheet:\x00\x01\x02" * 100)
    with (tmp_path / "huge.yaml").open("wb") as f:
        f.write(b"worksheet:\n")
        f.truncate(61 * 1024 * 1024)  # sparse: reading it would cost 61 MB, refusing it costs nothing
    os.mkfifo(tmp_path / "fifo.yaml")
    return tmp_path


def test_check_names_each_problem(sheets: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(sheets / n) for n in EXPECTED if n != "folder.yaml"]
    assert main(["check", *files, "--case", str(CASE), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    for name, words in EXPECTED.items():
        if name != "folder.yaml":
            assert f"{name}\n" in out and words in out.split(name)[1].split("\n\n")[0], (name, out)


@pytest.mark.slow
def test_review_lists_each_as_skipped_with_its_reason(sheets: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(sheets / n) for n in EXPECTED if n != "folder.yaml"]
    assert main(["review", str(CASE), *files, "-o", str(tmp_path / "review"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    for name, words in EXPECTED.items():
        if name != "folder.yaml":
            line = next(x for x in err.splitlines() if name in x)
            assert words in line, line


@pytest.mark.parametrize("name", list(EXPECTED))
def test_study_refuses_with_the_reason(sheets: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    if name == "folder.yaml":
        (sheets / name).mkdir()
    before = sorted(p.name for p in sheets.iterdir())
    assert main(["study", str(CASE), "--worksheet", str(sheets / name), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("folder" in err if name == "folder.yaml" else EXPECTED[name] in err)
    assert sorted(p.name for p in sheets.iterdir()) == before  # nothing written beside it
