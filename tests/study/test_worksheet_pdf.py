"""``keykis render WORKSHEET``: worksheet.pdf for submission, read as a person would."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from keykis.cli import main
from tests.study.classgen import Spec, worksheet_data
from tests.study.conftest import CASE_DIR


@pytest.mark.slow
def test_render_worksheet_prints_people_chain_and_matrix_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(CASE_DIR, tmp_path / "cases" / CASE_DIR.name)
    data = worksheet_data(Spec("Команда «Север»", team=("Алия Касымова", "Данияр Беков"), g1=-2, v1=2))
    data["defence"] = "Ссылка [сюда](file:///etc/passwd) и <script>alert(1)</script> остаются текстом."
    sheet = tmp_path / "group" / "north.yaml"
    sheet.parent.mkdir()
    sheet.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["render", str(sheet), "-o", str(tmp_path / "out")]) == 0
    assert "worksheet.pdf" in capsys.readouterr().out
    pdf = tmp_path / "out" / "worksheet.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = text.replace("\u00a0", " ")
    for expected in ("Команда «Север»", "Алия Касымова, Данияр Беков", "ГМУ-21", "1 декабря 2026 г.",
                     "Перенести обучение жителей", "сотрудничество", "Матрица решений", "\u22122", "+2",
                     "<script>alert(1)</script>", "Иванов"):
        assert expected in text, expected
    assert not re.search(r"(?<!\d)-2(?!\d)", text)  # scores print with a true minus sign, as in the case's matrix
    assert "Ерлан Сапаров" not in text  # the case is used through the student view
    links = subprocess.run(["strings", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "file:///etc/passwd" not in links


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_worksheet_pdf_prints_everything_the_student_wrote_translated(tmp_path: Path, lang: str) -> None:
    sheet = Path(__file__).resolve().parent / "data" / "class30" / "23-22010.yaml"
    assert main(["render", str(sheet), "-o", str(tmp_path), "--lang", lang]) == 0
    raw = subprocess.run(["pdftotext", str(tmp_path / "worksheet.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    text = " ".join(raw.split())
    written = yaml.safe_load(sheet.read_text(encoding="utf-8"))
    task = written["matrix"]["tasks"]["items"][0]
    for part in ("what", "when", "where", "how_much"):
        assert task[part] in text, part  # the chosen task's parts
    assert written["matrix"]["solutions"]["items"][0]["risks"] in text  # the risks
    for row in written["decision"]["scores"].values():  # every score's reason
        for cell in row.values():
            assert cell["reason"] in text
    assert written["defence"] in text
    words = {"ru": ("Формулировка выбранной задачи", "Риски", "ошибка", "заметка"),
             "en": ("The chosen task in full", "Risks", "error", "note")}[lang]
    for word in words:
        assert word in text, word
    assert (" info " not in text) and ("Замечания проверки" in text) == (lang == "ru")
