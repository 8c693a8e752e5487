"""The worksheet as an editable document, seen through its case.

The study screen edits a worksheet with the editor's own form controls,
which read the case's actors, goals and values for their choices and the
decision grid. ``WorksheetDocument`` is the editor's ``CaseDocument`` (the
round-trip tree that keeps the student's comments and layout, atomic saves
with a backup, the recovery journal, the watch on the file) with the student
view of the case laid under it: reading ``actors``, ``goals``, ``values``,
``main_actor`` or ``characters`` is served from the case, every other path
from the worksheet, and changes only ever go into the worksheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from keykis import yamlsafe
from keykis.casefile import CaseDocument, Path_, parse_tree, plain
from keykis.errors import CaseFileError
from keykis.model import Case
from keykis.study.worksheet import Worksheet, is_worksheet

FROM_CASE = frozenset({"actors", "goals", "values", "main_actor", "characters", "objects", "relations"})
"""Top-level parts read from the case (the worksheet never holds them)."""


class WorksheetDocument(CaseDocument):
    """An open worksheet, with its case's actors, goals and values readable at the same paths as in a case."""

    def __init__(self, path: Path, text: str, tree: Any, data: dict[str, Any], view: Case) -> None:
        super().__init__(path, text, tree, data)
        self.view = view
        """The student view of the case the worksheet is for."""

    def get(self, path: Path_, default: Any = None) -> Any:
        """The value at ``path``: from the case for its actors, goals and values, else from the worksheet."""
        if path and path[0] in FROM_CASE:
            node: Any = self.view.data
            for part in path:
                if isinstance(node, dict) and part in node:
                    node = node[part]
                elif isinstance(node, list) and isinstance(part, int) and -len(node) <= part < len(node):
                    node = node[part]
                else:
                    return default
            return node
        return super().get(path, default)

    def worksheet(self) -> Worksheet:
        """A snapshot of the worksheet as it is now (lines as of the last save)."""
        root = self._read_root()
        data = cast(dict[str, Any], plain(root) if root is not self._plain else root)
        return Worksheet(data, path=self.path, text=self.text)

    def case(self) -> Case:
        """The worksheet laid over its case, as the method rules and the views read it."""
        view = self.worksheet().as_case(self.view)
        view.data["language"] = self.view.data.get("language")
        return view


def open_worksheet(path: Path, view: Case) -> WorksheetDocument:
    """Open a worksheet file for editing in forms; raise ``CaseFileError`` if it cannot be read as one."""
    data, text = yamlsafe.load_mapping(path)
    if not is_worksheet(data):
        raise CaseFileError("this is not a worksheet: it has no 'worksheet:' key at the top", path=str(path),
                             words=("file.not_worksheet", {}))
    return WorksheetDocument(path, text, parse_tree(path, text), data, view)
