"""The command line in the user's language: help, section titles and argparse's own errors.

Every help text lives in the vocabulary (section ``cli``: ``command.<name>``
for the commands, ``<command>.<dest>`` for their arguments), so the command
modules declare only names, types and defaults. The language is ``--lang``
when it is on the command line, else the locale (``KEYKIS_LANG``, ``LANG``...).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from keykis.vocabulary import LANGS, known, say


def lang_of(argv: Sequence[str], default: str) -> str:
    """The language asked for with ``--lang X`` or ``--lang=X`` in ``argv``, else ``default``."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        elif arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        else:
            continue
        if value in LANGS:
            return value
    return default


class Formatter(argparse.HelpFormatter):
    """argparse's help layout with the usage prefix and section titles in the interface language."""

    lang = "en"

    def add_usage(self, usage: str | None, actions: object, groups: object, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix=say("cli.usage", self.lang) if prefix is None else prefix)  # type: ignore[arg-type]

    def start_section(self, heading: str | None) -> None:
        titles = {"positional arguments": "cli.positionals", "options": "cli.options", "optional arguments": "cli.options"}
        super().start_section(say(titles[heading], self.lang) if heading in titles else heading)


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks the interface language, in its help and in its errors."""

    lang = "en"

    def __init__(self, *args: object, **kwargs: object) -> None:
        lang = self.lang
        kwargs["formatter_class"] = type("LocalFormatter", (Formatter,), {"lang": lang})
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.add_argument("-h", "--help", action="help", help=say("cli.help", lang))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, say("cli.error", self.lang, prog=self.prog, message=translate_error(message, self.lang)) + "\n")


def parser_class(lang: str) -> type[Parser]:
    """A ``Parser`` for ``lang`` (subparsers are made from the same class)."""
    return type("LocalParser", (Parser,), {"lang": lang})


_ERRORS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "cli.required"),
    (re.compile(r"argument (?P<name>\S+): invalid choice: '?(?P<value>[^']*)'? \(choose from (?P<choices>.+)\)"),
     "cli.invalid_choice"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "cli.unrecognized"),
    (re.compile(r"argument (?P<name>\S+): expected one argument"), "cli.needs_value"),
    (re.compile(r"argument (?P<name>\S+): invalid (?P<kind>int|float) value: '(?P<value>.*)'"), "cli.invalid_value"),
)


def translate_error(message: str, lang: str) -> str:
    """argparse's English error in ``lang`` (the known kinds; any other is kept as it is)."""
    for pattern, key in _ERRORS:
        found = pattern.fullmatch(message)
        if found:
            fields = found.groupdict()
            if "kind" in fields:
                fields["kind"] = say("cli.whole_number" if fields["kind"] == "int" else "cli.number", lang)
            if "choices" in fields:
                fields["choices"] = fields["choices"].replace("'", "")
            return say(key, lang, **fields)
    return message


def explain(parser: argparse.ArgumentParser, command: str, lang: str) -> None:
    """Fill in the help of every argument of ``command`` from the vocabulary (``cli.<command>.<dest>``)."""
    for action in parser._actions:
        key = f"cli.{command}.{action.dest}"
        if action.help is not argparse.SUPPRESS and known(key):
            action.help = say(key, lang)
