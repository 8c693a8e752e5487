"""References: where a case names another of its parts by id (``schemas/references.yaml``).

One table, read here and nowhere else: the editor's rename follows every
place it lists, the checker resolves them, the editor offers ids of the right
kind in them, and the documentation's list is compared with it by a test.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from keykis import yamlsafe
from keykis.paths import schemas_dir

Path_ = tuple[str | int, ...]

EVERY_ITEM, EVERY_VALUE, EVERY_KEY = "[]", "*", "{}"


@dataclass(frozen=True)
class Place:
    """One kind of place that holds an id."""

    at: str
    """The dotted pattern as written in the table (``matrix.tasks.items[].problem``)."""
    steps: tuple[str, ...]
    """The pattern split: keys, ``[]`` (every item), ``*`` (every value), ``{}`` (every key)."""
    names: str
    """The kind of part it names: actors, problems, tasks, solutions, questions, criteria, objectives."""
    among: tuple[Path_, ...]
    """The lists whose items' ids it may name."""

    @property
    def key(self) -> str:
        """The key that holds the id (``problem``), or ``{}`` for ids that are keys themselves."""
        last = [s for s in self.steps if s not in (EVERY_ITEM, EVERY_VALUE)]
        return last[-1] if last else ""

    @property
    def many(self) -> bool:
        """A list of ids rather than one."""
        return self.steps[-1] == EVERY_ITEM


@dataclass(frozen=True)
class Table:
    kinds: dict[str, tuple[Path_, ...]]
    """Kind -> the lists that declare ids of that kind."""
    places: tuple[Place, ...]


def _dotted(text: str) -> Path_:
    return tuple(text.split("."))


def _steps(pattern: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in pattern.split("."):
        if part.endswith(EVERY_ITEM) and part != EVERY_ITEM:
            out += [part[: -len(EVERY_ITEM)], EVERY_ITEM]
        else:
            out.append(part)
    return tuple(out)


@cache
def table() -> Table:
    """The table of references, read once."""
    data, _ = yamlsafe.load_mapping(schemas_dir() / "references.yaml")
    kinds = {kind: tuple(_dotted(p) for p in lists) for kind, lists in data["kinds"].items()}
    places = tuple(
        Place(entry["at"], _steps(entry["at"]), entry["names"],
              tuple(_dotted(p) for p in entry.get("among") or ()) or kinds[entry["names"]])
        for entry in data["references"])
    return Table(kinds, places)


def _walk(node: Any, steps: tuple[str, ...], path: Path_) -> Iterator[tuple[Path_, Any, bool]]:
    if not steps:
        yield path, node, False
        return
    head, rest = steps[0], steps[1:]
    if head == EVERY_ITEM:
        if isinstance(node, list):
            for i, item in enumerate(node):
                yield from _walk(item, rest, (*path, i))
    elif head == EVERY_VALUE:
        if isinstance(node, dict):
            for k, v in node.items():
                yield from _walk(v, rest, (*path, k))
    elif head == EVERY_KEY:
        if isinstance(node, dict):
            for k in list(node):
                yield (*path, k), k, True
    elif isinstance(node, dict) and head in node:
        yield from _walk(node[head], rest, (*path, head))


def references(data: Any) -> Iterator[tuple[Path_, Any, Place, bool]]:
    """(path, id, place, is_key) of every reference in a case's data (plain or round-trip).

    ``is_key`` marks an id that is a mapping's key (a row or a column of the
    decision scores); otherwise the id is the value at ``path``.
    """
    for place in table().places:
        for path, value, is_key in _walk(data, place.steps, ()):
            yield path, value, place, is_key


def declared(data: Any, lists: tuple[Path_, ...]) -> set[str]:
    """The ids of the items of ``lists`` in a case's data."""
    out: set[str] = set()
    for dotted in lists:
        node = data
        for key in dotted:
            node = node.get(key) if isinstance(node, dict) else None
        for item in node if isinstance(node, list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.add(item["id"])
    return out
