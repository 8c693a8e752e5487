"""The ``keykis`` command: a thin front door over the core.

Each command lives in its own module here with ``add_parser(subparsers)``
and ``run(args) -> int``; only the chosen command's module is imported, so
``keykis check`` never pays for the terminal UI or the PDF engine.
Exit codes: 0 fine, 1 the input has errors, 2 keykis could not run (or was
called wrongly: plain ``keykis`` off a terminal prints the help and exits 2,
a mistyped command gets a "did you mean").
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence

from keykis import __version__
from keykis.cli.words import explain, lang_of, parser_class
from keykis.errors import UserError
from keykis.terminal import clean_line
from keykis.vocabulary import LANGS, error_message, say

COMMANDS = ("check", "new", "schema", "render", "build", "site", "preview", "search", "edit", "study", "review", "examples",
            "completion")
def default_lang() -> str:
    """The message language from the locale: ru, kk or en."""
    for var in ("KEYKIS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            if code in LANGS:
                return code
            if var != "KEYKIS_LANG":
                return "en"
    return "en"


def _available() -> list[str]:
    return [c for c in COMMANDS if importlib.util.find_spec(f"keykis.cli.{c}") is not None]


def build_parser(commands: Sequence[str] | None = None, lang: str = "en") -> argparse.ArgumentParser:
    """The argument parser, its help in ``lang``; with ``commands`` only those subcommands are set up."""
    parser = parser_class(lang)(prog="keykis", description=say("cli.description", lang))
    parser.add_argument("--version", action="version", version=f"keykis {__version__}", help=say("cli.version", lang))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=say("cli.commands", lang))
    for name in _available():
        about = say(f"cli.command.{name}", lang)
        if commands is None or name in commands:
            module = importlib.import_module(f"keykis.cli.{name}")
            p = sub.add_parser(name, help=about, description=about[:1].upper() + about[1:] + ".")
            module.add_parser(p)
            explain(p, name, lang)
        else:
            sub.add_parser(name, help=about)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list and "edit" in _available() and _on_a_terminal():
        args_list = ["edit"]
    wanted = [a for a in args_list if a in COMMANDS][:1]
    lang = lang_of(args_list, default_lang())
    parser = build_parser(wanted or None, lang)
    if not args_list:
        parser.print_help(sys.stderr)
        return 2
    mistyped = _mistyped(args_list, lang)
    if mistyped:
        print(f"keykis: {mistyped}", file=sys.stderr)
        return 2
    args = parser.parse_args(args_list)
    if not args.command:
        parser.print_help()
        return 2
    module = importlib.import_module(f"keykis.cli.{args.command}")
    try:
        return int(module.run(args))
    except UserError as exc:
        print(f"keykis: {clean_line(exc.where() + error_message(exc, lang))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"keykis: {say('cli.interrupted', lang)}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _on_a_terminal() -> bool:
    """Whether a person is at a terminal (the full-screen editor would otherwise wait forever)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _mistyped(args: list[str], lang: str = "en") -> str:
    """A "did you mean" message when the first word is not a command; empty otherwise."""
    first = next((a for a in args if not a.startswith("-")), None)
    if first is None or first in COMMANDS or args[0].startswith("-"):
        return ""
    close = difflib.get_close_matches(first, COMMANDS, n=1, cutoff=0.5)
    hint = say("cli.did_you_mean", lang, command=close[0]) if close else \
        say("cli.the_commands_are", lang, commands=", ".join(COMMANDS))
    return f"{say('cli.unknown_command', lang, word=first)}; {hint}"


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
