"""A case folder that is a link out of the collection is not built; invisible and bidi characters are findings,
shown pictured on the terminal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keykis.cli import main
from tests.helpers import DATA, EXAMPLE


@pytest.mark.slow
def test_a_case_folder_linked_from_outside_the_collection_is_refused(tmp_path: Path, capsys) -> None:
    cases = tmp_path / "cases"
    (cases / "case-1").mkdir(parents=True)
    shutil.copy(EXAMPLE, cases / "case-1" / "case.yaml")
    secret = tmp_path / "elsewhere" / "private-case"
    secret.mkdir(parents=True)
    shutil.copy(EXAMPLE, secret / "case.yaml")
    (cases / "borrowed").symlink_to(secret)
    out = tmp_path / "public"
    code = main(["build", str(cases), "-o", str(out), "--renderer", "tests.library.standin:render",
                 "--executor", "inline", "-q"])
    printed = capsys.readouterr()
    text = " ".join((printed.out + printed.err).replace("│", " ").split())
    assert code == 1 and "Traceback" not in printed.err
    assert "link to a folder outside the collection" in text
    assert (out / "case-1" / "case.pdf").is_file() and not (out / "borrowed").exists()
    assert "borrowed" not in (out / "catalog.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(("file", "rule"), [
    ("invisible-in-name__zero_width_space_in_an_alias.yaml", "invisible-in-name"),
    ("invisible-character__soft_hyphen_pasted_into_the_narrative.yaml", "invisible-character"),
])
def test_invisible_characters_are_findings_pictured_on_the_terminal(file: str, rule: str, capsys,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEYKIS_LANG", "en")
    main(["check", str(DATA / "invalid" / file)])
    out = capsys.readouterr().out
    assert rule in out and ("<U+200B>" in out or "<U+00AD>" in out)
    assert "\u200b" not in out


def test_a_bidi_override_in_a_name_never_reaches_the_terminal(tmp_path: Path, capsys,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEYKIS_LANG", "en")
    folder = tmp_path / "case"
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8").replace("alias: Петров", "alias: \"\\u202eвортеП\\u202c\"")
    (folder / "case.yaml").write_text(text, encoding="utf-8")
    main(["check", str(folder / "case.yaml")])
    out = capsys.readouterr().out
    assert "invisible-in-name" in out and "<U+202E>" in out
    assert "\u202e" not in out and "\u202c" not in out
