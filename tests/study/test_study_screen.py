"""The study screen in forms, with Textual's Pilot, a real terminal (tmux) and kill -9."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static, TextArea

from keykis.gate import require_types
from keykis.model import load_case
from keykis.recovery import recovery_file
from keykis.study.document import open_worksheet
from keykis.study.student import student_view
from keykis.tui.autosave import ConflictBar
from keykis.tui.study import make_study_app
from keykis.tui.study.screen import PartPanel, StudyScreen
from keykis.tui.study.text_screen import StudyTextScreen
from keykis.tui.widgets.findings import FindingsPanel
from keykis.tui.widgets.items import ItemTable
from tests.helpers import in_a_process_that_dies, pane_steady
from tests.study.conftest import CASE_DIR
from tests.tui.helpers import until as _until

WIDE, NARROW = (160, 45), (80, 24)


def _keys(app: App[object]) -> set[str]:
    """The descriptions of the keys the footer offers now."""
    return {b.description for _, b, _, _ in app.screen.active_bindings.values()}


def _screen_text(screen: StudyScreen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static))


@pytest.fixture()
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEYKIS_AUTOSAVE_DELAY", "0.2")
    monkeypatch.setenv("KEYKIS_WATCH_INTERVAL", "0.2")


@pytest.mark.slow
@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_a_new_student_works_in_forms_and_the_autosave_keeps_the_yaml_readable(
        tmp_path: Path, size: tuple[int, int], quick: None) -> None:
    sheet = tmp_path / "my.yaml"
    app = make_study_app(CASE_DIR, sheet, lang="ru", student="Айгерим Нурланова", group="ГМУ-21")
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert screen.has_class("narrow") == (size == NARROW)
        await _until(pilot, lambda: screen.checks_done > 0)
        assert {f.rule for f in screen.findings} == {"worksheet-placeholder", "field-fan"}
        await pilot.press("ctrl+n")  # step 12
        await _until(pilot, lambda: screen.part == "problems" and isinstance(app.focused, ItemTable), "the problems")
        await pilot.press("enter")  # the form of p1
        await _until(pilot, lambda: app.screen is not screen and app.focused is not None
                     and app.focused.screen is app.screen, "the form of p1, its text focused")
        await pilot.press(*"Операторы учат жителей порталу вместо приёма заявлений.")  # the form opens in its text
        await pilot.press("shift+tab", "enter", "down", "enter")  # owner: the first actor
        await pilot.press("escape")
        await _until(pilot, lambda: "Операторы учат" in sheet.read_text(encoding="utf-8"))
        await _until(pilot, lambda: not any(f.at.endswith("items.0.owner") for f in screen.findings))
        # the text may reach the file in an autosave before the owner was chosen: wait for the one after it
        await _until(pilot, lambda: "ivanov" in sheet.read_text(encoding="utf-8").partition("owner:")[2][:12],
                     "the owner saved")
    text = sheet.read_text(encoding="utf-8")
    assert "owner: ivanov" in text or 'owner: "ivanov"' in text
    assert "# Шаг 12. Поле проблем" in text and "# Акторы кейса (id — имя):" in text  # comments kept
    assert sheet.with_name(sheet.name + ".bak").exists()  # the file as it was opened


@pytest.mark.slow
async def test_the_screen_never_holds_teacher_only_text_or_real_names(tmp_path: Path) -> None:
    app = make_study_app(CASE_DIR, tmp_path / "w.yaml", lang="ru")
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        for tab in ("actors", "fan", "graph", "mine", "text"):
            screen.query_one("#case-side").active = tab  # type: ignore[attr-defined]
            await pilot.pause()
        for part in ("problems", "tasks", "solutions", "decision_matrix"):
            await screen.show_part(part)
            await pilot.pause()
        shown = _screen_text(screen)
        assert "Иванов" in shown and "Ситуацию мы видим глазами руководителя ЦОН" in shown
        for secret in ("Подчеркните", "Выездные дни", "Операторы тратят треть", "Ерлан Сапаров"):
            assert secret not in shown
        assert "guidelines" not in screen.view.data


@pytest.mark.slow
async def test_enter_on_the_findings_jumps_at_once_to_the_control(tmp_path: Path) -> None:
    app = make_study_app(CASE_DIR, tmp_path / "w.yaml", lang="en")
    async with app.run_test(size=NARROW) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        await _until(pilot, lambda: screen.checks_done > 0)
        await pilot.press("ctrl+f", "enter")  # no Tab, no arrow: the first finding
        await _until(pilot, lambda: screen.part == "who", "the part of the first finding")
        first = screen.findings[0]
        assert first.at.startswith("worksheet.students") and screen.part == "who"
        panel = screen.query_one(FindingsPanel)
        panel.focus()
        target = next(i for i, f in enumerate(screen.findings) if f.at.startswith("matrix.tasks"))
        panel.highlighted = target
        await pilot.press("enter")

        def in_the_part() -> bool:
            return app.focused is not None and app.focused in screen.query_one(PartPanel).query("*")

        await _until(pilot, lambda: screen.part == "tasks" and in_the_part(), "a control of the tasks")


@pytest.mark.slow
async def test_the_footer_and_tabs_speak_the_students_language(tmp_path: Path) -> None:
    words_of = {"ru": ("Сохранить", "Защита", "Добавить", "Команды"), "kk": ("Сақтау", "Қорғау", "Қосу", "Командалар"),
                "en": ("Save", "Defence", "Add", "palette")}
    for lang, words in words_of.items():
        app = make_study_app(CASE_DIR, tmp_path / f"{lang}.yaml", lang=lang)
        async with app.run_test(size=WIDE) as pilot:
            await _until(pilot, lambda a=app, w=words[0]: w in _keys(a), "the keys of the list of students")
            descriptions = _keys(app)
            assert words[0] in descriptions and words[2] in descriptions  # the list of students has focus
            assert words[3] in descriptions  # the command palette's key, which Textual names in English
            assert words[1] in _screen_text(app.screen) or any(
                words[1] in str(t.label) for t in app.screen.query("Tab"))
        assert f"language: {lang}" in (tmp_path / f"{lang}.yaml").read_text(encoding="utf-8")


@pytest.mark.slow
async def test_an_outside_change_raises_the_bar_and_saving_waits(tmp_path: Path, quick: None) -> None:
    sheet = tmp_path / "w.yaml"
    app = make_study_app(CASE_DIR, sheet, lang="en")
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        sheet.write_text(sheet.read_text(encoding="utf-8") + "# edited elsewhere\n", encoding="utf-8")
        await _until(pilot, lambda: screen.autosave.conflict)
        assert screen.query_one(ConflictBar).has_class("-shown")
        screen.doc.set(("defence",), "Mine")
        screen.changed(("defence",))
        await _until(pilot, lambda: screen.autosave.held > 0, "the autosave pause to end")
        assert "Mine" not in sheet.read_text(encoding="utf-8")  # never written over the other change
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: type(app.screen).__name__ == "ChangedOnDisk", "the question")


async def test_a_worksheet_that_is_not_yaml_opens_as_text_and_nothing_is_lost(tmp_path: Path) -> None:
    sheet = tmp_path / "w.yaml"
    sheet.write_text("keykis: 1\nworksheet:\n\tcase: x\n", encoding="utf-8")
    app = make_study_app(CASE_DIR, sheet, lang="en")
    async with app.run_test(size=WIDE) as pilot:
        assert isinstance(app.screen, StudyTextScreen)
        await _until(pilot, lambda: isinstance(app.focused, TextArea), "the text focused")
        await pilot.press("ctrl+q")
    assert sheet.read_text(encoding="utf-8") == "keykis: 1\nworksheet:\n\tcase: x\n"


async def test_text_mode_saves_itself_after_a_pause_and_keeps_the_file_as_opened(tmp_path: Path, quick: None) -> None:
    sheet = tmp_path / "w.yaml"
    broken = "keykis: 1\nworksheet:\n\tcase: x\n"
    sheet.write_text(broken, encoding="utf-8")
    app = make_study_app(CASE_DIR, sheet, lang="en")
    async with app.run_test(size=NARROW) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyTextScreen)
        await _until(pilot, lambda: isinstance(app.focused, TextArea), "the text focused")
        screen.query_one("#sheet", TextArea).move_cursor((0, 0))
        await pilot.press(*"# mended", "enter")
        await _until(pilot, lambda: sheet.read_text(encoding="utf-8").startswith("# mended\n"))
        assert sheet.read_text(encoding="utf-8") == "# mended\n" + broken  # every byte, in one write
        assert (tmp_path / "w.yaml.bak").read_text(encoding="utf-8") == broken
        await pilot.press(*"# more")
        await pilot.press("ctrl+q")  # inside the pause: quitting saves it
    assert sheet.read_text(encoding="utf-8").startswith("# mended\n# more")


async def test_text_mode_leaves_another_programs_change_alone_and_saves_to_a_copy(tmp_path: Path,
                                                                                 quick: None) -> None:
    sheet = tmp_path / "w.yaml"
    sheet.write_text("keykis: 1\nworksheet:\n\tcase: x\n", encoding="utf-8")
    app = make_study_app(CASE_DIR, sheet, lang="ru")
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyTextScreen)
        await _until(pilot, lambda: isinstance(app.focused, TextArea), "the text focused")
        sheet.write_text("# theirs\n", encoding="utf-8")
        await _until(pilot, lambda: screen.query_one(ConflictBar).has_class("-shown"))
        assert "сохраняется в w.mine-" in str(screen.query_one(ConflictBar).render())
        screen.query_one("#sheet", TextArea).move_cursor((0, 0))
        await pilot.press(*"# mine", "enter")

        def mine_in_a_copy() -> bool:
            copies = list(tmp_path.glob("w.mine-*.yaml"))
            return bool(copies) and copies[0].read_text(encoding="utf-8").startswith("# mine\n")

        await _until(pilot, mine_in_a_copy)
        def notes() -> int:
            return sum("сохраняется в w.mine-" in n.message for n in app._notifications)

        before = notes()
        await pilot.press("f6")  # the forms would show their file, not this text: it stays here
        await _until(pilot, lambda: notes() > before, "the note that the text goes to a copy")
        assert app.screen is screen
        await pilot.press("ctrl+q")
    assert sheet.read_text(encoding="utf-8") == "# theirs\n"
    (copy,) = tmp_path.glob("w.mine-*.yaml")
    assert copy.read_text(encoding="utf-8") == "# mine\nkeykis: 1\nworksheet:\n\tcase: x\n"


@pytest.mark.slow
async def test_text_mode_speaks_russian_and_f6_opens_the_forms_once_the_text_reads(tmp_path: Path, quick: None) -> None:
    sheet = tmp_path / "w.yaml"
    make_study_app(CASE_DIR, sheet, lang="ru")  # a new worksheet, then a tab typed into it
    good = sheet.read_text(encoding="utf-8")
    sheet.write_text(good.replace("\n  group:", "\n\tgroup:", 1), encoding="utf-8")
    app = make_study_app(CASE_DIR, sheet, lang="ru")
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyTextScreen)
        await _until(pilot, lambda: isinstance(app.focused, TextArea), "the text focused")
        descriptions = {b.description for _, b, _, _ in screen.active_bindings.values()}
        assert {"Сохранить", "Проверить", "Формы", "Кейс"} <= descriptions
        await pilot.press("f6")  # the tab is still there: the forms cannot open yet
        await _until(pilot, lambda: any("Формы пока не открыть" in n.message and "табуляц" in n.message
                                        for n in app._notifications), "the note on what stands in the way")
        assert app.screen is screen
        area = screen.query_one("#sheet", TextArea)
        row = area.text.split("\n").index("\tgroup: " + good.split("\n  group: ")[1].split("\n")[0])
        area.move_cursor((row, 0))
        await pilot.press("delete", "space", "space")
        await _until(pilot, lambda: any("Лист снова читается" in n.message for n in app._notifications))
        await pilot.press("f6")
        await _until(pilot, lambda: isinstance(app.screen, StudyScreen))
    assert sheet.read_text(encoding="utf-8") == good


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_kill_9_inside_the_autosave_pause_loses_nothing(tmp_path: Path) -> None:
    """A real terminal at 80×24: type in a form, kill -9 once the journal has it (inside the autosave pause), reopen."""
    session = f"keykis-study-kill-{os.getpid()}"
    exe = Path(sys.executable).with_name("keykis")
    sheet = tmp_path / "w.yaml"
    cmd = f"cd {tmp_path} && KEYKIS_AUTOSAVE_DELAY=3600 {exe} study {CASE_DIR} -w {sheet.name} --lang en; sleep 30"
    _tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", cmd)
    typed = "Typed one second before kill -9"
    try:
        deadline = time.monotonic() + 60
        while "Who made the worksheet" not in _tmux("capture-pane", "-p", "-t", session):
            assert time.monotonic() < deadline, "the study screen did not start"
            time.sleep(0.3)
        shown = pane_steady(session)
        for key in ("Tab", "Tab"):  # to the group
            _tmux("send-keys", "-t", session, key)
            shown = pane_steady(session, unlike=shown)  # the focus has moved: its highlight is drawn elsewhere
        _tmux("send-keys", "-t", session, "-l", typed)
        journal = recovery_file(sheet)
        deadline = time.monotonic() + 60
        while not (journal.exists() and typed in journal.read_text(encoding="utf-8")):
            assert time.monotonic() < deadline, "the keystrokes never reached the journal"
            time.sleep(0.05)
        pid = int(_tmux("list-panes", "-t", session, "-F", "#{pane_pid}").split()[0])
        for child in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split():
            os.kill(int(child), signal.SIGKILL)
    finally:
        _tmux("kill-session", "-t", session)
    assert typed not in sheet.read_text(encoding="utf-8"), "killed before the autosave"
    assert typed in journal.read_text(encoding="utf-8")
    from keykis.model import load_case

    doc = open_worksheet(sheet, student_view(require_types(load_case(CASE_DIR))))
    found = doc.start_journal()
    assert found is not None and found.replay(doc) == len(found.ops)
    doc.save()
    doc.close()
    assert f"group: {typed}" in sheet.read_text(encoding="utf-8") or f'group: "{typed}"' in sheet.read_text(
        encoding="utf-8")


@pytest.mark.slow
async def test_recovery_is_offered_when_the_study_screen_opens_after_a_crash(tmp_path: Path, quick: None) -> None:
    sheet = tmp_path / "w.yaml"
    make_study_app(CASE_DIR, sheet, lang="en")  # writes the new worksheet

    def work() -> None:
        doc = open_worksheet(sheet, student_view(require_types(load_case(CASE_DIR))))
        doc.start_journal()
        doc.set(("defence",), "Left in the journal")

    in_a_process_that_dies(work)  # no save, the journal stays
    app = make_study_app(CASE_DIR, sheet, lang="en")
    async with app.run_test(size=WIDE) as pilot:
        await _until(pilot, lambda: type(app.screen).__name__ == "RecoverChanges")
        await pilot.press("escape")  # the safe choice: bring them back
        await _until(pilot, lambda: "Left in the journal" in sheet.read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TextArea, "cursor_blink", False, raising=False)


@pytest.mark.slow
async def test_words_typed_while_a_form_is_being_built_go_into_its_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick: None) -> None:
    # a loaded machine builds a form's fields slowly; the student types on: the words wait for the text field
    import asyncio

    from keykis.tui.screens.item_editor import ItemEditor

    fill = ItemEditor._fill

    async def slow_fill(self: ItemEditor) -> None:
        await asyncio.sleep(1.0)  # the frame is up, its fields are not
        await fill(self)

    monkeypatch.setattr(ItemEditor, "_fill", slow_fill)
    sheet = tmp_path / "my.yaml"
    app = make_study_app(CASE_DIR, sheet, lang="ru", student="Айгерим Нурланова", group="ГМУ-21")
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        await _until(pilot, lambda: screen.checks_done > 0)
        await pilot.press("ctrl+n")  # step 12
        await _until(pilot, lambda: screen.part == "problems" and isinstance(app.focused, ItemTable), "the problems")
        await pilot.press("enter", *"Жители ждут в очереди.", "escape")  # typed on, without waiting for the form
        await _until(pilot, lambda: "Жители ждут в очереди." in sheet.read_text(encoding="utf-8"), "the words saved",
                     cap=120)
        assert app.screen is screen
