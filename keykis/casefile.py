"""The case file as an editable document that keeps what the author wrote.

The editor changes a case value by value, but the file belongs to the author:
comments, key order and quoting written by hand must survive every save. So
the document is held as a ruamel.yaml round-trip tree, changed in place, and
written only when something changed. Writes are atomic (a temporary file in
the same folder, fsync, rename) and the previous version is kept beside the
file as ``case.yaml.bak``. The file's fingerprint at load and after each save
tells whether someone else changed it on disk in the meantime.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
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

from keykis import yamlsafe
from keykis.errors import CaseFileError
from keykis.model import Case, case_file

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


def fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of ``path`` now, or None if it is gone."""
    try:
        raw = path.read_bytes()
        st = path.stat()
    except OSError:
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
        """The file as we last saw it."""
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
    def set(self, path: Path_, value: Any) -> bool:
        """Set the value at ``path`` (creating mappings on the way); empty removes it.

        Returns whether anything changed. A text keeps the scalar style the
        author chose (folded, literal); new multi-line texts become literal.
        """
        *parents, last = path
        old = self.get(path)
        if _same(old, value):
            return False
        if value in ("", None) or value == []:
            parent = self.get(tuple(parents))
            if isinstance(parent, dict) and last in parent:
                del parent[last]
                self.dirty = True
                return True
            return False
        node = self._container(tuple(parents))
        node[last] = _styled(old, value)
        self.dirty = True
        return True

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
        """Append a mapping to the list at ``path``; return its index."""
        items = self.seq(path)
        items.append(CommentedMap(item))
        self.dirty = True
        return len(items) - 1

    def remove(self, path: Path_, index: int) -> None:
        """Remove item ``index`` from the list at ``path``."""
        items = self.seq(path)
        del items[index]
        self.dirty = True

    def move(self, path: Path_, index: int, offset: int) -> int:
        """Move item ``index`` by ``offset`` places; return where it landed."""
        items = self.seq(path)
        target = max(0, min(len(items) - 1, index + offset))
        if target != index:
            items.insert(target, items.pop(index))
            self.dirty = True
        return target

    # -- disk ---------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        """Whether the file on disk is no longer what we last read or wrote."""
        now = fingerprint(self.path)
        return now is None or self.disk is None or now.digest != self.disk.digest

    def save(self, *, force: bool = False) -> bool:
        """Write the document if it changed; refuse to overwrite a file changed on disk.

        Raises ``CaseFileError`` when the file changed on disk (unless ``force``).
        Returns whether the file was written.
        """
        if not self.dirty and not force:
            return False
        if not force and self.changed_on_disk():
            raise CaseFileError("the file changed on disk; reload it or save over it explicitly", path=str(self.path))
        generation = self.generation
        text = self.dump()
        atomic_write(self.path, text, backup=not self.backed_up)
        self.backed_up = True
        self.text = text
        self._saved_generation = generation  # a change made while writing stays pending
        self.disk = fingerprint(self.path)
        return True


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


def atomic_write(path: Path, text: str, *, backup: bool = True) -> None:
    """Write ``text`` to ``path`` atomically; with ``backup`` keep the old file as ``<name>.bak``.

    The backup is copied first, so at every moment ``path`` holds either the
    old or the new text in full.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    bak = path.with_name(path.name + BACKUP_SUFFIX)
    bak_tmp = bak.with_name(f".{bak.name}.tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        if backup and path.exists():
            shutil.copy2(path, bak_tmp)
            os.replace(bak_tmp, bak)
        os.replace(tmp, path)
    except BaseException:
        for leftover in (tmp, bak_tmp):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise
    _fsync_dir(path.parent)


def _mode_for(path: Path) -> int:
    """The permissions the file has (or a new file would get), not the temporary file's 0600."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _parse_tree(file: Path, text: str) -> CommentedMap:
    try:
        tree = _yaml().load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CaseFileError(
            f"not valid YAML: {getattr(exc, 'problem', None) or exc}", path=str(file),
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
        ) from None
    if not isinstance(tree, CommentedMap):
        raise CaseFileError("the file is not a mapping of keys to values", path=str(file))
    return tree


def open_case(path: Path, *, background: bool = False) -> CaseDocument:
    """Open a case file for editing; raise ``CaseFileError`` if it cannot be read.

    With ``background`` the round-trip parse runs in a thread and the
    document is readable at once (a later parse failure surfaces from
    ``CaseDocument.tree``).
    """
    file = case_file(path)
    if not file.exists():
        raise CaseFileError("no such file", path=str(file))
    data, text = yamlsafe.load_mapping(file)  # limits, duplicate keys, clear messages
    if not background:
        return CaseDocument(file, text, _parse_tree(file, text), data)
    pending: Future[CommentedMap] = Future()

    def parse() -> None:
        try:
            pending.set_result(_parse_tree(file, text))
        except BaseException as exc:  # handed to whoever reads the tree
            pending.set_exception(exc)

    threading.Thread(target=parse, name="keykis-roundtrip", daemon=True).start()
    return CaseDocument(file, text, pending, data)
