"""One way to write a file: whole or not at all, with the permissions the umask asks for."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from keykis import atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_follows_the_umask(tmp_path: Path, umask022: None) -> None:
    atomic.write_text(tmp_path / "a.txt", "Очередь\n")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Очередь\n"
    assert mode(tmp_path / "a.txt") == 0o644
    os.umask(0o027)
    atomic.write_bytes(tmp_path / "b.pdf", b"%PDF")
    assert mode(tmp_path / "b.pdf") == 0o640


def test_a_replaced_file_keeps_its_mode_and_a_backup_is_whole(tmp_path: Path, umask022: None) -> None:
    target = tmp_path / "case.yaml"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o600)
    atomic.write_text(target, "new\n", backup=tmp_path / "case.yaml.bak")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert (tmp_path / "case.yaml.bak").read_text(encoding="utf-8") == "old\n"
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml", "case.yaml.bak"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "index.sqlite"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic.replace_with(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.sqlite"]


def test_staging_folders_are_not_private(tmp_path: Path, umask022: None) -> None:
    from keykis.library import atomic as build_atomic

    staged = build_atomic.staging_dir(tmp_path, "case-1")
    assert mode(staged) == 0o755


def test_one_module_writes_every_file() -> None:
    """No other module renames temporary files on its own (the six copies are gone).

    The editor's journal (``recovery.py``) is the one exception: a file kept open for appends.
    """
    root = Path(__file__).resolve().parents[2] / "keykis"
    offenders = [p.relative_to(root).as_posix() for p in root.rglob("*.py")
                 if p.name not in ("atomic.py", "recovery.py") and ("mkstemp" in p.read_text(encoding="utf-8")
                                               or ".tmp\")" in p.read_text(encoding="utf-8"))]
    assert offenders == []


WRITER = """
import sys
from pathlib import Path
from keykis import atomic
target = Path(sys.argv[1])
blocks = [b"A" * 2_000_000, b"B" * 3_000_000]
print("ready", flush=True)
i = 0
while True:
    atomic.write_bytes(target, blocks[i % 2])
    i += 1
"""


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.5])
def test_kill_9_while_writing_leaves_a_whole_file(tmp_path: Path, delay: float) -> None:
    import signal
    import subprocess
    import sys
    import time

    target = tmp_path / "catalog.pdf"
    target.write_bytes(b"A" * 2_000_000)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    data = target.read_bytes()
    assert data in (b"A" * 2_000_000, b"B" * 3_000_000)
