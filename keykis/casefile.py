"""The case file as an editable document that keeps what the author wrote.

The editor changes a case value by value, but the file belongs to the author:
comments, key order and quoting written by hand must survive every save. So
the document is held as a ruamel.yaml round-trip tree, changed in place, and
written only when something changed. Writes are atomic (a temporary file in
the same folder, fsync, rename) and the previous version is kept beside the
file as ``case.yaml.bak``.

Whether someone else changed the file is decided by comparing it with the
text this process last read or wrote: the digest of the bytes is recorded
under the same lock as the write itself, so our own saves can never look like
somebody else's. Every change is also journalled at once in the recovery file
(``keykis.recovery``) when a journal is started, so nothing typed is lost
between two saves.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from typing import Any, cast

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from keykis import atomic, comments, safe_read, yamlsafe
from keykis.errors import CaseFileError
from keykis.method import case_schema
from keykis.model import Case, case_file
from keykis.paths import schemas_dir
from keykis.recovery import Journal, Op, Recovery, read_recovery
from keykis.references import references
from keykis.writer import Writer, WriterGone

Path_ = tuple[str | int, ...]
BACKUP_SUFFIX = ".bak"


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


@dataclass(frozen=True)
class Fingerprint:
    """What the file on disk looked like when we last read or wrote it."""

    size: int
    mtime_ns: int
    digest: str


def digest(raw: bytes) -> str:
    """The digest the fingerprints use."""
    return hashlib.sha256(raw).hexdigest()


def fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of ``path`` now, or None if it is gone."""
    try:
        raw = safe_read.read_bytes(path)
        st = path.stat()
    except (OSError, CaseFileError):
        return None
    return Fingerprint(len(raw), st.st_mtime_ns, hashlib.sha256(raw).hexdigest())


def plain(node: Any) -> Any:
    """A plain-Python copy of a round-trip tree (dicts, lists, str, ...)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    if isinstance(node, ScalarBoolean):
        return bool(node)
    if isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, (date, datetime)):
        return node.isoformat()  # keykis reads dates as the text written
    return node


class CaseDocument:
    """An open case file: the round-trip tree, its text and its state on disk.

    The round-trip parse is slow on a full-size case (ruamel.yaml is pure
    Python), so it may run in the background: until it is done, reading is
    served from the plain data of the fast loader, and the first change waits
    for the tree.
    """

    def __init__(self, path: Path, text: str, tree: CommentedMap | Future[CommentedMap],
                 data: dict[str, Any] | None = None) -> None:
        self.path = path
        """The ``case.yaml`` file."""
        self.text = text
        """The text as last read or written."""
        self._tree = tree if isinstance(tree, CommentedMap) else None
        self._pending = tree if isinstance(tree, Future) else None
        self._plain = data
        self.generation = 0
        """Counts changes; a save remembers which generation it wrote."""
        self._saved_generation = 0
        self.disk = fingerprint(path)
        """The file as we last read or wrote it."""
        self._disk_lock = threading.RLock()
        """Held while writing the file and recording what was written."""
        self.journal: Journal | None = None
        """The recovery file, once ``start_journal`` was called."""
        self.backed_up = False
        """Whether this session already kept the file as it was opened in ``case.yaml.bak``."""
        self._copies: dict[int, tuple[Any, Any]] = {}
        self._copied = 0
        """Plain copies of the tree's containers, by ``id``: (the node, its copy); see ``case()``."""
        self._writer: Writer | None = None
        self._pristine = True
        """No change and no save yet: the tree is still the parse of ``text`` (a writer may start from it)."""

    @property
    def tree(self) -> CommentedMap:
        """The round-trip tree (waits for the background parse); raises ``CaseFileError``."""
        if self._tree is None:
            assert self._pending is not None
            self._tree = self._pending.result()
            self._pending = None
        return self._tree

    @property
    def dirty(self) -> bool:
        """Whether there are changes not yet written."""
        return self.generation != self._saved_generation

    @dirty.setter
    def dirty(self, value: bool) -> None:
        if value:
            self.generation += 1
        else:
            self._saved_generation = self.generation

    @property
    def loaded(self) -> bool:
        """Whether the round-trip tree is ready (reading it will not wait)."""
        return self._tree is not None or (self._pending is not None and self._pending.done())

    def _read_root(self) -> Any:
        if self._tree is None and self._plain is not None and not self.loaded:
            return self._plain
        return self.tree

    # -- reading -----------------------------------------------------------
    def get(self, path: Path_, default: Any = None) -> Any:
        """The value at ``path``, or ``default`` when any part is missing."""
        node: Any = self._read_root()
        for part in path:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and -len(node) <= part < len(node):
                node = node[part]
            else:
                return default
        return node

    def case(self) -> Case:
        """A model ``Case`` of the current content (lines as of the last save).

        The plain data is copied from the round-trip tree, but only the parts
        that changed since the last copy: every change drops the copies of the
        containers on its path (``_touched``), the rest are shared with the
        previous snapshot. On a case of thousands of values a snapshot after one
        keystroke costs microseconds instead of a walk of the whole tree.
        Snapshots are read, never changed, by the checks.
        """
        root = self._read_root()
        data = cast(dict[str, Any], self._plain_copy(root) if root is not self._plain else root)
        case = Case(data, path=self.path, text=self.text)
        case.snapshot = True
        return case

    def _plain_copy(self, node: Any) -> Any:
        if not isinstance(node, (dict, list)):
            return plain(node)
        kept = self._copies.get(id(node))
        if kept is not None and kept[0] is node:
            return kept[1]
        if isinstance(node, dict):
            copy: Any = {str(k): self._plain_copy(v) for k, v in node.items()}
        else:
            copy = [self._plain_copy(v) for v in node]
        if len(self._copies) > 4 * max(self._copied, 1024):  # copies of nodes long gone: start afresh
            self._copies.clear()
        self._copies[id(node)] = (node, copy)
        self._copied = len(self._copies)
        return copy

    def _touched(self, path: Path_ | None) -> None:
        """The containers on ``path`` (None: anywhere) changed: their plain copies are made again."""
        if path is None:
            self._copies.clear()
            return
        if self._tree is None:
            return
        node: Any = self._tree
        self._copies.pop(id(node), None)
        for part in path:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and -len(node) <= part < len(node):
                node = node[part]
            else:
                return
            self._copies.pop(id(node), None)

    def dump(self) -> str:
        """The YAML text of the current content."""
        out = StringIO()
        _yaml().dump(self.tree, out)
        return out.getvalue()

    # -- changing ----------------------------------------------------------
    def start_journal(self) -> Recovery | None:
        """Journal every change from now on; return changes left by an earlier crash, if any."""
        left = read_recovery(self.path)
        self.journal = Journal(self.path, self.disk.digest if self.disk else "", inherit=left.file if left else None)
        if left is not None:
            left.settle = self.journal.settle
        return left

    def _log(self, op: Op) -> None:
        self._touched(None if op["op"] == "rename" else tuple(op["path"]))
        self._pristine = False
        self.dirty = True
        if self._writer is not None:
            self._writer.change(self.generation, op)
        if self.journal is not None:
            self.journal.record(self.generation, op)

    def write_apart(self) -> bool:
        """Have every save dumped and written by a process of its own (``keykis.writer``); return whether it
        started. Only before the first change or save, when the writer's parse of ``text`` is this tree."""
        if self._writer is None and self._pristine:
            try:
                self._writer = Writer(self.path, self.text)
            except OSError:
                return False
        return self._writer is not None

    def _written_apart(self, backup: bool) -> tuple[int, str] | None:
        """(generation, text) written by the writer, or None when there is none or it gave up (then it is
        dropped and this process writes, now and from now on). A failed write raises ``OSError``."""
        if self._writer is None:
            return None
        try:
            return self._writer.save(backup)
        except WriterGone:
            self._writer.close()
            self._writer = None
            return None

    def apply(self, op: Op) -> None:
        """Redo one journalled change (``keykis.recovery``)."""
        path = tuple(op["path"])
        kind = op["op"]
        if kind == "set":
            self.set(path, op.get("value"))
        elif kind == "append":
            self.append(path, op.get("item") or {})
        elif kind == "remove":
            self.remove(path, int(op["index"]))
        elif kind == "move":
            self.move(path, int(op["index"]), int(op["offset"]))
        elif kind == "rename":
            self.rename_id(str(op["old"]), str(op["new"]))
        else:
            raise ValueError(kind)

    def set(self, path: Path_, value: Any) -> bool:
        """Set the value at ``path`` (creating mappings on the way); ``None`` removes it.

        Returns whether anything changed. An emptied text or list keeps its
        key where it is (as ``''`` or ``[]``) until the author removes it. A
        text keeps the scalar style the author chose (folded, literal); new
        multi-line texts become literal. Comment lines stay in their gaps
        (``keykis.comments``).
        """
        old = self.get(path)
        if _same(old, value):
            return False
        if value is None or (value in ("", []) and old is None):
            if not self._delete(path):
                return False
        elif isinstance(old, CommentedSeq) and not old.fa.flow_style() and old and isinstance(value, list):
            *parents, last = path
            parent = self._node(tuple(parents))
            self._keeping_comments(tuple(parents), last, functools.partial(comments.relist, old, value, parent, last))
        else:
            self._put(path, _styled(old, value))
        self._log({"op": "set", "path": list(path), "value": value})
        return True

    def _delete(self, path: Path_) -> bool:
        *parents, last = path
        parent = self._node(tuple(parents))
        if not isinstance(parent, CommentedMap) or last not in parent:
            return False
        self._keeping_comments(tuple(parents), last, lambda: parent.__delitem__(last))
        return True

    def _put(self, path: Path_, value: Any) -> None:
        """Put ``value`` at ``path``, creating the missing mappings as one new key of the nearest one."""
        *parents, last = path
        node: Any = self.tree
        for depth, part in enumerate(parents):
            child = node.get(part) if isinstance(node, dict) else (
                node[part] if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node) else None)
            if not isinstance(child, (dict, list)):
                branch: Any = value
                for key in reversed((*parents[depth + 1:], last)):
                    branch = CommentedMap([(key, branch)])
                self._keeping_comments(tuple(parents[:depth]), part, functools.partial(self._add, node, part, branch))
                return
            node = child
        if node is self.tree and last not in node:
            self._keeping_comments((), last, functools.partial(self._add, node, last, value))
            return
        self._keeping_comments(tuple(parents), last, lambda: _replace(node, last, value))

    def _add(self, node: Any, key: Any, value: Any) -> None:
        """Set ``node[key]``; a new part of the case goes beside its step, not at the end of the file.

        The file's parts follow the skeleton's order (``part_order``): a new
        one is inserted before the first part that comes after it, below the
        comment lines of the part before it and above those of the next (a
        step's heading stays on its step).
        """
        order = part_order()
        if node is not self.tree or key in node or key not in order or not isinstance(node, CommentedMap):
            node[key] = value
            return
        existing = list(node.keys())
        rank = order.index(key)
        following = next((k for k in existing if k in order and order.index(k) > rank), None)
        if following is None:
            node[key] = value
            return
        at = existing.index(following)
        gap = comments.take_after(node, existing[at - 1]) + comments.take_before(node, following) if at else ""
        node.insert(at, key, value)
        comments.put_after(node, key, gap)

    def _keeping_comments(self, parents: Path_, key: Any, change: Any) -> None:
        """Run ``change`` on child ``key`` of the container at ``parents``; its comment gaps stay put.

        The gap above and below the child and the gap below its container
        are taken off first and put back afterwards, below block lines only.
        """
        self._touched((*parents, key))
        node = self._node(parents)
        outer_parent: Any = self._node(parents[:-1]) if parents else None
        outer = comments.take_after(outer_parent, parents[-1]) if parents else ""
        present = key in node if isinstance(node, dict) else isinstance(key, int) and 0 <= key < len(node)
        keys_before = comments.keys(node)
        above = comments.take_before(node, key) if present else ""
        below = comments.take_after(node, key) if present else ""
        change()
        keys = comments.keys(node)
        if key in keys and (len(keys) >= len(keys_before) or isinstance(node, dict)):
            comments.put_before(node, key, above)
            comments.put_after(node, key, below)
        elif above or below:  # the child is gone: its gaps close up around the next one
            at = keys_before.index(key) if key in keys_before else len(keys)
            if at < len(keys):
                comments.put_before(node, keys[at], above + below)
            elif keys:
                comments.put_tail(node, above + below)
            else:
                outer = above + below + outer
        if parents:
            comments.put_after(outer_parent, parents[-1], outer)
        elif outer:
            comments.put_tail(node, outer)

    def _node(self, path: Path_) -> Any:
        """The round-trip node at ``path`` (None when missing)."""
        node: Any = self.tree
        for part in path:
            if isinstance(node, dict):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and -len(node) <= part < len(node):
                node = node[part]
            else:
                return None
        return node

    def seq(self, path: Path_) -> CommentedSeq:
        """The list at ``path``, created empty when missing."""
        if not isinstance(self._node(path), list):
            self._put(path, CommentedSeq())
        return self._node(path)  # type: ignore[no-any-return]

    def append(self, path: Path_, item: dict[str, Any]) -> int:
        """Append a mapping to the list at ``path``; return its index.

        The new item goes after the last one; a comment below the last item
        (it belongs to what follows the list) stays below the new one.
        """
        items = self.seq(path)
        self._keeping_comments(tuple(path[:-1]), path[-1], lambda: items.append(CommentedMap(item)))
        self._log({"op": "append", "path": list(path), "item": item})
        return len(items) - 1

    def remove(self, path: Path_, index: int) -> None:
        """Remove item ``index`` from the list at ``path`` (comments around it stay in the list)."""
        items = self.seq(path)
        self._keeping_comments(tuple(path), index, lambda: items.__delitem__(index))
        self._log({"op": "remove", "path": list(path), "index": index})

    def move(self, path: Path_, index: int, offset: int) -> int:
        """Move item ``index`` by ``offset`` places; return where it landed.

        The comment lines below each item stay where they were in the list.
        """
        items = self.seq(path)
        target = max(0, min(len(items) - 1, index + offset))
        if target != index:
            self._touched(tuple(path))
            outer_parent = self._node(tuple(path[:-1]))
            outer = comments.take_after(outer_parent, path[-1])
            gaps = [comments.take_after(items, i) for i in range(len(items))]
            item = items[index]
            del items[index]
            items.insert(target, item)
            for i, gap in enumerate(gaps):
                comments.put_after(items, i, gap)
            comments.put_after(outer_parent, path[-1], outer)
            self._log({"op": "move", "path": list(path), "index": index, "offset": offset})
        return target

    # -- ids ------------------------------------------------------------------
    def ids(self) -> frozenset[str]:
        """Every id used anywhere in the case (actors, objects, relations, items of the fields...)."""
        return frozenset(_ids(self._read_root()))

    def id_count(self, ident: str) -> int:
        """How many parts of the case have ``ident`` as their id."""
        return sum(1 for i in _ids(self._read_root()) if i == ident)

    def new_id(self, prefix: str, start: int = 1) -> str:
        """An id ``<prefix><n>`` not used anywhere in the case."""
        used = self.ids()
        n = max(1, start)
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    def references(self, ident: str) -> list[Path_]:
        """Every place that refers to ``ident`` (not the ``id:`` keys themselves)."""
        return [p for p, _ in _refs(self._read_root(), ident)]

    def rename_id(self, old: str, new: str) -> int:
        """Make every reference to ``old`` point at ``new``; return how many changed.

        The ``id:`` itself is changed by the caller (the form); this follows it
        everywhere else: main actor, characters, members, relation ends,
        owners, chosen items, the decision scores, the teaching plan... Keys
        of the decision scores are renamed in place, keeping their order.
        """
        if not old or not new or old == new:
            return 0
        count = 0
        self._touched(None)
        for path, kind in list(_refs(self.tree, old)):
            *parents, last = path
            parent = self.get(tuple(parents))
            if kind == "key":
                _rename_key(parent, old, new)
            elif isinstance(parent, list):
                parent[int(last)] = new
            else:
                parent[last] = new
            count += 1
        if count:
            self._log({"op": "rename", "path": [], "old": old, "new": new})
        return count

    # -- disk ---------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        """Whether the file on disk is not what this process last read or wrote.

        While a save is under way the answer is no: the file is ours until the
        save has recorded what it wrote.
        """
        if not self._disk_lock.acquire(blocking=False):
            return False
        try:
            return self._changed_on_disk()
        finally:
            self._disk_lock.release()

    def _changed_on_disk(self) -> bool:
        now = fingerprint(self.path)
        return now is None or self.disk is None or now.digest != self.disk.digest

    def save(self, *, force: bool = False) -> bool:
        """Write the document if it changed; refuse to overwrite a file changed on disk.

        Raises ``CaseFileError`` when the file changed on disk (unless ``force``).
        Returns whether the file was written. The check, the write and the
        record of what was written happen under one lock.
        """
        with self._disk_lock:
            if not self.dirty and not force:
                return False
            if not force and self._changed_on_disk():
                raise CaseFileError("the file changed on disk; reload it or save over it explicitly",
                                    path=str(self.path), words=("file.changed_on_disk", {}))
            self._pristine = False
            written = self._written_apart(backup=not self.backed_up)
            if written is None:
                generation = self.generation
                text = self.dump()
                atomic_write(self.path, text, backup=not self.backed_up)
            else:
                generation, text = written
            raw = text.encode("utf-8")
            self.disk = Fingerprint(len(raw), 0, digest(raw))
            self.backed_up = True
            self.text = text
            self._saved_generation = generation  # a change made while writing stays pending
            if self.journal is not None:
                self.journal.rebase(self.disk.digest, generation)
            return True

    def save_copy(self) -> Path:
        """Write the current content to a new file beside the case (``case.mine-<time>.yaml``)."""
        target = copy_beside(self.path)
        atomic_write(target, self.dump(), backup=False)
        return target

    def close(self, *, keep_journal: bool = False) -> None:
        """Stop journalling and the writer; the recovery file goes unless unsaved changes are kept on purpose."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self.journal is not None:
            self.journal.close(keep=keep_journal and self.dirty)
            self.journal = None

    def discard_changes(self) -> None:
        """Forget unsaved changes (the author chose to): the recovery file goes too."""
        if self.journal is not None:
            self.journal.discard()
        self._saved_generation = self.generation


FLOW_WIDTH = 60
"""A new list of texts is written on one line (``[a, b]``) while it fits in this many characters."""


@functools.cache
def part_order() -> tuple[str, ...]:
    """The order of the top-level parts of a case file: the skeleton's, with the schema's other parts beside
    the part they follow in the schema (``opening`` after ``titles``, ``acknowledgements`` after ``references``)."""
    skeleton = (schemas_dir() / "case.skeleton.yaml").read_text(encoding="utf-8")
    order = list(dict.fromkeys(re.findall(r"^([a-z_]+):", skeleton, flags=re.M)))
    schema = list(case_schema()["properties"])
    for n, key in enumerate(schema):
        if key not in order:
            before = next((k for k in reversed(schema[:n]) if k in order), None)
            order.insert(order.index(before) + 1 if before else 0, key)
    return tuple(order)


def _ids(node: Any) -> Any:
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for v in node.values():
            yield from _ids(v)
    elif isinstance(node, list):
        for v in node:
            yield from _ids(v)


def _refs(tree: Any, ident: str) -> Any:
    """(path, "value" | "key") of every reference to ``ident`` (``schemas/references.yaml`` lists the places)."""
    for path, value, _place, is_key in references(tree):
        if isinstance(value, str) and value == ident:
            yield path, "key" if is_key else "value"


def _rename_key(mapping: Any, old: str, new: str) -> None:
    """Rename a key of a round-trip mapping in place (same position, same comments)."""
    if not isinstance(mapping, CommentedMap) or old not in mapping or new in mapping:
        return
    keys = list(mapping.keys())
    pos = keys.index(old)
    value = mapping[old]
    comment = mapping.ca.items.pop(old, None)
    del mapping[old]
    mapping.insert(pos, new, value)
    if comment is not None:
        mapping.ca.items[new] = comment


def _replace(node: Any, key: Any, value: Any) -> None:
    """Set ``node[key]``; an emptied text is typed afresh, plain (ruamel would keep the old quotes)."""
    if isinstance(node, CommentedMap) and key in node and isinstance(node[key], str) and node[key] == "":
        pos, comment = list(node.keys()).index(key), node.ca.items.pop(key, None)
        del node[key]
        node.insert(pos, key, value)
        if comment is not None:
            node.ca.items[key] = comment
    else:
        node[key] = value


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return str(old) == new
    if isinstance(old, list) and isinstance(new, list):
        return [plain(v) for v in old] == new
    return bool(old == new) and type(old) is type(new)


def _fits(values: list[Any]) -> bool:
    return sum(len(str(v)) + 2 for v in values) <= FLOW_WIDTH


def _styled(old: Any, value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        seq = CommentedSeq(value)
        # a few keywords on one line, readings one a line; a block list stays a block, and a long
        # one-line list the author wrote stays on its line
        if isinstance(old, CommentedSeq) and old and not old.fa.flow_style():
            return seq
        if _fits(value) or (isinstance(old, CommentedSeq) and old and not _fits(old)):
            seq.fa.set_flow_style()
        return seq
    if not isinstance(value, str):
        return value
    if isinstance(old, FoldedScalarString) and "\n" not in value:
        return FoldedScalarString(value)
    if isinstance(old, LiteralScalarString) or "\n" in value:
        return LiteralScalarString(value)
    return value


def copy_beside(path: Path) -> Path:
    """A free name beside ``path`` for the user's own version of it (``case.mine-<time>.yaml``)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    stem, dot, ext = path.name.partition(".")
    target = path.with_name(f"{stem}.mine-{stamp}{dot}{ext}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{stem}.mine-{stamp}-{n}{dot}{ext}")
    return target


def atomic_write(path: Path, text: str, *, backup: bool = True) -> None:
    """Write ``text`` to ``path`` atomically; with ``backup`` keep the old file as ``<name>.bak``.

    The backup is copied first, so at every moment ``path`` holds either the
    old or the new text in full; the file keeps its permissions.
    """
    atomic.write_text(path, text, backup=path.with_name(path.name + BACKUP_SUFFIX) if backup else None)


def parse_tree(file: Path, text: str) -> CommentedMap:
    """The round-trip tree of a document's ``text`` (comments, order, quoting kept), for ``CaseDocument``."""
    try:
        tree = _yaml().load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CaseFileError(
            f"the file is not valid YAML: {getattr(exc, 'problem', None) or exc}", path=str(file),
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
            words=("file.yaml_syntax", {"detail": getattr(exc, "problem", None) or exc}),
        ) from None
    if not isinstance(tree, CommentedMap):
        raise CaseFileError("the file must be keys with their values (such as 'keykis: 1'), not a list or a single text",
                            path=str(file),
                            words=("file.not_mapping", {}))
    return tree


def open_case(path: Path, *, background: bool = False) -> CaseDocument:
    """Open a case file for editing; raise ``CaseFileError`` if it cannot be read.

    With ``background`` the round-trip parse runs in a thread and the
    document is readable at once (a later parse failure surfaces from
    ``CaseDocument.tree``).
    """
    file = case_file(path)
    if not file.exists():
        raise CaseFileError("no such file", path=str(file), words=("file.missing", {}))
    data, text = yamlsafe.load_mapping(file)  # limits, duplicate keys, clear messages
    if not background:
        return CaseDocument(file, text, parse_tree(file, text), data)
    pending: Future[CommentedMap] = Future()

    def parse() -> None:
        try:
            pending.set_result(parse_tree(file, text))
        except BaseException as exc:  # handed to whoever reads the tree
            pending.set_exception(exc)

    threading.Thread(target=parse, name="keykis-roundtrip", daemon=True).start()
    return CaseDocument(file, text, pending, data)
