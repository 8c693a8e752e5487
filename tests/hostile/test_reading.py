"""Only regular files are read, with the size cap checked first: no hang, no unbounded read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from keykis import safe_read
from keykis.errors import CaseFileError
from tests.helpers import run_cli
from tests.hostile.conftest import copy_example


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", [("check",), ("render", "-o", "OUT")])
def test_a_fifo_as_the_case_file_is_refused_at_once(tmp_path: Path, command: tuple[str, ...]) -> None:
    fifo(tmp_path / "case" / "case.yaml")
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    proc = run_cli(args[0], str(tmp_path / "case"), *args[1:], timeout=60)
    out = proc.stdout + proc.stderr
    assert proc.returncode in (1, 2)  # check reports it as a finding, render as an error
    assert "named pipe (FIFO)" in out and "Traceback" not in out


def test_a_link_to_dev_zero_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "case.yaml").symlink_to("/dev/zero")
    proc = run_cli("check", str(tmp_path / "case"), timeout=60)
    assert proc.returncode == 1
    assert "a device" in proc.stdout and "Traceback" not in proc.stderr


def test_the_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(safe_read.MAX_BYTES + 1)  # sparse: reading it would take memory, checking it does not
    with pytest.raises(CaseFileError, match="too large"):
        safe_read.read_bytes(big)


def test_the_editor_refuses_a_fifo(tmp_path: Path) -> None:
    from keykis.casefile import open_case

    fifo(tmp_path / "case.yaml")
    with pytest.raises(CaseFileError, match="FIFO"):
        open_case(tmp_path / "case.yaml")


def test_a_link_out_of_the_folder_is_refused_where_a_root_is_given(tmp_path: Path) -> None:
    (tmp_path / "case").mkdir()
    (tmp_path / "secret.txt").write_text("password", encoding="utf-8")
    (tmp_path / "case" / "notes.txt").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "case" / "inside.txt").write_text("fine", encoding="utf-8")
    (tmp_path / "case" / "alias.txt").symlink_to("inside.txt")
    with pytest.raises(CaseFileError, match="outside the case folder"):
        safe_read.read_bytes(tmp_path / "case" / "notes.txt", root=tmp_path / "case")
    assert safe_read.read_bytes(tmp_path / "case" / "alias.txt", root=tmp_path / "case") == b"fine"


def test_legacy_encodings_get_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes("студент: Иванов\n".encode("cp1251"))
    (tmp_path / "b.yaml").write_bytes("студент: Иванов\n".encode("utf-16"))
    with pytest.raises(CaseFileError, match="Windows-1251"):
        safe_read.read_text(tmp_path / "a.yaml")
    with pytest.raises(CaseFileError, match="UTF-16"):
        safe_read.read_text(tmp_path / "b.yaml")


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["fifo", "dev-zero", "outside-link", "unreadable"])
def test_one_bad_file_in_a_case_folder_fails_only_that_case(tmp_path: Path, layout: str) -> None:
    from keykis.library import BuildOptions, build_database
    from tests.library import standin

    cases = tmp_path / "cases"
    copy_example(cases / "good", "good")
    bad = copy_example(cases / "bad", "bad")
    if layout == "fifo":
        fifo(bad / "images" / "photo.png")
    elif layout == "dev-zero":
        (bad / "data.bin").symlink_to("/dev/zero")
    elif layout == "outside-link":
        (bad / "passwd.txt").symlink_to("/etc/passwd")
    else:  # a link loop cannot be opened by anyone, root included
        (bad / "notes.txt").symlink_to("notes.txt")
    opts = BuildOptions(outdir=tmp_path / "out", workers=1, renderer=standin.render, timeout=20)
    report = build_database([cases], opts)
    status = {o.slug: (o.status, o.reason) for o in report.outcomes}
    assert status["good"] == ("built", "")
    assert status["bad"][0] == "failed"
    assert str(bad) in status["bad"][1]
    assert (tmp_path / "out" / "good" / "case.pdf").is_file()


def test_a_yaml_merge_key_merges_and_a_python_tag_is_still_refused() -> None:
    from keykis import yamlsafe

    text = "base: &b {role: аким, level: район}\nactor:\n  <<: *b\n  level: область\n"
    assert yamlsafe.loads(text)["actor"] == {"role": "аким", "level": "область"}  # the key written beside wins
    with pytest.raises(CaseFileError, match="duplicate key 'a'"):
        yamlsafe.loads("x:\n  <<: {b: 1}\n  a: 1\n  a: 2\n")
    with pytest.raises(CaseFileError, match="mapping or list of mappings"):
        yamlsafe.loads("x:\n  <<: 5\n")
    with pytest.raises(CaseFileError, match="tags that construct objects"):
        yamlsafe.loads("x: !!python/object/apply:os.system ['true']\n")
