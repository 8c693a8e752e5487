"""Interface words live in the vocabulary, not in Python literals.

Two scans of the package's source (no import needed):

- no Russian or Kazakh text in any string literal outside ``keykis/vocabulary``
  (docstrings and comments aside): a word in ru or kk is an interface word or
  method text, and belongs in the catalogues or in ``schemas/``;
- in the terminal UI, no literal text handed to a widget, a notification or a
  screen title: what the user reads comes from ``say()``/``label()``.

``ALLOWED`` names the few exceptions and why.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "keykis"
CYRILLIC = re.compile("[\u0400-\u04ff]")
ALLOWED = {
    # The Kazakh alphabet, as data for the hyphenation patterns: letters, not words.
    "render/hyphenation.py",
    # The Russian and Kazakh alphabets, as data for the order of the catalogue's keyword index: letters, not words.
    "collation.py",
    # Letters and byte patterns that recognise Windows-1251 text: data, not words.
    "safe_read.py",
    # Patterns of Russian and Kazakh grammar the language rules match in a case's text: data, not words.
    "check/rules/language.py",
    # Letters the content rules fold (ё/е) and match in a case's text: data, not words.
    "check/rules/content.py",
    # Kazakh and Russian letters and endings the search stemmer strips: linguistic data, not words.
    "search/stems.py",
}
ALLOWED_FOLDERS = ("morphology/",)
"""Russian and Kazakh morphology (endings, prepositions, name forms): linguistic data, not interface words."""
WIDGETS = {"Label", "Static", "Button", "Option", "TabPane", "Checkbox", "RadioButton", "Switch", "notify", "Markdown"}
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)+")
"""An example id (``my-case``) is typed, not read: not a word to translate."""
TEXT_KEYWORDS = {"placeholder", "title", "sub_title", "tooltip", "label", "message"}


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if not name.startswith(("vocabulary/", *ALLOWED_FOLDERS)) and name not in ALLOWED:
            yield name, ast.parse(path.read_text(encoding="utf-8"))


def _docstrings(tree: ast.Module) -> set[int]:
    """Ids of string constants that stand alone as statements (docstrings, attribute notes)."""
    return {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


def _words(node: ast.AST | None) -> bool:
    """Whether ``node`` is literal text a person would read (a constant or f-string with letters)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[^\W\d_]{2,}", node.value)) and not SLUG.fullmatch(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_words(v) for v in node.values)
    return False


def test_no_russian_or_kazakh_literal_outside_the_vocabulary() -> None:
    found = []
    for name, tree in _sources():
        docs = _docstrings(tree)
        here = [f"{name}:{node.lineno}: {node.value[:40]!r}" for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                and CYRILLIC.search(node.value)]
        found += here
    assert not found, "words to move into keykis/vocabulary:\n" + "\n".join(found)


def test_the_terminal_ui_hands_no_literal_text_to_a_widget() -> None:
    found = []
    for name, tree in _sources():
        if not name.startswith("tui/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                args = node.args[:1] if func in WIDGETS else []
                texts = [*args, *(k.value for k in node.keywords if k.arg in TEXT_KEYWORDS)]
                found += [f"{name}:{node.lineno}: {func}(...)" for t in texts if _words(t)]
            elif isinstance(node, ast.Assign) and _words(node.value):
                targets = [t.attr for t in node.targets if isinstance(t, ast.Attribute)]
                found += [f"{name}:{node.lineno}: .{t} = ..." for t in targets if t in ("title", "sub_title")]
    assert not found, "interface words to move into keykis/vocabulary:\n" + "\n".join(found)


def test_the_scans_find_what_they_look_for(tmp_path: Path) -> None:
    tree = ast.parse('from textual.widgets import Label\nLabel("Save the case")\nx = "Сохранить"\n')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert _words(calls[0].args[0])
    assert any(CYRILLIC.search(n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str))


PROGRAM = re.compile(r"\bkeykis\b:?")
"""The program's name, which ``print`` puts before a message (``keykis: ...``): not a word to translate."""
ERRORS = {"UserError", "CaseFileError", "SchemaGateError"}
COLUMNS = {"add_column", "add_columns"}


def _printed_words(node: ast.AST | None) -> bool:
    """Like ``_words``, with the program's name left out."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = PROGRAM.sub("", node.value)
        return bool(re.search(r"[^\W\d_]{2,}", text)) and not SLUG.fullmatch(text)
    if isinstance(node, ast.JoinedStr):
        return any(_printed_words(v) for v in node.values)
    return False


def _literal_messages(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Literal text a person reads: key descriptions, printed lines, table headers, errors without their words."""
    from keykis.vocabulary import known

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        keywords = {k.arg: k.value for k in node.keywords}
        if func == "Binding":
            text = node.args[2] if len(node.args) > 2 else keywords.get("description")
            if _words(text) and not (isinstance(text, ast.Constant) and known(str(text.value))):
                yield node.lineno, "a key's description (give a vocabulary key: keykis.tui.key_words)"
        elif func == "print" and node.args and _printed_words(node.args[0]):
            yield node.lineno, "print(...)"
        elif func in COLUMNS and any(_words(a) for a in node.args):
            yield node.lineno, f"{func}(...)"
        elif func == "Table" and _words(keywords.get("title")):
            yield node.lineno, "Table(title=...)"
        elif func in ERRORS and "words" not in keywords and node.args and _words(node.args[0]):
            yield node.lineno, f"{func}(...) without words=(key, fields)"


def test_keys_printed_lines_table_headers_and_errors_come_from_the_vocabulary() -> None:
    found = [f"{name}:{line}: {what}" for name, tree in _sources() for line, what in _literal_messages(tree)]
    assert not found, "interface words to move into keykis/vocabulary:\n" + "\n".join(found)


def test_the_wider_scan_finds_what_it_looks_for() -> None:
    tree = ast.parse('Binding("q", "quit", "Quit")\nprint(f"keykis: {n} cases built")\ntable.add_column("reason")\n'
                     'raise UserError("no such file")\nBinding("s", "save", "editor.key_save")\nprint(f"keykis: {x}")\n')
    assert [line for line, _ in _literal_messages(tree)] == [1, 2, 3, 4]
