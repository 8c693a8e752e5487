"""Autosave for any screen that edits a document: save after a pause, journal, watch the disk.

A screen that edits a ``CaseDocument`` (the case editor; the study mode's
worksheet) creates one ``Autosave`` and calls ``changed()`` after every
change. The autosave then

* writes the file in a worker a little after typing stops;
* journals nothing itself: the document writes every change to its recovery
  file at once (``keykis.recovery``), so a crash inside the pause loses nothing;
* watches the file on disk; a change this process did not make raises a bar
  at the top of the screen (typing goes on, nothing is taken from the
  keyboard) and pauses saving until the author decides with Ctrl+S;
* on quit, saves; after a conflict it asks (save a copy beside the file,
  overwrite, discard) and never exits silently.

The screen provides ``lang`` and mounts ``ConflictBar`` somewhere visible.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from keykis.casefile import CaseDocument
from keykis.errors import CaseFileError
from keykis.vocabulary import say

AUTOSAVE_DELAY = 1.5
"""Seconds of quiet after a change before the file is written."""
WATCH_INTERVAL = 1.0
"""How often the file on disk is compared with what this process last wrote."""


def _seconds(variable: str, default: float) -> float:
    """A positive number of seconds from the environment, else ``default``."""
    try:
        value = float(os.environ.get(variable, ""))
    except ValueError:
        return default
    return value if 0 < value < 86400 else default


def autosave_delay() -> float:
    """The pause before saving: ``$KEYKIS_AUTOSAVE_DELAY`` seconds, else ``AUTOSAVE_DELAY``.

    Tests set it (short, to save without waiting; long, to kill a process surely
    inside the pause) instead of sleeping against the default.
    """
    return _seconds("KEYKIS_AUTOSAVE_DELAY", AUTOSAVE_DELAY)


def watch_interval() -> float:
    """How often the disk is watched: ``$KEYKIS_WATCH_INTERVAL`` seconds, else ``WATCH_INTERVAL``."""
    return _seconds("KEYKIS_WATCH_INTERVAL", WATCH_INTERVAL)


class ConflictBar(Static):
    """A line at the top of the screen while the file on disk differs from ours; never takes focus."""

    DEFAULT_CSS = """
    ConflictBar { display: none; height: auto; background: $warning 30%; color: $text; padding: 0 1; }
    ConflictBar.-shown { display: block; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.can_focus = False

    def show(self, text: str) -> None:
        """Raise the bar with ``text``."""
        self.update(text)
        self.add_class("-shown")

    def hide(self) -> None:
        """Lower the bar."""
        self.remove_class("-shown")


class Autosave:
    """The saving, journalling and watching of one open document for one screen."""

    def __init__(self, screen: Screen[Any], doc: CaseDocument, *, lang: Callable[[], str],
                 reopen: Callable[[], None] | None = None, delay: float | None = None,
                 watch: float | None = None) -> None:
        self.screen = screen
        self.delay = autosave_delay() if delay is None else delay
        """Seconds of quiet after a change before the file is written."""
        self.watch = watch_interval() if watch is None else watch
        """Seconds between looks at the file on disk."""
        self.doc = doc
        self._lang = lang
        self._reopen = reopen
        self._timer: Timer | None = None
        self.conflict = False
        """True while the file on disk changed under us and the author has not decided."""
        self.saves = 0
        """How many saves wrote the file (tests and benchmarks look at it)."""
        self.conflicts = 0
        """How many times an outside change was noticed."""
        self.held = 0
        """How many pauses ended with changes left unwritten because of an outside change (tests wait on it)."""

    @property
    def lang(self) -> str:
        """The screen's language now."""
        return self._lang()

    def start(self) -> None:
        """Begin watching the file on disk (call from the screen's ``on_mount``)."""
        self.screen.set_interval(self.watch, self.watch_disk)

    def changed(self) -> None:
        """A change was made: (re)start the pause before saving."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(self.delay, self.autosave)

    # -- saving -----------------------------------------------------------------
    def autosave(self) -> None:
        """Write pending changes in a worker, unless the file changed on disk."""
        if not self.doc.dirty:
            return
        if self.conflict:
            self.held += 1
        else:
            self.screen.run_worker(self._save_worker, thread=True, exclusive=True, group="save")

    def _save_worker(self) -> None:
        try:
            if self.doc.save():
                self.saves += 1
        except CaseFileError:
            self.screen.app.call_from_thread(self.raise_conflict)
        except RuntimeError:  # the tree changed while it was dumped: the next pause saves it
            self.screen.app.call_from_thread(self.screen.set_timer, self.delay, self.autosave)
        except OSError as exc:  # a full disk, a read-only folder: the journal still holds the text
            self.screen.app.call_from_thread(self._failed, exc)

    def _failed(self, exc: OSError) -> None:
        self.screen.notify(say("editor.save_failed", self.lang, error=exc.strerror or exc), severity="error",
                           timeout=8)

    def save_now(self) -> None:
        """Ctrl+S: save now, or, after an outside change, ask what to do."""
        if self.conflict:
            self.ask()
            return
        try:
            wrote = self.doc.save()
        except CaseFileError:
            self.raise_conflict()
            self.ask()
            return
        except OSError as exc:
            self._failed(exc)
            return
        self.saves += wrote
        self.screen.notify(say("editor.saved" if wrote else "editor.unchanged", self.lang, path=self.doc.path.name))

    def flush(self) -> bool:
        """Save what is pending; return False when that needs the author's decision."""
        if not self.doc.dirty:
            return True
        if self.conflict:
            return False
        try:
            self.doc.save()
        except CaseFileError:
            self.raise_conflict()
            return False
        except OSError:
            return False
        return True

    # -- the file on disk -----------------------------------------------------------
    def watch_disk(self) -> None:
        """Notice a change on disk that this process did not make."""
        if not self.conflict and self.doc.changed_on_disk():
            self.raise_conflict()

    def raise_conflict(self) -> None:
        """Pause saving and say so in the bar; the keyboard stays where it was."""
        if self.conflict:
            return
        self.conflict = True
        self.conflicts += 1
        for bar in self.screen.query(ConflictBar):
            bar.show(say("editor.conflict_bar", self.lang, path=self.doc.path.name))

    def _settled(self) -> None:
        self.conflict = False
        for bar in self.screen.query(ConflictBar):
            bar.hide()

    def ask(self) -> None:
        """The author asked to decide about the outside change."""
        from keykis.tui.dialogs.changed import ChangedOnDisk

        self.screen.app.push_screen(ChangedOnDisk(self.doc, self.lang), self.resolve)

    def resolve(self, choice: str | None) -> None:
        """Carry out the author's choice after an outside change."""
        if choice == "reload":
            self.doc.discard_changes()
            self.doc.close()
            if self._reopen is not None:
                self._reopen()
        elif choice == "overwrite":
            self.doc.save(force=True)
            self._settled()
            self.screen.notify(say("editor.saved", self.lang, path=self.doc.path.name))
        elif choice == "copy":
            target = self.doc.save_copy()
            self.screen.notify(say("editor.copy_saved", self.lang, path=target.name), timeout=8)

    def ask_before_quit(self, then: Callable[[], object]) -> None:
        """Ask what happens to unsaved changes that cannot be saved; call ``then`` once they are settled."""
        from keykis.tui.dialogs.changed import ChangedOnDisk

        if isinstance(self.screen.app.screen, ChangedOnDisk):
            return

        def chosen(choice: str | None) -> None:
            try:
                done = self.quit_choice(choice)
            except OSError as exc:
                self.screen.notify(f"{exc.filename or ''}: {exc.strerror or exc}", severity="error", timeout=10, markup=False)
                return
            if done:
                then()

        self.screen.app.push_screen(ChangedOnDisk(self.doc, self.lang, quitting=True), chosen)

    def quit_choice(self, choice: str | None) -> bool:
        """Carry out the choice made when quitting after a conflict; return whether to exit."""
        if choice == "copy":
            target = self.doc.save_copy()
            self.doc.discard_changes()
            self.doc.close()
            self.screen.app.farewell = say("editor.copy_saved", self.lang, path=target)  # type: ignore[attr-defined]
            return True
        if choice == "overwrite":
            self.doc.save(force=True)
            self.doc.close()
            return True
        if choice == "discard":
            self.doc.discard_changes()
            self.doc.close()
            return True
        return False

    def close(self) -> None:
        """The screen goes away: nothing pending, so the recovery file goes too."""
        self.doc.close(keep_journal=True)


def offer_recovery(screen: Screen[Any], doc: CaseDocument, found: Any, lang: str,
                   changed: Callable[[], None], redraw: Callable[[], Any]) -> None:
    """Offer back the changes a crash left in the recovery file; replay them or discard them.

    Shared by the editor and the study screen: ``changed`` tells the screen its document
    changed, ``redraw`` shows the current step or part again.
    """
    from keykis.tui.dialogs.recover import RecoverChanges

    file_changed = doc.disk is None or found.base != doc.disk.digest

    def decided(bring_back: bool | None) -> None:
        if bring_back is False:
            doc.discard_changes()
            return
        n = found.replay(doc)
        screen.notify(say("editor.recovered", lang, n=n), timeout=6)
        changed()
        screen.call_after_refresh(redraw)

    screen.app.push_screen(RecoverChanges(found, lang, file_changed=file_changed), decided)


def saved_for_quit(autosaves: list[Autosave], again: Callable[[], Any]) -> bool:
    """Save every open document before the app quits; True when it may exit now.

    Shared by the editor and the study app. When a document cannot be saved
    without the author's decision (it changed on disk), the quit dialog opens
    and ``again`` runs once the choice is carried out; the app does not exit yet.
    """
    for autosave in autosaves:
        if not autosave.flush():
            autosave.ask_before_quit(again)
            return False
    for autosave in autosaves:
        autosave.close()
    return True
