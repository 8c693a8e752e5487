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

import copy
import hashlib
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

from keykis import atomic, safe_read, yamlsafe
from keykis.errors import CaseFileError
from keykis.model import Case, case_file
from keykis.recovery import Journal, Op, Recovery, read_recovery

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
        """A model ``Case`` of the current content (lines as of the last save)."""
        root = self._read_root()
        data = cast(dict[str, Any], plain(root) if root is not self._plain else root)
        return Case(data, path=self.path, text=self.text)

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
        self.dirty = True
        if self.journal is not None:
            self.journal.record(self.generation, op)

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
        multi-line texts become literal.
        """
        *parents, last = path
        old = self.get(path)
        if _same(old, value):
            return False
        if value is None or (value in ("", []) and old is None):
            parent = self.get(tuple(parents))
            if isinstance(parent, dict) and last in parent:
                del parent[last]
                self._log({"op": "set", "path": list(path), "value": None})
                return True
            return False
        if self._add_branch(tuple(parents), last, _styled(old, value)):
            self._log({"op": "set", "path": list(path), "value": value})
            return True
        node = self._container(tuple(parents))
        if isinstance(node, CommentedMap) and isinstance(old, str) and old == "" and last in node:
            # ruamel keeps the quotes of the old scalar; an emptied field is typed afresh, plain
            pos, comment = list(node.keys()).index(last), node.ca.items.pop(last, None)
            del node[last]
            node.insert(pos, last, _styled(None, value))
            if comment is not None:
                node.ca.items[last] = comment
        elif isinstance(node, CommentedMap) and last not in node:
            _add_key(node, last, _styled(old, value))
        else:
            node[last] = _styled(old, value)
        self._log({"op": "set", "path": list(path), "value": value})
        return True

    def _add_branch(self, parents: Path_, last: Any, value: Any) -> bool:
        """Add ``value`` under mappings that do not exist yet, as one new key of the nearest one that does.

        The new part goes in whole, above the comment lines that end the
        existing mapping (they belong to the next part of the case).
        """
        node: Any = self.tree
        for depth, part in enumerate(parents):
            if isinstance(node, CommentedMap) and part not in node:
                branch: Any = value
                for key in reversed((*parents[depth + 1:], last)):
                    branch = CommentedMap([(key, branch)])
                _add_key(node, part, branch)
                return True
            if isinstance(node, dict):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return False
        return False

    def _container(self, path: Path_) -> Any:
        node: Any = self.tree
        for part in path:
            if isinstance(node, dict):
                if not isinstance(node.get(part), (dict, list)):
                    node[part] = CommentedMap()
                node = node[part]
            else:
                node = node[part]
        return node

    def seq(self, path: Path_) -> CommentedSeq:
        """The list at ``path``, created empty when missing."""
        *parents, last = path
        parent = self._container(tuple(parents))
        if not isinstance(parent.get(last), list):
            parent[last] = CommentedSeq()
        return parent[last]  # type: ignore[no-any-return]

    def append(self, path: Path_, item: dict[str, Any]) -> int:
        """Append a mapping to the list at ``path``; return its index.

        The new item goes after the last one; a comment below the last item
        (it belongs to what follows the list) stays below the new one.
        """
        items = self.seq(path)
        tail = _take_tail_comment(items)
        items.append(CommentedMap(item))
        _put_tail_comment(items, tail)
        self._log({"op": "append", "path": list(path), "item": item})
        return len(items) - 1

    def remove(self, path: Path_, index: int) -> None:
        """Remove item ``index`` from the list at ``path`` (a comment below the list stays)."""
        items = self.seq(path)
        tail = _take_tail_comment(items)
        del items[index]
        _put_tail_comment(items, tail)
        self._log({"op": "remove", "path": list(path), "index": index})

    def move(self, path: Path_, index: int, offset: int) -> int:
        """Move item ``index`` by ``offset`` places; return where it landed."""
        items = self.seq(path)
        target = max(0, min(len(items) - 1, index + offset))
        if target != index:
            tail = _take_tail_comment(items)
            items.insert(target, items.pop(index))
            _put_tail_comment(items, tail)
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
        return [p for p, _ in _refs(self._read_root(), (), ident)]

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
        for path, kind in list(_refs(self.tree, (), old)):
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
            generation = self.generation
            text = self.dump()
            raw = text.encode("utf-8")
            atomic_write(self.path, text, backup=not self.backed_up)
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
        """Stop journalling; the recovery file goes unless unsaved changes are kept on purpose."""
        if self.journal is not None:
            self.journal.close(keep=keep_journal and self.dirty)
            self.journal = None

    def discard_changes(self) -> None:
        """Forget unsaved changes (the author chose to): the recovery file goes too."""
        if self.journal is not None:
            self.journal.discard()
        self._saved_generation = self.generation


REFERENCE_KEYS = frozenset({
    "main_actor", "owner", "who", "from", "to", "directed_at", "members", "characters", "influenced_by",
    "problem", "task", "chosen", "objectives", "questions",
})
"""Keys whose value is the id (or a list of ids) of another part of the case."""


def _ids(node: Any) -> Any:
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for v in node.values():
            yield from _ids(v)
    elif isinstance(node, list):
        for v in node:
            yield from _ids(v)


def _refs(node: Any, path: Path_, ident: str) -> Any:
    """(path, "value" | "key") of every reference to ``ident`` below ``node``."""
    if isinstance(node, dict):
        for k, v in node.items():
            here = (*path, k)
            if k in REFERENCE_KEYS:
                if v == ident and isinstance(v, str):
                    yield here, "value"
                    continue
                if isinstance(v, list) and all(isinstance(x, str) for x in v):
                    for i, x in enumerate(v):
                        if x == ident:
                            yield (*here, i), "value"
                    continue
            yield from _refs(v, here, ident)
        if path[:2] == ("decision", "scores") and len(path) in (2, 3) and ident in node:
            yield (*path, ident), "key"  # scores are keyed by solution, then by goal or value
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _refs(v, (*path, i), ident)


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


def _last_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where the comment below ``node`` is kept: (container, key, index in the comment entry)."""
    if isinstance(node, CommentedMap) and node:
        key = list(node.keys())[-1]
        deeper = _last_slot(node[key]) if isinstance(node[key], (CommentedMap, CommentedSeq)) else None
        entry = node.ca.items.get(key)
        if entry and len(entry) > 2 and entry[2] is not None:
            return node, key, 2
        return deeper or (node, key, 2)
    if isinstance(node, CommentedSeq) and node:
        i = len(node) - 1
        deeper = _last_slot(node[i]) if isinstance(node[i], (CommentedMap, CommentedSeq)) else None
        entry = node.ca.items.get(i)
        if entry and entry[0] is not None:
            return node, i, 0
        return deeper or (node, i, 0)
    return None


def _add_key(node: CommentedMap, key: Any, value: Any) -> None:
    """Add a key at the end of a mapping, above the comment lines that end it (they belong to the next part)."""
    tail = _take_tail_comment(node)
    node[key] = value
    _put_tail_comment(node, tail)


def _take_tail_comment(seq: CommentedSeq | CommentedMap) -> Any:
    """Detach the comment lines below the last item of ``seq`` (the line's own comment stays)."""
    slot = _last_slot(seq)
    if slot is None:
        return None
    node, key, at = slot
    entry = node.ca.items.get(key)
    token = entry[at] if entry and len(entry) > at else None
    if token is None or not hasattr(token, "value"):
        return None
    own, newline, below = token.value.partition("\n")
    if not below.strip():
        return None
    if own.strip():
        kept = copy.copy(token)
        kept.value = own + newline
        entry[at] = kept
    else:
        entry[at] = None
    moved = copy.copy(token)
    moved.value = "\n" + below
    return moved


def _put_tail_comment(seq: CommentedSeq | CommentedMap, token: Any) -> None:
    """Attach comment lines taken by ``_take_tail_comment`` below the last item of ``seq``."""
    if token is None:
        return
    slot = _last_slot(seq)
    if slot is None:
        return
    node, key, at = slot
    size = 4 if isinstance(node, CommentedMap) else 2
    entry = node.ca.items.setdefault(key, [None] * size)
    current = entry[at]
    if current is not None and hasattr(current, "value"):
        own = current.value.rstrip("\n")
        merged = copy.copy(current)  # the line's own comment keeps its column
        merged.value = own + token.value
        entry[at] = merged
    else:
        entry[at] = token


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return str(old) == new
    if isinstance(old, list) and isinstance(new, list):
        return [plain(v) for v in old] == new
    return bool(old == new) and type(old) is type(new)


def _styled(old: Any, value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        seq = CommentedSeq(value)
        if isinstance(old, CommentedSeq) and old.fa.flow_style():
            seq.fa.set_flow_style()
        elif not isinstance(old, CommentedSeq):
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
