"""Every fault of the output folder is a clear error, and the next good build heals."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from keykis.cli import main
from tests.helpers import EXAMPLE, run_cli

STANDIN = "tests.library.standin:render"


class Run:
    """What one ``keykis build`` printed, as a subprocess result would hold it; ``text`` without table borders."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr
        self.text = " ".join((stdout + stderr).replace("│", " ").replace("┃", " ").split())


@pytest.fixture
def build(capsys: pytest.CaptureFixture[str]):  # noqa: ANN201
    """``keykis build CASES -o OUT`` through the real command, in this process (inline executor, stand-in renderer)."""

    def run(cases: Path, out: Path) -> Run:
        code = main(["build", str(cases), "-o", str(out), "--renderer", STANDIN, "--executor", "inline", "-q"])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    for slug in ("case-1", "case-2"):
        (tmp_path / "cases" / slug).mkdir(parents=True)
        text = EXAMPLE.read_text(encoding="utf-8").replace("id: ozerny-service-centre", f"id: {slug}")
        text = text.replace('number: "5"', f'number: "{slug}"')
        (tmp_path / "cases" / slug / "case.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "cases"


def assert_clear(proc: Run, *words: str) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    for w in words:
        assert w in proc.stderr, proc.stderr


def test_output_that_is_a_file(cases: Path, tmp_path: Path, build) -> None:
    (tmp_path / "out").write_text("notes", encoding="utf-8")
    assert_clear(build(cases, tmp_path / "out"), "must be a folder")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "notes"


@pytest.mark.slow
def test_manifest_that_is_a_folder_then_heals(cases: Path, tmp_path: Path, build) -> None:
    out = tmp_path / "out"
    (out / "manifest.json").mkdir(parents=True)
    assert_clear(build(cases, out), "manifest.json", "Is a directory")
    (out / "manifest.json").rmdir()
    proc = build(cases, out)
    assert proc.returncode == 0, proc.stderr
    assert (out / "manifest.json").is_file() and (out / "case-1" / "case.pdf").is_file()


@pytest.mark.slow
def test_staging_that_is_a_file_heals_at_once(cases: Path, tmp_path: Path, build) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".staging").write_text("x", encoding="utf-8")
    proc = build(cases, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / "case-2" / "case.pdf").is_file() and not (out / ".staging").exists()


@pytest.mark.slow
def test_damaged_index_and_manifest_are_made_again(cases: Path, tmp_path: Path, build) -> None:
    out = tmp_path / "out"
    assert build(cases, out).returncode == 0
    (out / "index.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    proc = build(cases, out)
    assert proc.returncode == 0 and "catalogue built" in proc.text
    conn = sqlite3.connect(out / "index.sqlite")
    assert conn.execute("SELECT count(*) FROM cases").fetchone() == (2,)
    conn.close()
    assert run_cli("search", "очереди", "--in", str(out)).returncode == 0
    (out / "manifest.json").write_text("{not json", encoding="utf-8")
    proc = build(cases, out)
    assert proc.returncode == 0, proc.stderr
    assert "manifest.json" not in proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", ["manifest.json", "index.sqlite", "catalog.pdf", ".staging", ".catalog-chunks"])
def test_case_folders_named_like_build_outputs_are_refused(cases: Path, tmp_path: Path, name: str, build) -> None:
    shutil.copytree(cases / "case-1", cases / name)
    out = tmp_path / "out"
    proc = build(cases, out)
    assert proc.returncode == 1
    assert "rename the case folder" in proc.text
    assert (out / "case-1" / "case.pdf").is_file()
    shutil.rmtree(cases / name)
    assert build(cases, out).returncode == 0  # and the build is not broken for later runs


@pytest.mark.slow
def test_a_damaged_manifest_never_deletes_outside_the_output(cases: Path, tmp_path: Path, build) -> None:
    out = tmp_path / "out"
    assert build(cases, out).returncode == 0
    victim = tmp_path / "precious"
    victim.mkdir()
    (victim / "thesis.txt").write_text("years of work", encoding="utf-8")
    text = (out / "manifest.json").read_text(encoding="utf-8").replace('"case-2"', '"../precious"')
    (out / "manifest.json").write_text(text, encoding="utf-8")
    assert build(cases, out).returncode == 0
    assert (victim / "thesis.txt").read_text(encoding="utf-8") == "years of work"


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A real, tiny file system (tmpfs) at ``folder``; skips the test where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small file system needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.slow
def test_full_disk_is_a_clear_error_and_the_next_build_heals(cases: Path, tmp_path: Path, build) -> None:
    with small_disk(tmp_path / "disk") as disk:
        out = disk / "out"
        assert build(cases, out).returncode == 0
        filler = disk / "filler"
        with contextlib.suppress(OSError), filler.open("wb", buffering=0) as f:
            while True:
                f.write(b"\0" * 65536)
        for slug in ("case-1", "case-2"):
            (cases / slug / "notes.md").write_text("a change", encoding="utf-8")
        proc = build(cases, out)
        assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr
        assert "No space left on device" in proc.text
        filler.unlink()
        proc = build(cases, out)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert (out / "manifest.json").is_file() and (out / "case-1" / "case.pdf").is_file()


@pytest.mark.slow
def test_read_only_output_is_a_clear_error_and_the_next_build_heals(cases: Path, tmp_path: Path, build) -> None:
    with small_disk(tmp_path / "disk") as disk:
        out = disk / "out"
        assert build(cases, out).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        (cases / "case-1" / "notes.md").write_text("a change", encoding="utf-8")
        proc = build(cases, out)
        assert_clear(proc, "Read-only file system")
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        assert build(cases, out).returncode == 0


@pytest.mark.parametrize("slug", ["../evil", "/tmp/keykis-abs-evil", "a/b", "x" * 300, "Caps", ".hidden"])
def test_new_refuses_a_slug_that_is_not_one_plain_name(tmp_path: Path, slug: str) -> None:
    (tmp_path / "cases").mkdir()
    proc = run_cli("new", slug, "--dir", str(tmp_path / "cases"), cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "case id" in proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["cases"] and not any((tmp_path / "cases").iterdir())
    assert not Path("/tmp/keykis-abs-evil").exists()


@pytest.mark.slow
def test_published_files_follow_the_umask(cases: Path, tmp_path: Path, build, umask022: None) -> None:
    import stat

    out = tmp_path / "out"
    assert build(cases, out).returncode == 0
    modes = {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*")
             if not p.name.startswith(".") and ".catalog-chunks" not in p.parts}
    assert modes["case-1"] == 0o755 and modes["case-1/case.pdf"] == 0o644
    assert modes["manifest.json"] == 0o644 and modes["index.sqlite"] == 0o644 and modes["catalog.pdf"] == 0o644
