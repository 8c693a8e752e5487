"""Errors about files and paths speak the user's language: the vocabulary words behind each one."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from keykis import yamlsafe
from keykis.check.engine import check_path
from keykis.errors import CaseFileError
from keykis.study.checks import check_worksheet_file
from keykis.vocabulary import LANGS, catalogue, error_message, known
from keykis.yamlsafe import SYNTAX_WORDS

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "cases" / "ozerny-service-centre"


def _keys_in_code() -> set[str]:
    found: set[str] = set()
    for file in (ROOT / "keykis").rglob("*.py"):
        found |= set(re.findall(r'words=\(\s*"([a-z_]+\.[a-z_0-9]+)"', file.read_text(encoding="utf-8")))
    return found | {key for _, key in SYNTAX_WORDS} | {"file.yaml_tab", "file.yaml_char", "file.yaml_tag",
                                                         "file.yaml_syntax", "file.is_folder", "file.is_special",
                                                         "file.gate_case", "file.gate_worksheet", "file.gate_more",
                                                         "file.top_level"}


def test_every_error_word_is_in_every_language_with_the_same_fields() -> None:
    keys = _keys_in_code()
    assert len(keys) > 30
    for key in sorted(keys):
        assert known(key), key
        section, _, term = key.partition(".")
        fields = [{f for _, f, _, _ in string.Formatter().parse(str(catalogue(lang)[section][term])) if f}
                  for lang in LANGS]
        assert all(f == fields[0] for f in fields), key


@pytest.mark.parametrize(("text", "ru", "kk"), [
    ("a:\n\tb: 1\n", "табуляции", "табуляция"),
    ("title: Кейс: начало\n", "двоеточие", "қос нүкте"),
    ('title: "не закрыта\n', "не закрыта", "жабылмаған"),
    ("a: 1\na: 2\n", "встречается дважды", "екі рет"),
    ("a:\n    b: 1\n  c: 2\n", "отступ", "шегініс"),
    ("a: [1, 2\nb: 3\n", "в скобках не закрыт", "жабылмаған"),
    ("a: @x\n", "«@»", "«@»"),
])
def test_a_yaml_slip_is_explained_in_the_users_language(text: str, ru: str, kk: str) -> None:
    with pytest.raises(CaseFileError) as caught:
        yamlsafe.loads(text, "f.yaml")
    assert caught.value.line is not None
    assert ru in error_message(caught.value, "ru")
    assert kk in error_message(caught.value, "kk")
    english = error_message(caught.value, "en")
    assert english and not re.search("[а-яёәіңғүұқөһ]", english.lower())


def test_an_empty_case_and_a_tab_in_a_worksheet_are_findings_in_russian(tmp_path: Path) -> None:
    case = tmp_path / "c" / "case.yaml"
    case.parent.mkdir()
    case.write_text("", encoding="utf-8")
    (finding,) = check_path(case.parent, lang="ru")
    assert finding.rule == "file" and finding.message == "файл пуст"
    sheet = tmp_path / "w.yaml"
    sheet.write_text("keykis: 1\nworksheet:\n\tcase: x\n", encoding="utf-8")
    (finding,) = check_worksheet_file(sheet, case_path=CASE, lang="kk")
    assert finding.line == 3 and "табуляция" in finding.message


def test_the_command_line_says_a_missing_path_in_the_chosen_language(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("keykis")
    for lang, words in (("ru", "нет такого файла или папки"), ("kk", "мұндай файл немесе бума жоқ"),
                        ("en", "no such file or folder")):
        done = subprocess.run([str(exe), "check", str(tmp_path / "nowhere"), "--lang", lang],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 2
        assert words in done.stderr and "Traceback" not in done.stderr


def test_an_unknown_key_that_is_text_cut_at_a_comma_says_so(tmp_path: Path) -> None:
    guide = (ROOT / "docs" / "student-guide.md").read_text(encoding="utf-8")
    sheet_text = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    broken = re.sub(r"contradiction:\n\s+text: \"(.*?)\"\n\s+between:\n\s+- space\n\s+- human",
                    lambda m: "contradiction: {text: " + m.group(1).replace(":", "") + ", between: [space, human]}",
                    sheet_text, count=1)
    assert broken != sheet_text
    broken = broken.replace("  group:", "  grup:")
    sheet = tmp_path / "w.yaml"
    sheet.write_text(broken, encoding="utf-8")
    findings = check_worksheet_file(sheet, case_path=CASE, lang="ru")
    messages = [f.message for f in findings if f.rule == "unknown-key"]
    assert any("а операторы одни и те же" in m and "запятой" in m for m in messages), messages
    assert any("«grup»" in m and "«group»" in m for m in messages), messages


def test_a_worksheet_the_gate_refuses_is_explained_in_russian(tmp_path: Path) -> None:
    guide = (ROOT / "docs" / "student-guide.md").read_text(encoding="utf-8")
    sheet = tmp_path / "w.yaml"
    sheet.write_text(guide.split("```yaml\n", 1)[1].split("```", 1)[0].replace(
        "score: 2\n        reason: Заявления", 'score: "+2"\n        reason: Заявления'), encoding="utf-8")
    exe = Path(sys.executable).with_name("keykis")
    done = subprocess.run([str(exe), "render", str(sheet), "--lang", "ru", "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "рабочий лист нельзя использовать в таком виде" in done.stderr
    assert "[decision.scores.s1.g1.score]: ожидается целое число" in done.stderr
    assert not (tmp_path / "out").exists()


def test_new_refuses_a_path_as_a_case_id_in_kazakh_and_russian(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("keykis")
    for lang, words in (("ru", "не годится как id кейса"), ("kk", "кейс id-і бола алмайды")):
        done = subprocess.run([str(exe), "new", "../escape", "--lang", lang], capture_output=True, text=True,
                              check=False, cwd=tmp_path)
        assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path.parent / "escape").exists()


def test_the_case_offices_build_errors_are_in_russian(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("keykis")
    output = tmp_path / "out.txt"
    output.write_text("not a folder", encoding="utf-8")
    done = subprocess.run([str(exe), "build", str(CASE), "-o", str(output), "--lang", "ru"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 2 and "результат должен быть папкой, а здесь файл" in done.stderr
    assert output.read_text(encoding="utf-8") == "not a folder"


def _template(node: ast.expr) -> str | None:
    """A literal message with each ``{expression}`` of an f-string as ``{}``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def test_the_english_text_beside_a_vocabulary_key_is_the_vocabularys() -> None:
    """An error's English text (``str(exc)``: logs, build reasons) says what en.yaml says for its key."""
    english = catalogue("en")
    drifted, seen = [], 0
    for file in sorted((ROOT / "keykis").rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            words = next((k.value for k in getattr(node, "keywords", []) if k.arg == "words"), None)
            if not (isinstance(node, ast.Call) and node.args and isinstance(words, ast.Tuple) and words.elts
                    and isinstance(words.elts[0], ast.Constant)):
                continue
            text = _template(node.args[0])
            if text is None:
                continue
            seen += 1
            section, _, term = str(words.elts[0].value).partition(".")
            wanted = re.sub(r"\{[^}]*\}", "{}", str(english.get(section, {}).get(term)))
            if text != wanted:
                drifted.append(f"{file.relative_to(ROOT)}:{node.lineno}: {text!r} / en.yaml: {wanted!r}")
    assert seen > 30
    assert not drifted, "English texts that differ from en.yaml:\n" + "\n".join(drifted)
