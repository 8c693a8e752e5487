"""The ``keykis`` command as a pip user meets it: no hang off a terminal, did-you-mean, completion, examples."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from keykis.cli import COMMANDS, main
from keykis.cli.completion import bash, fish, zsh
from keykis.cli.examples import bundled


def _keykis(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "keykis", *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL, cwd=cwd)


def test_plain_keykis_off_a_terminal_prints_the_help_and_exits_2() -> None:
    proc = _keykis()
    assert proc.returncode == 2
    assert "usage: keykis" in proc.stderr
    assert "check" in proc.stderr and "examples" in proc.stderr


def test_a_mistyped_command_gets_a_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chek", "cases"]) == 2
    assert "unknown command 'chek'; did you mean 'check'?" in capsys.readouterr().err
    assert main(["zzzz"]) == 2
    assert "the commands are: check" in capsys.readouterr().err


def test_bash_completion_is_valid_bash_and_knows_every_command_and_option() -> None:
    script = bash()
    assert all(c in script for c in COMMANDS)
    assert "--errors-only" in script and "complete -o default -F _keykis keykis" in script
    if shutil.which("bash"):
        assert subprocess.run(["bash", "-n"], input=script, text=True, capture_output=True).returncode == 0


def test_zsh_and_fish_completion_name_every_command() -> None:
    z, f = zsh(), fish()
    assert z.startswith("#compdef keykis")
    for c in COMMANDS:
        assert f"'{c}:" in z
        assert f"-a {c} " in f
    assert "-l lang -d" in f and "-xa 'ru kk en'" in f
    if shutil.which("zsh"):
        assert subprocess.run(["zsh", "-n"], input=z, text=True, capture_output=True).returncode == 0
    if shutil.which("fish"):
        assert subprocess.run(["fish", "-n"], input=f, text=True, capture_output=True).returncode == 0


def test_completion_command_prints_the_script() -> None:
    proc = _keykis("completion", "fish")
    assert proc.returncode == 0 and "complete -c keykis" in proc.stdout


def test_examples_copies_the_bundled_cases_and_they_check_clean(tmp_path: Path) -> None:
    names = sorted(p.name for p in bundled())
    assert "ozerny-service-centre" in names and len(names) >= 6
    proc = _keykis("examples", str(tmp_path / "cases"))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.parent.name for p in (tmp_path / "cases").glob("*/case.yaml")) == names
    again = _keykis("examples", str(tmp_path / "cases"))
    assert again.returncode == 0 and "already there" in again.stdout
    check = _keykis("check", "cases/ozerny-service-centre", "--format", "line", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
