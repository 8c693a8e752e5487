"""The terminal editor's application: which screen to show, and the few app-wide actions.

``make_app`` is the one factory the CLI and the tests use. The screens do the work; this module opens cases
(or the error view), creates new ones, hands the terminal to ``$EDITOR``; keys wait in ``type_ahead``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SuspendNotSupported, SystemCommand
from textual.screen import Screen

from keykis.casefile import atomic_write, open_case
from keykis.errors import CaseFileError, UserError
from keykis.gate import require_types
from keykis.model import CASE_FILE
from keykis.terminal import clean_line
from keykis.tui.autosave import saved_for_quit
from keykis.tui.focus_keys import FOCUS_KEYS
from keykis.tui.palette_key import editor_commands, name_palette_key
from keykis.tui.recent import remember
from keykis.tui.screens.editor import EditorScreen
from keykis.tui.screens.parse_error import ParseErrorScreen
from keykis.tui.screens.start import StartScreen
from keykis.tui.textual_words import TextualWords
from keykis.tui.type_ahead import TypeAhead
from keykis.vocabulary import say

BLANK_CASE = "keykis: 1\nid: {slug}\nlanguage: {lang}\n"


class KeykisApp(TypeAhead, TextualWords, App[str | None]):
    """``keykis edit``: the start screen or one case."""

    TITLE = "KEYKIS"
    BINDINGS = list(FOCUS_KEYS)  # noqa: RUF012 - Textual reads it as a class attribute

    def __init__(self, path: Path | None, *, lang: str, cases_dir: Path) -> None:
        super().__init__()
        name_palette_key(self, lang)
        self.case_path, self.lang, self.cases_dir = path, lang, cases_dir
        self.farewell = ""  # a line printed after the screen closes (where a copy of the author's version went)

    def on_mount(self) -> None:
        if self.case_path is not None:
            self.open_case(self.case_path)
        else:
            self.push_screen(StartScreen(self.cases_dir, self.lang))

    def _show(self, screen: Screen[None]) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    def open_case(self, path: Path, *, replace: bool = True, step: str | None = None) -> None:
        """Open a case in the editor, or in the error view when it cannot be read."""
        try:
            doc = open_case(path, background=True)
            require_types(doc.case())  # the forms meet only the types the schema gives
        except CaseFileError as exc:
            self.show_error(path / CASE_FILE if path.is_dir() else path, exc)
            return
        remember(doc.path)
        self._show(EditorScreen(doc, lang=self.lang, step=step))

    def show_error(self, file: Path, error: CaseFileError) -> None:
        """The error view for a file that cannot be read."""
        self._show(ParseErrorScreen(file, error, self.lang))

    def reopen(self, path: Path, *, step: str | None = None) -> None:
        """Read the file from disk again, dropping unsaved changes."""
        self.open_case(path, step=step)

    def create_case(self, folder: Path) -> Path:
        """Write a new case skeleton in ``folder``; return its ``case.yaml``."""
        try:
            from keykis.skeleton import new_case

            return new_case(folder, lang=self.lang)
        except (ImportError, FileNotFoundError):
            pass
        target = folder / CASE_FILE
        if target.exists():
            raise UserError("a case already exists here; nothing was changed", words=("file.case_exists", {}), path=str(target))
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", folder.name):
            raise UserError(f"'{folder.name}' is not a usable case id: use one name of lowercase latin letters, digits and '-' "
                            "(no folders, no '..')",
                            words=("file.bad_id", {"id": folder.name}))
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(target, BLANK_CASE.format(slug=folder.name, lang=self.lang), backup=False)
        return target

    def edit_externally(self, path: Path, *, step: str | None = None) -> None:
        """Hand the terminal to ``$VISUAL``/``$EDITOR`` (nano when unset) for the file, then open it again."""
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        hint = ""
        if not editor:
            if shutil.which("nano") is None:
                self.notify(say("editor.no_editor", self.lang), severity="warning", timeout=12)
                self.open_case(path, step=step)
                return
            editor, hint = "nano", say("editor.nano_used", self.lang)
        try:
            with self.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)
        except SuspendNotSupported:
            self.notify(clean_line(say("editor.open_elsewhere", self.lang, path=path)), severity="warning", markup=False)
            return
        except OSError as exc:
            self.notify(clean_line(f"{editor}: {exc.strerror}"), severity="error", markup=False)
        self.open_case(path, step=step)
        if hint:
            self.notify(hint, timeout=10)

    def flush(self) -> bool:
        """Save pending changes of every open editor; False when one needs the author's decision."""
        return all(screen.flush() for screen in self.screen_stack if isinstance(screen, EditorScreen))

    async def action_quit(self) -> None:
        """Save what is pending, then quit; with changes that cannot be saved, ask first."""
        autosaves = [screen.autosave for screen in self.screen_stack if isinstance(screen, EditorScreen)]
        if saved_for_quit(autosaves, lambda: self.call_later(self.action_quit)):
            self.exit(self.farewell or None)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette: Textual's own commands (in the interface language) and the editor's."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, EditorScreen):
            yield from editor_commands(screen)


def make_app(path: Path | None = None, *, lang: str = "en", cases_dir: Path | None = None) -> KeykisApp:
    """The editor for ``path`` (a case folder or ``case.yaml``), or the start screen without one."""
    return KeykisApp(path, lang=lang, cases_dir=cases_dir or Path("cases"))
