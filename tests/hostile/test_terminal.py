"""Text from a case never drives the terminal: no ESC, OSC, BEL or CR reaches check, search or build output."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from keykis.terminal import clean, clean_line
from tests.helpers import EXAMPLE, run_cli

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PAYLOAD = "\\e]0;pwned\\a\\e[2J\\r\\e]52;c;aGVsbG8=\\a\\x9b31m"
"""As written in a YAML double-quoted string: retitle, clear, carriage return, clipboard, an 8-bit CSI."""


def evil_case(folder: Path, name: str = "evil") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("title: Может ли руководитель ЦОН сократить очереди без новых штатных единиц?",
                        f'title: "Может ли руководитель ЦОН {PAYLOAD}сократить очереди?"')
    text = text.replace("  - id: ivanov\n", f'  - id: "ivanov{PAYLOAD}"\n', 1)
    (folder / name).mkdir(parents=True)
    (folder / name / "case.yaml").write_text(text, encoding="utf-8")
    return folder / name


def test_clean_pictures_controls_and_keeps_text() -> None:
    assert clean("a\x1b]0;x\x07b\r\n\tc\x9b") == "a\u241b]0;x\u2407b\u240d\n\tc?"
    assert clean_line("a\nb") == "a\u240ab"
    assert clean("Очередь [red] ½ — ok") == "Очередь [red] ½ — ok"


@pytest.mark.parametrize("fmt", [pytest.param("human", marks=pytest.mark.slow), "line"])
def test_check_prints_no_control_characters(tmp_path: Path, fmt: str) -> None:
    case = evil_case(tmp_path)
    proc = run_cli("check", str(case), "--format", fmt, "--lang", "en")
    assert proc.returncode == 1
    assert "ivanov\u241b" in proc.stdout  # the author still sees that something odd is there
    assert not CONTROL.search(proc.stdout + proc.stderr)


def test_search_prints_no_control_characters(tmp_path: Path) -> None:
    evil_case(tmp_path / "cases")
    proc = run_cli("search", "очереди", "--in", str(tmp_path / "cases"))
    assert proc.returncode == 0, proc.stderr
    assert "сократить очереди" in proc.stdout
    assert not CONTROL.search(proc.stdout + proc.stderr)


@pytest.mark.slow
def test_build_lines_and_tables_print_no_control_characters_or_markup(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    evil_case(cases, "bad-[red]case[i]")
    shutil.copytree(EXAMPLE.parent, cases / "good")
    proc = run_cli("build", str(cases), "-o", str(tmp_path / "out"), "--renderer", "tests.library.standin:render",
                   "-j", "1", timeout=180)
    assert proc.returncode == 1, proc.stderr
    assert "bad-[red]case[i]" in proc.stdout  # a folder name is printed as written, not as markup
    assert "ivanov\u241b" in proc.stdout
    assert not CONTROL.search(proc.stdout + proc.stderr)
