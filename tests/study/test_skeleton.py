"""A new worksheet cannot trap: block style, the student's language, every part once, placeholders found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from keykis.cli import main
from keykis.model import Case
from keykis.study.checks import check_worksheet, is_placeholder
from keykis.study.worksheet import load_worksheet, new_worksheet
from keykis.vocabulary import say

WORDS = {"ru": ("Шаг 12. Поле проблем", "«ваши имя и фамилия»"), "kk": ("Қадам 12.", "«аты-жөніңіз»"),
         "en": ("Step 12. Field of problems", "«your full name»")}

# What a student types over each placeholder of the skeleton (the same in every language).
FILLED = {
    "name": "Айгерим Нурланова", "id": "21001", "group": "ГМУ-21",
    "owner": "ivanov", "who": "ivanov", "target": "villagers", "strategy": "cooperation",
    "resource1": "time", "resource2": "information",
    "problem": "Операторы тратят треть времени на обучение жителей порталу.",
    "contradiction": "Времени у операторов нет, а жителям не хватает информации.",
    "task": "Перенести обучение жителей в сёла.", "what": "выездные занятия", "when": "весной",
    "where": "в сёлах", "how_much": "два выезда", "solution": "Выездные дни вместе с акиматами.",
    "reason": "Очередь в зале станет короче.", "defence": "Выбираю выездные дни.",
}


def _fill(text: str, lang: str) -> str:
    for key, value in FILLED.items():
        text = text.replace(f'"{say(f"worksheet.placeholder_{key}", lang)}"', f'"{value}"')
    return text.replace("score: 0", "score: 2")


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_a_new_worksheet_is_block_style_in_the_students_language(tmp_path: Path, case: Case, lang: str) -> None:
    path = new_worksheet(tmp_path / "w.yaml", case, lang=lang)
    text = path.read_text(encoding="utf-8")
    prompt, name = WORDS[lang]
    assert prompt in text and name in text and f"language: {lang}" in text
    assert not re.search(r"^\s*#\s*(chosen|items|- id):", text, re.MULTILINE)  # nothing to uncomment
    assert "{" not in text.split("keykis: 1", 1)[1]  # block style only: no one-line mappings to break
    assert text.startswith("# yaml-language-server: $schema=") and "$schema=/" not in text  # relative modeline
    ws = load_worksheet(path)  # the safe loader refuses duplicate keys
    findings = check_worksheet(ws, case, lang=lang)
    assert {f.rule for f in findings} == {"worksheet-placeholder", "field-fan"}  # the student adds the fan
    assert sum(f.rule == "worksheet-placeholder" for f in findings) == sum(
        is_placeholder(v) for v in re.findall(r'"([^"]*)"', text))


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_filling_every_placeholder_gives_a_worksheet_check_accepts(tmp_path: Path, case: Case, lang: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = new_worksheet(tmp_path / "w.yaml", case, lang=lang)
    path.write_text(_fill(path.read_text(encoding="utf-8"), lang), encoding="utf-8")
    code = main(["check", "--case", str(case.path), "--lang", lang, str(path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "worksheet-placeholder" not in out


def test_the_student_and_group_given_are_written_quoted(tmp_path: Path, case: Case) -> None:
    path = new_worksheet(tmp_path / "w.yaml", case, student='Д\'Арк: "Жанна" # 1', group="ГМУ-21, поток 2")
    ws = load_worksheet(path)
    assert [s.name for s in ws.students] == ['Д\'Арк: "Жанна" # 1'] and ws.group == "ГМУ-21, поток 2"


def test_the_worksheet_schema_validates_offline_with_check_jsonschema(tmp_path: Path, case: Case) -> None:
    """No $id pointing at a web site: the case schema is found beside the worksheet schema, without network."""
    import shutil
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("check-jsonschema")
    if not exe.exists():
        pytest.skip("check-jsonschema is not installed")
    schemas = Path(__file__).resolve().parents[2] / "schemas"
    cmd = [str(exe), "--no-cache", "--schemafile", str(schemas / "worksheet.schema.json")]
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        cmd = ["unshare", "-n", *cmd]  # no network at all
    good = Path(__file__).resolve().parent / "data" / "class30" / "01-21001.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text(encoding="utf-8").replace("score: 2", "score: 7"), encoding="utf-8")
    ok = subprocess.run([*cmd, str(good)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = subprocess.run([*cmd, str(bad)], capture_output=True, text=True, timeout=120)
    assert broken.returncode == 1 and "7 is greater than the maximum of 2" in broken.stdout
    path = new_worksheet(tmp_path / "sub" / "w.yaml", case, lang="en")
    modeline = path.read_text(encoding="utf-8").splitlines()[0]
    target = modeline.split("$schema=", 1)[1]
    assert not target.startswith("/") and (path.parent / target).resolve() == (schemas / "worksheet.schema.json")
