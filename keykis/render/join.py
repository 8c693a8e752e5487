"""Joining laid-out PDFs into one tagged document, with an outline, links between files and metadata.

A long document (the catalogue) is laid out in parts so that a change lays
out only its own part; the parts are joined here, with a bookmark where each
section starts, and the title and language readers and screen readers show.

Tags survive the join: each part is a tagged PDF (WeasyPrint's structure tree),
and its tree becomes one ``Part`` of the joined document's ``Document``
element. The keys that tie a page's marked content and its links to their
structure elements (``/StructParents``, ``/StructParent``) are moved past those
of the parts before it, and the parent trees are merged the same way.

A link a part writes as ``local:PATH`` (a file beside the document, e.g. a
case's PDF next to the catalogue) becomes a link relative to the joined file:
a go-to-remote action to the first page of ``PATH`` when it is a PDF, a
relative URI otherwise. It keeps working when the folder is moved or copied.
``local:#NAME`` links to a named destination of another part (an anchor of
another part cannot be linked while the parts are laid out on their own).

pikepdf (qpdf) does the joining: a catalogue of a thousand entries is some
fifty tagged parts and a million objects, which qpdf copies in seconds.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from keykis import atomic

LOCAL = "local:"
"""Scheme of a link to a file relative to the joined document (see the module docstring)."""


def local_href(path: str) -> str:
    """The link a part writes for the file ``path`` (relative, with forward slashes) beside the joined PDF."""
    return LOCAL + path


def _number_tree(node: Any) -> Iterator[tuple[int, Any]]:
    """(key, value) of a number tree (``/Nums`` leaves under ``/Kids``)."""
    nums = node.get("/Nums") or []
    for i in range(0, len(nums) - 1, 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids") or []:
        yield from _number_tree(kid)


def name_tree(node: Any) -> Iterator[tuple[str, Any]]:
    """(name, value) of a name tree (``/Names`` leaves under ``/Kids``)."""
    names = node.get("/Names") or []
    for i in range(0, len(names) - 1, 2):
        yield str(names[i]), names[i + 1]
    for kid in node.get("/Kids") or []:
        yield from name_tree(kid)


class _Joined:
    """The joined document, built part by part: pages, structure tree, named destinations."""

    def __init__(self) -> None:
        import pikepdf

        self.pdf = pikepdf.Pdf.new()
        self.sources: list[Any] = []
        self.parts: list[Any] = []
        self.nums: list[Any] = []
        self.namespaces: list[Any] = []
        self.dests: dict[str, Any] = {}
        self.next_key = 0
        self.untagged = False

    def _copy(self, value: Any) -> Any:
        """``value`` of a part, as an object of the joined document (its references copied, pages mapped)."""
        import pikepdf

        if isinstance(value, pikepdf.Object) and value.is_indirect:
            return self.pdf.copy_foreign(value)
        if isinstance(value, pikepdf.Array):
            return pikepdf.Array([self._copy(v) for v in value])
        if isinstance(value, pikepdf.Dictionary):
            return pikepdf.Dictionary({k: self._copy(v) for k, v in value.items()})
        return value

    def add(self, path: Path) -> int:
        """Append the pages of the PDF at ``path`` with its structure and destinations; return its first page."""
        import pikepdf

        source = pikepdf.Pdf.open(path)
        self.sources.append(source)  # objects are copied when the joined file is written
        start = len(self.pdf.pages)
        self.pdf.pages.extend(source.pages)
        root = source.Root
        tree = root.get("/StructTreeRoot")
        if tree is None:
            self.untagged = True
        else:
            self._structure(tree, start, len(source.pages))
        names = root.get("/Names")
        if names is not None and "/Dests" in names:
            for name, dest in name_tree(names.Dests):
                self.dests.setdefault(name, self._copy(dest))
        return start

    def _structure(self, tree: Any, start: int, count: int) -> None:
        offset, top = self.next_key, -1
        for page in self.pdf.pages[start:start + count]:
            if "/StructParents" in page.obj:
                key = int(page.obj.StructParents)
                page.obj.StructParents = key + offset
                top = max(top, key)
            for annot in page.obj.get("/Annots") or []:
                if "/StructParent" in annot:
                    key = int(annot.StructParent)
                    annot.StructParent = key + offset
                    top = max(top, key)
        kids = tree.get("/K")
        for kid in (kids if isinstance(kids, list) or hasattr(kids, "append") else [kids]) if kids is not None else []:
            if "/P" in kid:
                del kid["/P"]  # the part's own root stays behind
            self.parts.append(self._copy(kid))
        if "/ParentTree" in tree:
            for key, value in _number_tree(tree.ParentTree):
                self.nums += [key + offset, self._copy(value)]
                top = max(top, key)
        for ns in tree.get("/Namespaces") or []:
            self.namespaces.append(self._copy(ns))
        self.next_key = offset + top + 1

    def finish(self, lang: str) -> None:
        """Structure tree root (one ``Document``, each part's tree a ``Part``) and the named destinations."""
        from pikepdf import Array, Dictionary, Name, String

        pdf = self.pdf
        if self.parts:
            root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, ParentTree=Dictionary(Nums=Array(self.nums))))
            if self.namespaces:
                root.Namespaces = Array(list({ns.objgen: ns for ns in self.namespaces}.values()))
            document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array(self.parts)))
            if lang:
                document.Lang = String(lang)
            root.K = Array([document])
            for part in self.parts:
                part.P = document
                if part.get("/S") == Name.Document:
                    part.S = Name.Part
            pdf.Root.StructTreeRoot = root
            pdf.Root.MarkInfo = Dictionary(Marked=not self.untagged)
        if self.dests:
            flat: list[Any] = []
            for name in sorted(self.dests):
                flat += [String(name), self.dests[name]]
            pdf.Root.Names = Dictionary(Dests=Dictionary(Names=Array(flat)))


def _local_links(pdf: Any) -> None:
    """Links written as ``local:PATH`` become links relative to the joined file (see the module docstring)."""
    from pikepdf import Array, Dictionary, Name, String

    for page in pdf.pages:
        for annot in page.obj.get("/Annots") or []:
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None and action.get("/S") == Name.URI else ""
            if not uri.startswith(LOCAL):
                continue
            path = unquote(uri[len(LOCAL):])
            if path.startswith("#"):  # a named destination of another part: a go-to within the joined file
                annot.A = Dictionary(Type=Name.Action, S=Name.GoTo, D=String(path[1:]))
                annot.Contents = String(path)
                continue
            path = posixpath.normpath(path)
            if path.startswith(("../", "/")) or path == "..":
                continue  # only files at or under the joined document's folder
            if path.lower().endswith(".pdf"):
                spec = Dictionary(Type=Name.Filespec, F=String(path), UF=String(path))
                annot.A = Dictionary(Type=Name.Action, S=Name.GoToR, F=spec, D=Array([0, Name.Fit]), NewWindow=True)
            else:
                annot.A = Dictionary(Type=Name.Action, S=Name.URI, URI=String(path))
            annot.Contents = String(path)


def join_pdfs(parts: Sequence[tuple[Path, Sequence[str]]], target: Path, *, title: str = "", subject: str = "",
              lang: str = "") -> int:
    """Join ``parts`` (a PDF and the bookmarks starting on its first page) into ``target``; return its page count."""
    import pikepdf
    from pikepdf import Dictionary, Name, OutlineItem, String

    joined = _Joined()
    marks: list[tuple[str, int]] = []
    for path, bookmarks in parts:
        start = joined.add(path)
        marks += [(name, start) for name in bookmarks]
    joined.finish(lang)
    pdf = joined.pdf
    _local_links(pdf)
    if marks:
        with pdf.open_outline() as outline:
            outline.root.extend(OutlineItem(name, page) for name, page in marks)
    if title or subject:
        pdf.docinfo[Name.Title] = String(title)
        pdf.docinfo[Name.Subject] = String(subject)
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    if lang:
        pdf.Root.Lang = String(lang)
    buf = io.BytesIO()
    pdf.save(buf, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    count = len(pdf.pages)
    for source in joined.sources:
        source.close()
    atomic.write_bytes(target, buf.getvalue())
    return count
