"""Findings point at the right line whether or not the whole YAML document is composed."""

from __future__ import annotations

from keykis.yamlsafe import Locator
from tests.helpers import CASES


def _composed(text: str, path: tuple[str | int, ...], key: bool) -> tuple[int, int]:
    loc = Locator(text)
    loc._node()  # compose first: the slow path
    return loc.locate(path, key=key)


def test_top_level_keys_of_every_bundled_case() -> None:
    for case in sorted(CASES.glob("*/case.yaml")):
        text = case.read_text(encoding="utf-8")
        for name in ("title", "actors", "relations", "characters", "meta", "narrative"):
            assert Locator(text).locate((name,), key=True) == _composed(text, (name,), True), (case, name)


def test_key_written_twice_at_a_line_start_is_found_by_the_tree() -> None:
    text = 'id: x\nabstract: "first line\ntitle: inside the quoted text"\ntitle: Что делать с очередями?\n'
    assert Locator(text).locate(("title",), key=True) == (4, 1)


def test_key_not_at_a_line_start() -> None:
    text = "{id: x, title: Как сократить очереди?}\n"
    assert Locator(text).locate(("title",), key=True) == _composed(text, ("title",), True)


def test_deeper_paths_still_use_the_tree() -> None:
    text = "id: x\nactors:\n  - id: akim\n    name: Аким района\n"
    assert Locator(text).locate(("actors", 0, "name")) == (4, 11)
