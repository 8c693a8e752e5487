"""Lost work in the editor: outside changes, quitting after them, the recovery file, kill -9."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from keykis.recovery import recovery_file
from keykis.tui.app import make_app
from keykis.tui.dialogs.changed import ChangedOnDisk
from keykis.tui.dialogs.recover import RecoverChanges
from keykis.tui.screens.editor import EditorScreen
from tests.helpers import in_a_process_that_dies, pane_steady
from tests.tui.conftest import SIZE
from tests.tui.helpers import until, write
from tests.tui.test_editor import open_step, settle


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Short autosave and disk-watch delays so the tests need not wait."""
    monkeypatch.setenv("KEYKIS_AUTOSAVE_DELAY", "0.2")
    monkeypatch.setenv("KEYKIS_WATCH_INTERVAL", "0.2")


async def _conflict_then_type(pilot, example: Path) -> str:
    await settle(pilot)
    theirs = example.read_text(encoding="utf-8").replace("Весна 2025 года", "Осень 2025 года")
    example.write_text(theirs, encoding="utf-8")
    await until(pilot, lambda: getattr(pilot.app.screen, "disk_conflict", False), "the change on disk noticed")
    await open_step(pilot, "conclusion")
    await write(pilot, "Mine ")
    await settle(pilot)
    return theirs


@pytest.mark.slow
@pytest.mark.parametrize("choice", ["copy", "overwrite", "discard"])
async def test_quitting_after_an_outside_change_asks_and_never_exits_silently(
        example: Path, quick: None, choice: str) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        theirs = await _conflict_then_type(pilot, example)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDisk) and app.screen.quitting, "it asks"
        await pilot.press("escape")  # back to editing: nothing decided, nothing lost
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        order = ["copy", "overwrite", "discard"]
        await pilot.press(*["down"] * order.index(choice), "enter")
        await settle(pilot)
    assert app.return_code == 0
    text = example.read_text(encoding="utf-8")
    copies = list(example.parent.glob("case.mine-*.yaml"))
    if choice == "copy":
        assert text == theirs and len(copies) == 1
        assert "Mine " in copies[0].read_text(encoding="utf-8")
        assert copies[0].name in (app.return_value or "")
    elif choice == "overwrite":
        assert "Mine " in text and "Осень 2025 года" not in text and not copies
    else:
        assert text == theirs and not copies
    assert not recovery_file(example).exists(), "decided: nothing left to recover"


@pytest.mark.slow
async def test_changes_left_by_a_crash_are_offered_back_on_opening(example: Path, quick: None) -> None:
    from keykis.casefile import open_case

    def crashed() -> None:
        doc = open_case(example)
        doc.start_journal()
        doc.set(("conclusion",), "Написано до сбоя.")  # journalled, never saved

    in_a_process_that_dies(crashed)
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoverChanges)
        await pilot.press("enter")  # bring them back
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.doc.get(("conclusion",)) == "Написано до сбоя."
        await pilot.press("ctrl+q")
    assert "Написано до сбоя." in example.read_text(encoding="utf-8")
    assert not recovery_file(example).exists()


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_text_typed_just_before_kill_9_comes_back(example: Path, tmp_path: Path) -> None:
    """A real terminal: type, kill -9 inside the autosave pause (an hour long here), open again, recover."""
    session = f"keykis-kill-{os.getpid()}"
    exe = Path(sys.executable).with_name("keykis")
    env = f"KEYKIS_STATE_DIR={tmp_path / 'state'} KEYKIS_AUTOSAVE_DELAY=3600 EDITOR=true"
    cmd = f"cd {Path.cwd()} && env {env} {exe} edit {example} --lang en; sleep 30"
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", cmd)
    try:
        deadline = time.monotonic() + 180  # a busy machine starts Python slowly
        while "palette" not in _tmux("capture-pane", "-p", "-t", session):  # the footer: the editor is up
            assert time.monotonic() < deadline, "the editor did not start: " + _tmux("capture-pane", "-p", "-t", session)
            time.sleep(0.3)
        pane_steady(session)
        _tmux("send-keys", "-t", session, "-l", "Z-typed-then-killed")
        journal = recovery_file(example)
        deadline = time.monotonic() + 10
        while not (journal.exists() and "Z-typed-then-killed" in journal.read_text(encoding="utf-8")):
            assert time.monotonic() < deadline, "the keystrokes never reached the journal"
            time.sleep(0.05)
        pid = int(_tmux("list-panes", "-t", session, "-F", "#{pane_pid}").split()[0])
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        for child in children:
            os.kill(int(child), signal.SIGKILL)
    finally:
        _tmux("kill-session", "-t", session)
    assert "Z-typed-then-killed" not in example.read_text(encoding="utf-8"), "killed before the autosave"
    assert "Z-typed-then-killed" in journal.read_text(encoding="utf-8")
    from keykis.casefile import open_case

    reopened = open_case(example)
    found = reopened.start_journal()
    assert found is not None and found.replay(reopened) == len(found.ops)
    reopened.save()
    reopened.close()
    assert "Z-typed-then-killed" in example.read_text(encoding="utf-8")
    assert not journal.exists()
