"""Keys and focus: renames that follow, item forms that open where one writes, the cursor kept, Tab at speed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, TextArea

from keykis.tui.app import make_app
from keykis.tui.screens.editor import EditorScreen
from keykis.tui.screens.item_editor import ItemEditor
from keykis.tui.widgets.items import ItemTable
from tests.tui.conftest import SIZE
from tests.tui.helpers import drained, focused_path, tab_to, until, write
from tests.tui.test_editor import open_step, settle


async def _open_actor(pilot, row: int) -> None:
    await tab_to(pilot, "actors", widget=ItemTable)
    await pilot.press("home", *["down"] * row, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ItemEditor)


@pytest.mark.slow
async def test_an_item_form_opens_at_its_first_text_at_the_top(example: Path) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_step(pilot, "external")
        await _open_actor(pilot, 3)
        await pilot.pause()
        assert focused_path(pilot) == "actors.3.name" and isinstance(app.focused, TextArea)
        assert app.screen.query_one("#item-form", VerticalScroll).scroll_y == 0
        await pilot.press("end")
        await write(pilot, " x")  # a space is a space
        assert app.screen.ctx.doc.get(("actors", 3, "name")).endswith(" x")


@pytest.mark.slow
async def test_renaming_an_id_follows_every_reference_and_ctrl_z_undoes_it(example: Path) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        doc = editor.doc
        await open_step(pilot, "external")
        await _open_actor(pilot, 3)
        await tab_to(pilot, "actors.3.id")
        await pilot.press("end", *["backspace"] * len("sidorov"))
        await write(pilot, "sidorova")
        await pilot.press("escape")
        await settle(pilot)
        assert doc.get(("actors", 3, "id")) == "sidorova"
        assert "sidorova" in doc.get(("characters",)) and "sidorov" not in doc.get(("characters",))
        assert doc.references("sidorov") == []
        assert len(doc.references("sidorova")) >= 4  # relations, characters, owner, directed at
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert doc.get(("actors", 3, "id")) == "sidorov" and doc.references("sidorova") == []
        assert "sidorov" in doc.get(("characters",))


@pytest.mark.slow
async def test_an_id_that_clashes_changes_no_reference(example: Path) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        doc = app.screen.doc
        before = doc.references("sidorov")
        await open_step(pilot, "external")
        await _open_actor(pilot, 3)
        await tab_to(pilot, "actors.3.id")
        await pilot.press("end", *["backspace"] * len("sidorov"))
        await write(pilot, "petrov")
        await pilot.press("escape")
        await settle(pilot)
        assert doc.references("sidorov") == before, "nothing followed a clashing id"


@pytest.mark.slow
async def test_the_cursor_stays_in_its_control_across_language_and_theme_switches(example: Path) -> None:
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_step(pilot, "time_place")
        await tab_to(pilot, "time_place.place")
        for key in ("ctrl+l", "ctrl+t", "ctrl+l", "ctrl+l"):
            await pilot.press(key)
            await settle(pilot)
            assert focused_path(pilot) == "time_place.place", key
        await pilot.press("end")
        await write(pilot, " Z")
        assert app.screen.doc.get(("time_place", "place")).endswith(" Z")


@pytest.mark.slow
async def test_fast_typing_around_tab_loses_no_key(example: Path) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_step(pilot, "time_place")
        doc = app.screen.doc
        keys = ["end", *"abc", "tab", "end", *"def", "shift+tab", *"gh", "tab", *"ij"]
        await pilot.press(*keys)
        await settle(pilot)
        assert doc.get(("time_place", "time")).endswith("abcgh")
        assert doc.get(("time_place", "place")).endswith("defij")


@pytest.mark.slow
async def test_a_reflection_opens_in_its_note_so_a_space_does_not_tick(example: Path) -> None:
    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        from keykis.tui.widgets.step_panel import ReflectionItem

        item = app.screen.query(ReflectionItem).first()
        item.focus_input()
        await pilot.pause()
        assert isinstance(app.focused, Input)


@pytest.mark.slow
async def test_without_editor_set_ctrl_o_says_how_to_set_it(example: Path, monkeypatch) -> None:
    from keykis.tui import app as app_module

    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(app_module.shutil, "which", lambda name: None)
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen), "the case is open again, nothing was lost"
        await until(pilot, lambda: any("export EDITOR=" in str(n.message) for n in app._notifications),
                    "the note on how to set an editor")


@pytest.mark.slow
async def test_at_80_by_24_the_step_takes_the_width_and_ctrl_g_unfolds_the_steps(example: Path) -> None:
    from keykis.tui.widgets.findings import FindingsPanel
    from keykis.tui.widgets.steps import StepsSidebar

    app = make_app(example, lang="ru")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert not screen.query_one(StepsSidebar).display or screen.query_one(StepsSidebar).size.width == 0
        assert screen.query_one("#step-holder").size.width >= 76
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.focused, StepsSidebar) and screen.query_one(StepsSidebar).size.width > 20
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.step.id == "abstract" and screen.query_one(StepsSidebar).size.width == 0
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.focused, FindingsPanel) and screen.query_one(FindingsPanel).size.width > 20
    async with make_app(example, lang="ru").run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one("#step-holder").size.width >= 60


@pytest.mark.slow
async def test_repeated_findings_are_one_line_and_enter_lands_on_the_row(example: Path) -> None:
    from keykis.tui.widgets.findings import FindingsPanel

    text = example.read_text(encoding="utf-8")
    start, end = text.index("  - id: sidorov\n"), text.index("  - id: villagers\n")
    example.write_text(text[:start] + text[end:], encoding="utf-8")  # five references to a missing actor
    app = make_app(example, lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(FindingsPanel)
        lines = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        about = [line for line in lines if "sidorov" in line]
        assert len(about) == 1 and "ещё" in about[0], lines  # six references, one line
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press("home", *["down"] * lines.index(about[0]), "enter")
        await settle(pilot)
        assert app.screen.step.id == "external"
        assert isinstance(app.focused, ItemTable) and focused_path(pilot) == "relations"

        assert app.focused.cursor_row == 2


@pytest.mark.slow
async def test_a_space_that_arrives_with_its_tab_ticks_the_list_the_tab_moved_to(example: Path) -> None:
    """In a real terminal under load Tab and Space reach the app together: the Space belongs to the list."""
    from textual import events
    from textual.widgets import SelectionList

    app = make_app(example, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_step(pilot, "characters")
        lists = app.focused
        assert isinstance(lists, SelectionList), lists
        lists.highlighted = 0
        ticked = list(lists.selected)
        await pilot.press("tab")
        await settle(pilot)
        after = app.focused
        assert after is not lists
        text = getattr(after, "text", getattr(after, "value", None))
        app.post_message(events.Key("shift+tab", None))
        app.post_message(events.Key("space", " "))
        await drained(pilot)  # the two keys read and delivered (on a loaded machine they are still queued here)
        await settle(pilot)
        assert app.focused is lists
        assert list(lists.selected) != ticked, "the Space ticked the list the Shift+Tab moved to"
        assert getattr(after, "text", getattr(after, "value", None)) == text, "no space went into the field left"


async def test_the_start_screen_footer_speaks_the_chosen_language(tmp_path: Path) -> None:
    from keykis.tui.screens.start import StartScreen

    app = make_app(None, lang="ru", cases_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        words = {b.description for _, b, _, _ in app.screen.active_bindings.values()}
        assert {"Новый кейс", "Язык"} <= words, words
        await pilot.press("ctrl+l")  # to Kazakh
        await pilot.pause()
        words = {b.description for _, b, _, _ in app.screen.active_bindings.values()}
        assert "Жаңа кейс" in words, words
