"""Type-ahead: keys sent all at once, with no pause, land where the author meant them (the saved file says so)."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.tui.app import make_app
from keykis.tui.screens.editor import EditorScreen
from keykis.tui.screens.item_editor import ItemEditor
from keykis.tui.widgets.items import ItemTable
from keykis.vocabulary import say
from keykis.yamlsafe import loads
from tests.tui.helpers import burst, drained, focused_path, tab_to, until
from tests.tui.test_editor import open_step, settle

SMALL = (80, 24)


def saved(example: Path) -> dict:
    return loads(example.read_text(encoding="utf-8"))


async def at_the_actors_list(pilot, example: Path) -> int:  # type: ignore[no-untyped-def]
    """Open the internal environment's step with the cursor on its actors list; how many actors are saved."""
    await settle(pilot)
    await open_step(pilot, "internal")
    await tab_to(pilot, "actors", widget=ItemTable)
    return len(saved(example)["actors"])


@pytest.mark.slow
async def test_an_actor_typed_ahead_of_its_form_lands_field_by_field(example: Path) -> None:
    """'a' opens the form; the name, the role and two choices typed before it is there go where they belong."""
    app = make_app(example, lang="ru")
    async with app.run_test(size=SMALL) as pilot:
        before = await at_the_actors_list(pilot, example)
        # Form fields: id, kind, environment, name (the cursor starts here), alias, role.
        burst(pilot, "a", *"Айжан Серикова", "tab", "tab", *"бухгалтер акимата",
              "shift+tab", "shift+tab", "shift+tab", "enter", "home", "down", "enter",      # environment: internal
              "shift+tab", "enter", "home", "down", "down", "enter",                          # kind: group
              "escape",
              "a", *"Водители", "escape", "ctrl+s")
        await drained(pilot)
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and isinstance(app.focused, ItemTable)
    actors = saved(example)["actors"]
    assert len(actors) == before + 2
    first, second = actors[before], actors[before + 1]
    assert first["name"] == "Айжан Серикова"
    assert first["role"] == "бухгалтер акимата"
    assert first["environment"] == "internal" and first["kind"] == "group"
    assert "alias" not in first and "description" not in first
    assert second["name"] == "Водители" and set(second) == {"id", "name"}


@pytest.mark.slow
async def test_text_typed_with_ctrl_n_goes_to_the_next_step_not_the_one_left(example: Path) -> None:
    app = make_app(example, lang="kk")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_step(pilot, "keywords")
        await pilot.press("ctrl+l", "ctrl+l", "ctrl+l")  # kk → en → ru → kk: the same language, the cursor kept
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        doc = editor.doc
        before = doc.get(("theory",))
        keywords = doc.get(("keywords",))
        burst(pilot, "ctrl+n", *"Теория: ", "ctrl+b", "ctrl+n", *"Жаңа. ", "ctrl+s")  # a step opens at its start
        await drained(pilot)
        await settle(pilot)
        assert editor.step.id == "theory"
        assert doc.get(("keywords",)) == keywords, "nothing went into the step left"
    theory = saved(example)["theory"]
    assert theory == "Жаңа. Теория: " + before


@pytest.mark.slow
async def test_a_space_after_tab_into_a_tick_list_ticks_the_line_meant(example: Path) -> None:
    """Into a problem's form: text, Tab into the resource kinds, Down Down Space — all before the form is drawn."""
    app = make_app(example, lang="ru")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_step(pilot, "problems")
        await tab_to(pilot, "matrix.problems.items", widget=ItemTable)
        before = len(saved(example)["matrix"]["problems"]["items"])
        burst(pilot, "a", *"Очередь в центре растёт к обеду", "tab", "home", "space", "down", "down", "space",
              "escape", "ctrl+s")
        await drained(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, ItemEditor)
    items = saved(example)["matrix"]["problems"]["items"]
    assert len(items) == before + 1
    new = items[before]
    assert new["text"] == "Очередь в центре растёт к обеду"
    assert new["resources"] == ["time", "materials"]


@pytest.mark.slow
async def test_keys_held_for_a_busy_screen_say_opening_and_then_all_arrive(example: Path) -> None:
    app = make_app(example, lang="kk")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_step(pilot, "time_place")
        doc = app.screen.doc
        app.hold_keys()  # a screen that stays busy (as a slow form does on a loaded machine)
        burst(pilot, "end", *"XYZ", "tab", "end", *"Q")
        await until(pilot, lambda: say("editor.opening", "kk") in [str(n.message) for n in app._notifications],
                    "the note that the screen is opening")
        assert not doc.get(("time_place", "time")).endswith("XYZ"), "nothing typed while the screen is busy"
        app.release_keys()
        await drained(pilot)
        assert doc.get(("time_place", "time")).endswith("XYZ")
        assert doc.get(("time_place", "place")).endswith("Q")
        assert focused_path(pilot) == "time_place.place"
        assert say("editor.opening", "kk") not in [str(n.message) for n in app._notifications]


@pytest.mark.slow
async def test_a_findings_pass_neither_steals_nor_drops_a_key(example: Path) -> None:
    """Typing while the checks run after every word: every character in its field, in order."""
    app = make_app(example, lang="ru")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_step(pilot, "time_place")
        doc = app.screen.doc
        before = doc.get(("time_place", "time"))
        text = "раз два три четыре пять шесть семь восемь девять десять"
        keys: list[str] = ["home"]
        for word in text.split():
            keys += [*word, "space", "f5"]  # F5 runs the checks now, as the pause after typing does
        burst(pilot, *keys, "tab", "home", *"X")
        await drained(pilot)
        await settle(pilot)
        assert doc.get(("time_place", "time")) == text + " " + before
        assert doc.get(("time_place", "place")).startswith("X")


def test_escape_read_together_with_the_next_key_is_escape_then_that_key() -> None:
    from textual import events

    from keykis.tui.type_ahead import escape_then

    for alt, char, rest in (("alt+a", "a", "a"), ("alt+shift+д", "Д", "Д"), ("alt+minus", "-", "minus"),
                            ("alt+enter", "\r", "enter"), ("alt+tab", "\t", "tab")):
        keys = escape_then(events.Key(alt, char))
        assert [k.key for k in keys] == ["escape", rest]


@pytest.mark.slow
async def test_the_first_character_after_ctrl_n_goes_into_the_step_opened(tmp_path: Path) -> None:
    """The step's old field is removed before its new one takes the cursor: a key in between waits for it."""
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "keykis", "new", "c", "--lang", "ru"], cwd=tmp_path, check=True,
                   capture_output=True)
    app = make_app(tmp_path / "cases" / "c", lang="ru")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for _ in range(6):
            burst(pilot, "ctrl+n", *"Шк", "ctrl+b")
            await drained(pilot)
        await settle(pilot)
        assert app.screen.doc.get(("abstract", "ru", "draft")) == "Шк" * 6


def test_an_escape_read_late_with_the_keys_after_it_is_still_escape() -> None:
    """On a loaded machine the input thread may wake only when the next keys are there: Escape stays Escape."""
    import time

    from textual._xterm_parser import XTermParser

    import keykis.tui.type_ahead  # noqa: F401 - installs the parser fix

    parser = XTermParser(debug=False)
    keys = [*parser.feed("\x1b")]
    time.sleep(0.2)  # past ESCDELAY (0.1 s), with no tick in between
    keys += [*parser.feed("aУ\x1b[B")]
    assert [k.key for k in keys] == ["escape", "a", "У", "down"]  # type: ignore[attr-defined]


def test_escape_read_in_one_piece_with_the_keys_after_it_is_escape_then_those_keys() -> None:
    """Escape and the keys typed after it in one read: Escape, then the keys; a real sequence is still one key."""
    from textual._xterm_parser import XTermParser

    import keykis.tui.type_ahead  # noqa: F401 - installs the parser fix

    cases = (
        ("\x1bабв", ["escape", "а", "б", "в"]),
        ("\x1b[A", ["up"]),
        ("әб\x1bҚы\x1b[B\x1b\x1bс", ["ә", "б", "escape", "Қ", "ы", "down", "escape", "escape", "с"]),
        ("\x1bOP\x1b\ra", ["f1", "escape", "enter", "a"]),
    )
    for chunk, meant in cases:
        parser = XTermParser(debug=False)
        assert [k.key for k in parser.feed(chunk)] == meant, chunk  # type: ignore[attr-defined]
    parser = XTermParser(debug=False)  # Escape at the end of one read, the keys in the next
    keys = [*parser.feed("ж\x1b"), *parser.feed("ок")]
    assert [k.key for k in keys] == ["ж", "escape", "о", "к"]  # type: ignore[attr-defined]


async def _a_name_typed_ahead_into_a_new_actor_is_saved(example: Path) -> None:
    """In the Kazakh editor at the actors list, "a" and a name typed on at once, Escape, save: the new actor has
    the whole name."""
    app = make_app(example, lang="kk")
    async with app.run_test(size=SMALL) as pilot:
        before = await at_the_actors_list(pilot, example)
        burst(pilot, "a", *"Әсел Нұрланқызы", "escape", "ctrl+s")
        await drained(pilot)
        await settle(pilot)
    actors = saved(example)["actors"]
    assert len(actors) == before + 1
    assert actors[before]["name"] == "Әсел Нұрланқызы"


@pytest.mark.slow
async def test_a_form_that_keeps_the_app_busy_past_the_hold_limit_still_takes_the_keys_typed_ahead(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A form whose building holds the app for longer than the hold limit (a loaded machine) is not a stuck
    screen: the time the app could not look does not count, and the name typed ahead goes into the form."""
    import time

    from keykis.tui import type_ahead

    monkeypatch.setattr(type_ahead, "HOLD_LIMIT", 1.0)
    compose = ItemEditor.compose

    def slow_compose(self: ItemEditor):  # type: ignore[no-untyped-def]
        time.sleep(2.5)  # the app can do nothing else meanwhile, as when the machine is busy
        return compose(self)

    monkeypatch.setattr(ItemEditor, "compose", slow_compose)
    await _a_name_typed_ahead_into_a_new_actor_is_saved(example)


@pytest.mark.slow
async def test_a_key_read_after_a_cursor_move_was_asked_for_lands_where_the_cursor_went(example: Path) -> None:
    """A field's handler asked for the cursor to move (``Widget.focus`` goes through the app's queue) before the
    app read the key typed next: the key waits for the move (a drop-down closing, a list taking the cursor back
    after its form, a step putting it in its first field all move it so)."""
    import asyncio

    from textual import events

    from keykis.tui.widgets.step_panel import StepPanel
    from tests.tui.helpers import WAIT_CAP

    app = make_app(example, lang="ru")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_step(pilot, "time_place")
        await settle(pilot)
        assert focused_path(pilot) == "time_place.time"
        doc = app.screen.doc
        time_before, place_before = doc.get(("time_place", "time")), doc.get(("time_place", "place"))
        place = next(c for c in app.screen.query_one(StepPanel).controls() if c.spec.path == ("time_place", "place"))
        app.post_message(events.Key("Ж", "Ж"))  # read by the app after the move below was asked for
        place.focus_input()
        # Wait without the pilot (its pause asks every widget for a callback, which would hold the key anyway).
        end = asyncio.get_running_loop().time() + WAIT_CAP
        while not app._message_queue.empty() or app.keys_waiting:
            assert asyncio.get_running_loop().time() < end, "the key was never read"
            await asyncio.sleep(0.01)
        await drained(pilot)
        assert focused_path(pilot) == "time_place.place"
        assert doc.get(("time_place", "time")) == time_before, "the key went to the field the cursor was leaving"
        assert doc.get(("time_place", "place")) == "Ж" + place_before


@pytest.mark.slow
async def test_a_slow_form_shows_opening_in_its_frame_first_and_takes_the_keys_typed_meanwhile(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Building a form's fields holds the app (seconds on a loaded machine): its frame, title and «Ашылуда…» are
    laid out before that starts, and the keys typed meanwhile wait for the cursor in its first field."""
    import time

    from textual.widgets import Label

    from keykis.tui.screens import item_editor

    make_control = item_editor.make_control
    note_seen: list[bool] = []

    def slow_make_control(spec, ctx):  # type: ignore[no-untyped-def]
        screen = app.screen
        notes = list(screen.query("#item-opening")) if isinstance(screen, ItemEditor) else []
        note_seen.append(bool(notes) and isinstance(notes[0], Label) and notes[0].region.height > 0
                         and say("editor.opening", "kk") in str(notes[0].render()))
        time.sleep(0.3)  # the app can do nothing else meanwhile, as when the machine is busy
        return make_control(spec, ctx)

    monkeypatch.setattr(item_editor, "make_control", slow_make_control)
    app = make_app(example, lang="kk")
    async with app.run_test(size=SMALL) as pilot:
        before = await at_the_actors_list(pilot, example)
        # Form fields: id, kind, environment, name (the cursor starts here), alias, role.
        burst(pilot, "a", *"Әсел Нұрланқызы", "tab", "tab", *"есепші", "escape", "ctrl+s")
        await drained(pilot)
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and isinstance(app.focused, ItemTable)
    assert note_seen and all(note_seen), "the frame with its note was not on screen while the fields were built"
    actors = saved(example)["actors"]
    assert len(actors) == before + 1
    assert actors[before]["name"] == "Әсел Нұрланқызы" and actors[before]["role"] == "есепші"
    assert "alias" not in actors[before]


@pytest.mark.slow
async def test_a_tab_read_while_the_list_refreshes_after_its_form_moves_to_the_next_list(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list refreshes late after its form closes and asks for the cursor back; the Tab typed after Escape
    arrives meanwhile, and the app reads it only after the list has handled its refresh (a loaded machine runs
    the app's turn late). The Tab waits for the cursor to be back on the list rather than being undone by it."""
    import asyncio

    from textual import events

    from keykis.tui.type_ahead import _busy as busy
    from tests.tui.helpers import WAIT_CAP

    on_edit_item = EditorScreen.on_edit_item
    tabs: list[str] = []

    def late_refresh(self: EditorScreen, event) -> None:  # type: ignore[no-untyped-def]
        done = event.done

        async def refresh_late(result: object) -> None:
            end = asyncio.get_running_loop().time() + WAIT_CAP
            while any(isinstance(s, ItemEditor) for s in app._registry):  # the form's teardown first
                assert asyncio.get_running_loop().time() < end, "the form was never taken down"
                await asyncio.sleep(0.01)
            if not tabs:
                tabs.append("tab")
                app.call_later(the_list_settled)  # the app's turn comes late: the list and the step go first
                app.post_message(events.Key("tab", "\t"))  # the author's Tab, arrived as the list refreshes
            done(result)

        async def the_list_settled() -> None:
            end = asyncio.get_running_loop().time() + WAIT_CAP
            while app.screen._callbacks or any(busy(n) for n in app.screen.walk_children(with_self=True)):
                assert asyncio.get_running_loop().time() < end, "the list never settled"
                await asyncio.sleep(0.01)

        event.done = refresh_late
        on_edit_item(self, event)

    monkeypatch.setattr(EditorScreen, "on_edit_item", late_refresh)
    app = make_app(example, lang="ru")
    async with app.run_test(size=SMALL) as pilot:
        before = await at_the_actors_list(pilot, example)
        burst(pilot, "a", *"Гүлнар", "escape")
        await until(pilot, lambda: tabs, "the form to close and the list to refresh")
        await drained(pilot)
        await settle(pilot)
        assert focused_path(pilot) == "objects", "the Tab after the form was undone by the list's refresh"
        burst(pilot, "a", *"Касса", "escape", "ctrl+s")
        await drained(pilot)
        await settle(pilot)
    data = saved(example)
    assert data["actors"][before]["name"] == "Гүлнар"
    assert data["objects"][-1]["name"] == "Касса"


@pytest.mark.slow
async def test_a_key_let_through_at_the_hold_limit_waits_for_the_form_being_built_and_lands_in_its_field(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The form builds its fields in many slow steps, the app looking between them (a loaded machine): the
    hold limit passes while the form still holds the keys and no field has the cursor. The key let through then
    waits for the cursor in the form's first field instead of going to the form's frame and being lost."""
    import asyncio
    import time

    from keykis.tui import type_ahead

    monkeypatch.setattr(type_ahead, "HOLD_LIMIT", 0.3)
    fill = ItemEditor._fill
    steps: list[int] = []

    async def slow_fill(self: ItemEditor) -> None:
        for _ in range(12):  # each step holds the app past LOOK_AT_MOST, then lets it look: 1.2 s counted
            time.sleep(type_ahead.LOOK_AT_MOST * 1.5)
            steps.append(1)
            await asyncio.sleep(0)
        await fill(self)

    monkeypatch.setattr(ItemEditor, "_fill", slow_fill)
    await _a_name_typed_ahead_into_a_new_actor_is_saved(example)
    assert len(steps) == 12
