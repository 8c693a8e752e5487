"""Depth and names: one nesting limit before any recursive walk (YAML in block and flow style, JSON of the
build's own files), and file names that are not UTF-8 or folders nested too deep get a clear message."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from keykis import yamlsafe
from keykis.cli import main
from keykis.errors import CaseFileError
from tests.helpers import EXAMPLE


def _block(levels: int) -> str:
    return "".join(" " * i + f"k{i}:\n" for i in range(levels)) + " " * levels + "leaf: 1\n"


@pytest.mark.parametrize("levels", [65, 250, 600, 1500])
def test_block_style_nesting_over_the_limit_is_refused(levels: int) -> None:
    with pytest.raises(CaseFileError, match="deeper than 64"):
        yamlsafe.loads(_block(levels), "deep.yaml")


def test_block_style_nesting_within_the_limit_loads() -> None:
    data = yamlsafe.loads(_block(40), "fine.yaml")
    assert "k0" in data


@pytest.mark.parametrize("command", ["check", "render"])
def test_a_deep_case_is_a_clear_message_for_every_command(tmp_path: Path, command: str, capsys,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEYKIS_LANG", "en")
    folder = tmp_path / "deep"
    folder.mkdir()
    (folder / "case.yaml").write_text(EXAMPLE.read_text(encoding="utf-8") + "appendix:\n" +
                                      "".join("  " * (i + 1) + f"k{i}:\n" for i in range(700)), encoding="utf-8")
    args = [command, str(folder / "case.yaml")] + (["-o", str(tmp_path / "out")] if command == "render" else [])
    code = main(args)
    printed = capsys.readouterr()
    assert code in (1, 2) and "deeper than 64 levels" in printed.out + printed.err
    assert "Traceback" not in printed.err


@pytest.mark.slow
@pytest.mark.parametrize("text", ["[" * 100_000, '{"format": 1, "cases": ' + "[" * 5000 + "]" * 5000 + "}"],
                         ids=["brackets", "deep-cases"])
def test_a_deep_manifest_is_made_again_not_trusted(tmp_path: Path, text: str, capsys) -> None:
    cases = tmp_path / "cases" / "c1"
    cases.mkdir(parents=True)
    shutil.copy(EXAMPLE, cases / "case.yaml")
    out = tmp_path / "out"
    argv = ["build", str(tmp_path / "cases"), "-o", str(out), "--renderer", "tests.library.standin:render",
            "--executor", "inline", "-q"]
    assert main(argv) == 0
    (out / "manifest.json").write_text(text, encoding="utf-8")
    (out / "manifest.journal").write_text(text + "\n", encoding="utf-8")
    assert main(argv) == 0, capsys.readouterr().err
    assert (out / "manifest.json").read_text(encoding="utf-8").startswith("{")


def _build(tmp_path: Path) -> tuple[bool, str]:
    from keykis.library import BuildOptions, build_database
    from tests.library import standin

    report = build_database([tmp_path / "cases"], BuildOptions(outdir=tmp_path / "out", renderer=standin.render,
                                                                executor="inline"))
    return report.ok, "\n".join(f"{o.slug} {o.status} {o.reason}" for o in report.outcomes)


@pytest.mark.slow
def test_names_that_are_not_utf8_fail_their_case_with_a_message(tmp_path: Path, capsys) -> None:
    root = os.fsencode(tmp_path / "cases")
    for n, case in enumerate((b"good", b"caf\xe9", b"asset"), 1):  # a collection never has two cases with one number
        os.makedirs(root + b"/" + case)
        text = EXAMPLE.read_text(encoding="utf-8").replace('number: "5"', f'number: "{n}"')
        with open(root + b"/" + case + b"/case.yaml", "w", encoding="utf-8") as f:
            f.write(text)
    with open(root + b"/asset/\xff\xfe.png", "wb") as f:
        f.write(b"\x89PNG")
    ok, text = _build(tmp_path)
    assert not ok
    assert "caf\\xe9: the case folder's name is not UTF-8 text" in text
    assert "\\xff\\xfe.png: this name is not UTF-8 text" in text
    assert (tmp_path / "out" / "good" / "case.pdf").is_file()
    assert main(["search", "очереди", "--in", str(tmp_path / "cases")]) == 0
    err = capsys.readouterr().err
    assert "caf\\xe9/case.yaml: this name is not UTF-8 text" in err


def _flatten(top: Path) -> None:
    """Remove a very deep chain of folders ``top/d/d/…`` without recursion: pull each level up, one at a time."""
    while (top / "d").is_dir():
        os.rename(top / "d", top.with_name("up"))
        os.rmdir(top)
        os.rename(top.with_name("up"), top)
    shutil.rmtree(top)


@pytest.mark.slow
def test_a_folder_nested_1100_levels_deep_fails_its_case(tmp_path: Path) -> None:
    case = tmp_path / "cases" / "deep"
    case.mkdir(parents=True)
    shutil.copy(EXAMPLE, case / "case.yaml")
    fd = os.open(case, os.O_RDONLY)
    try:
        for _ in range(1100):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)
    try:
        ok, text = _build(tmp_path)
    finally:
        _flatten(case / "d")  # the test runner's cleanup could not remove a tree this deep
    assert not ok
    assert "folders are nested deeper than 64 levels" in text
