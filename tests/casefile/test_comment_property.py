"""Comments are the author's: random edits never move, merge or drop a comment line.

Every bundled case (with a comment written above each of its block lines, as
an author annotating a case would) and the skeletons in ru, kk and en get a
run of random edits of the kinds the editor makes: ticking and unticking
resource kinds and other choices, adding, removing and renaming items at the
first, middle and last place of every list, adding and removing keys of every
mapping, retyping texts. After each edit the saved file must hold every
comment line, in order, still right above the line it was above (unless that
line's part was removed), and must read back as the intended data.
"""

from __future__ import annotations

import copy
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from keykis import yamlsafe
from keykis.casefile import CaseDocument, open_case
from keykis.skeleton import new_case
from tests.helpers import CASES

KINDS = ["time", "space", "energy", "information", "human", "technology", "materials", "finance"]
FIELDS = ["questions", "problems", "tasks", "solutions"]
EDITS_PER_FILE = 25


def _annotated(text: str) -> str:
    """The case with a comment line above every key or item line of the first four levels."""
    out = []
    starts = _starts(text)
    for n, line in enumerate(text.splitlines()):
        indent = len(line) - len(line.lstrip())
        if n in starts and indent <= 8:
            out.append(f"{' ' * indent}# note {n}")
        out.append(line)
    return "\n".join(out) + "\n"


def _files(tmp: Path) -> list[Path]:
    files = []
    for lang in ("ru", "kk", "en"):
        files.append(new_case(tmp / f"skeleton-{lang}", lang=lang))
    for case in sorted(CASES.glob("*/case.yaml")):
        target = tmp / case.parent.name / "case.yaml"
        target.parent.mkdir()
        target.write_text(_annotated(case.read_text(encoding="utf-8")), encoding="utf-8")
        files.append(target)
    return files


def _walk(node: Any, path: tuple[Any, ...] = ()) -> Any:
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, (*path, i))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _place(rng: random.Random, items: list[Any]) -> int:
    """The first, a middle or the last position."""
    return rng.choice([0, len(items) // 2, len(items) - 1])


class Editor:
    """Applies one random edit to the document and the same one to the intended data."""

    def __init__(self, doc: CaseDocument, data: dict[str, Any], rng: random.Random) -> None:
        self.doc, self.data, self.rng = doc, data, rng
        self.gone: set[tuple[Any, ...]] = set()
        """Anchors (normalised paths) whose part was removed."""
        self.removed: set[tuple[Any, ...]] = set()
        """Removed items: the comments inside them went with them."""
        self.renamed: dict[str, str] = {}
        self.added: list[tuple[Any, ...]] = []

    def edit(self) -> str:
        kind = self.rng.choice(["tick", "tick", "tick", "choice", "add", "remove", "rename", "key", "text"])
        return getattr(self, kind)()

    def _lists(self, of: type) -> list[tuple[Any, ...]]:
        return [p for p, v in _walk(self.data) if isinstance(v, list) and v and all(isinstance(x, of) for x in v)]

    def tick(self) -> str:
        fields = [f for f in FIELDS if self.data.get("matrix", {}).get(f, {}).get("items")]
        if not fields:
            return self.add()
        field = self.rng.choice(fields)
        items = self.data["matrix"][field]["items"]
        i = _place(self.rng, items)
        path = ("matrix", field, "items", i, "resources")
        kinds = list(items[i].get("resources") or [])
        kind = self.rng.choice(KINDS)
        kinds = [k for k in kinds if k != kind] if kind in kinds else [*kinds, kind]
        self._set(path, kinds)
        return f"tick {path} -> {kinds}"

    def choice(self) -> str:
        lists = self._lists(str)
        if not lists:
            return self.tick()
        path = self.rng.choice(lists)
        values = list(_at(self.data, path))
        if self.rng.random() < 0.5:
            i = _place(self.rng, values)
            self.gone.add(_normal(self.data, (*path, i)))
            values.pop(i)
        else:
            # after the first, the middle or the last (a comment right under the key heads the list and stays on top)
            values.insert(_place(self.rng, values) + 1, f"extra{self.rng.randrange(99)}")
        self._set(path, values)
        return f"choice {path} -> {values}"

    def add(self) -> str:
        lists = self._lists(dict)
        path = self.rng.choice(lists)
        new = self.doc.new_id("z")
        item = {"id": new, "text": f"Новый пункт {new}."}
        self.doc.append(path, item)
        _at(self.data, path).append(copy.deepcopy(item))
        return f"add {path} {new}"

    def remove(self) -> str:
        lists = [p for p in self._lists(dict) if len(_at(self.data, p)) > 1]
        if not lists:
            return self.add()
        path = self.rng.choice(lists)
        items = _at(self.data, path)
        i = _place(self.rng, items)
        self.gone.add(_normal(self.data, (*path, i)))
        self.removed.add(_normal(self.data, (*path, i)))
        for sub, _ in _walk(items[i], (*path, i)):
            self.gone.add(_normal(self.data, sub))
        self.doc.remove(path, i)
        del items[i]
        return f"remove {path} {i}"

    def rename(self) -> str:
        ids = [(p, v) for p, v in _walk(self.data) if p and p[-1] == "id" and isinstance(v, str)
               and p[0] in ("actors", "objects", "matrix", "goals", "values", "relations")]
        if not ids:
            return self.tick()
        path, old = self.rng.choice(ids)
        new = f"{old}n"
        if new in self.doc.ids():
            return self.tick()
        self.doc.set(path, new)
        self.doc.rename_id(old, new)
        reflection = self.data.pop("reflection", None)  # its keys are the method's question ids
        _rename(self.data, old, new)
        if reflection is not None:
            self.data["reflection"] = reflection
        self.renamed[old] = new
        return f"rename {old} -> {new}"

    def key(self) -> str:
        if self.added and self.rng.random() < 0.5:
            path = self.added.pop(self.rng.randrange(len(self.added)))
            try:
                assert path[-1] in _at(self.data, path[:-1])
            except (KeyError, IndexError, AssertionError, TypeError):
                return self.tick()  # its part was removed or moved since
            self.doc.set(path, None)
            del _at(self.data, path[:-1])[path[-1]]
            return f"unkey {path}"
        maps = [p for p, v in _walk(self.data) if isinstance(v, dict) and v and p[:1] != ("decision",)]
        path = (*self.rng.choice(maps), f"added{self.rng.randrange(999)}")
        if path[-1] in _at(self.data, path[:-1]):
            return self.tick()
        self._set(path, "Добавлено.")
        self.added.append(path)
        return f"key {path}"

    def text(self) -> str:
        texts = [p for p, v in _walk(self.data) if isinstance(v, str) and p and p[-1] == "text"
                 and "id" in _at(self.data, p[:-1])]  # an item without an id is known by its text
        if not texts:
            return self.tick()
        path = self.rng.choice(texts)
        value = self.rng.choice(["", "Короткий текст.", "Первая строка.\nВторая строка."])
        self._set(path, value)
        return f"text {path}"

    def _set(self, path: tuple[Any, ...], value: Any) -> None:
        self.doc.set(path, value)
        parent = self.data
        for part in path[:-1]:
            parent = parent.setdefault(part, {}) if isinstance(parent, dict) else parent[part]
        parent[path[-1]] = value


def _rename(node: Any, old: str, new: str) -> None:  # noqa: C901
    """Every string equal to ``old`` and every key equal to it becomes ``new``."""
    if isinstance(node, dict):
        for k in list(node):
            v = node[k]
            if v == old:
                node[k] = new
            else:
                _rename(v, old, new)
        if old in node and new not in node:
            items = [(new if k == old else k, v) for k, v in node.items()]
            node.clear()
            node.update(items)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            if v == old:
                node[i] = new
            else:
                _rename(v, old, new)


def _normal(data: Any, path: tuple[Any, ...]) -> tuple[Any, ...]:
    """A path with list positions replaced by the item's id where it has one."""
    out: list[Any] = []
    node = data
    for part in path:
        node = node[part]
        if isinstance(part, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            out.append(f"#{node['id']}")
        elif isinstance(part, int) and isinstance(node, dict):  # no id: named by its values
            out.append("@" + ",".join(f"{k}={v}" for k, v in node.items()
                                   if not k.startswith("added") and isinstance(v, str)))
        elif isinstance(part, int) and isinstance(node, str):
            out.append(f"={node}")
        else:
            out.append(part)
    return tuple(out)


def _starts(text: str) -> dict[int, tuple[Any, ...]]:
    """The (normalised) path of the part that starts on each line that starts one."""
    tree = YAML(typ="rt").load(text)
    data = yamlsafe.loads(text)
    starts: dict[int, tuple[Any, ...]] = {}
    for path, node in _walk(tree):
        if isinstance(node, CommentedMap) and not node.fa.flow_style():
            for k in node:
                starts.setdefault(node.lc.key(k)[0], _normal(data, (*path, k)))
        elif isinstance(node, CommentedSeq) and not node.fa.flow_style():
            for i in range(len(node)):
                starts.setdefault(node.lc.item(i)[0], _normal(data, (*path, i)))
    return starts


def _anchors(text: str) -> list[tuple[str, Any]]:
    """Each comment line with the (normalised) path of the first line below it that starts a part."""
    starts = _starts(text)
    lines = text.splitlines()
    out = []
    for n, line in enumerate(lines):
        if not line.lstrip().startswith("#"):
            continue
        below = next((m for m in range(n + 1, len(lines)) if lines[m].strip() and not lines[m].lstrip().startswith("#")), None)
        anchor: Any = None if below is None else starts.get(below, f"not a part: {lines[below]!r}")
        out.append((line, anchor))
    return out


def _renamed(anchor: Any, renamed: dict[str, str]) -> Any:
    """The anchor with the ids renamed since it was taken."""
    if not isinstance(anchor, tuple) or anchor[:1] == ("reflection",):
        return anchor
    out = []
    for part in anchor:
        if isinstance(part, str):
            part = re.sub(r"(?<=[#=])([^,]+)", lambda m: _final(m.group(1), renamed), part) \
                if part.startswith(("@", "=", "#")) else _final(part, renamed)
        out.append(part)
    return tuple(out)


def _final(ident: str, renamed: dict[str, str]) -> str:
    while ident in renamed:
        ident = renamed[ident]
    return ident


def _inside(anchor: Any, removed: set[tuple[Any, ...]], renamed: dict[str, str]) -> bool:
    """Whether ``anchor`` is a part inside (not the start of) a removed item."""
    removed = {_renamed(r, renamed) for r in removed}
    return isinstance(anchor, tuple) and any(anchor[:n] in removed for n in range(1, len(anchor)))


def _check_comments(before: list[tuple[str, Any]], after: list[tuple[str, Any]], editor: Editor, where: str) -> None:
    """Every comment line is still there, in order, above the part it was above (unless that part went)."""
    gone = {_renamed(g, editor.renamed) for g in editor.gone}
    kept = [(c, _renamed(a, editor.renamed)) for c, a in before]
    kept = [(c, a) for c, a in kept if not _inside(a, editor.removed, editor.renamed)]
    assert [c for c, _ in after] == [c for c, _ in kept], f"comment lines moved or lost: {where}"
    for (comment, old), (_, new) in zip(kept, after, strict=True):
        if isinstance(old, tuple) and any(old[:n] in gone for n in range(1, len(old) + 1)):
            assert isinstance(new, tuple) or new is None, f"{comment!r} ended inside a line ({new}): {where}"
            continue
        assert new == old, f"{comment!r} was above {old}, now above {new}: {where}"


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_keep_every_comment_in_its_place(tmp_path: Path, seed: int) -> None:
    for file in _files(tmp_path / str(seed)):
        before = _anchors(file.read_text(encoding="utf-8"))
        assert before, f"{file} has comments to keep"
        doc = open_case(file)
        editor = Editor(doc, yamlsafe.loads(file.read_text(encoding="utf-8")), random.Random(f"{seed}{file.parent.name}"))
        done = []
        for _ in range(EDITS_PER_FILE):
            done.append(editor.edit())
            doc.save()
            text = file.read_text(encoding="utf-8")
            where = f"{file.parent.name} after {done}"
            assert yamlsafe.loads(text) == editor.data, where
            _check_comments(before, _anchors(text), editor, where)
        shutil.rmtree(file.parent)
