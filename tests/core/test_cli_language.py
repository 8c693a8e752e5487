"""The command line speaks ru, kk and en: help, section titles and argparse's own errors."""

from __future__ import annotations

import argparse

import pytest

from keykis.cli import COMMANDS, build_parser, main
from keykis.vocabulary import LANGS, known


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_argument_of_every_command_has_help_in_the_vocabulary() -> None:
    missing = []
    for name, sub in _subparsers(build_parser(COMMANDS)).items():
        for action in sub._actions:
            if action.dest == "help" or action.help is argparse.SUPPRESS:
                continue
            if not known(f"cli.{name}.{action.dest}"):
                missing.append(f"cli.{name}.{action.dest}")
    assert missing == []


@pytest.mark.parametrize(("lang", "words"), [
    ("ru", ["использование: keykis build", "параметры:", "куда собирать базу", "показать эту справку и выйти"]),
    ("kk", ["қолданылуы: keykis build", "параметрлер:", "база қайда жиналады", "осы анықтаманы көрсетіп, шығу"]),
    ("en", ["usage: keykis build", "options:", "where the database is built", "show this help and exit"]),
])
def test_help_is_in_the_language_asked_for(lang: str, words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help", "--lang", lang])
    out = capsys.readouterr().out
    for word in words:
        assert word in out
    assert out.count("usage") + out.count("использование") + out.count("қолданылуы") == 1


@pytest.mark.parametrize(("argv", "expected"), [
    (["render", "x", "--lang", "ru"], "keykis render: ошибка: не указано: -o/--output"),
    (["check", "x", "--format", "xml", "--lang", "kk"], "«xml» — мыналардың бірі болуы керек: human, json, line"),
    (["build", "x", "-o", "y", "-j", "many", "--lang", "ru"], "-j/--jobs: «many» — не целое число"),
    (["check", "x", "--nonsense", "--lang", "ru"], "непонятно: --nonsense"),
])
def test_argument_errors_are_in_the_language_asked_for(argv: list[str], expected: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert expected in capsys.readouterr().err


def test_the_locale_chooses_the_language_when_lang_is_not_given(monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KEYKIS_LANG", "kk")
    assert main(["chek"]) == 2
    assert "белгісіз команда «chek»; мүмкін, «check»?" in capsys.readouterr().err
    assert set(LANGS) == {"ru", "kk", "en"}
