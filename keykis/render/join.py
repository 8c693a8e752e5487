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

pypdf's public API is used, plus ``PdfWriter._add_object`` to create the new
``Document`` element (pypdf has no public way to add an indirect object).
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
    node = node.get_object()
    nums = node.get("/Nums") or []
    for i in range(0, len(nums) - 1, 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids") or []:
        yield from _number_tree(kid)


class _Tags:
    """The joined document's structure tree, built part by part."""

    def __init__(self, writer: Any) -> None:
        from pypdf.generic import ArrayObject

        self.writer = writer
        self.parts = ArrayObject()
        self.nums = ArrayObject()
        self.namespaces = ArrayObject()
        self.next_key = 0
        self.untagged = False

    def add(self, reader: Any, start: int) -> None:
        """Take the structure of ``reader``, whose pages were appended from page ``start``."""
        from pypdf.generic import NameObject, NullObject, NumberObject

        tree = reader.root_object.get("/StructTreeRoot")
        if tree is None:
            self.untagged = True
            return
        tree = tree.get_object()
        offset, top = self.next_key, -1
        for i, page in enumerate(self.writer.pages[start:start + len(reader.pages)]):
            source = reader.pages[i]
            if "/StructParents" in source:
                key = int(source["/StructParents"])
                page[NameObject("/StructParents")] = NumberObject(key + offset)
                top = max(top, key)
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    key = int(annot["/StructParent"])
                    annot[NameObject("/StructParent")] = NumberObject(key + offset)
                    top = max(top, key)
        kids = tree.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            element = kid.get_object()
            element[NameObject("/P")] = NullObject()  # the part's own root stays behind
            self.parts.append(kid.clone(self.writer))
        for key, value in _number_tree(tree["/ParentTree"]) if "/ParentTree" in tree else ():
            self.nums += [NumberObject(key + offset), value.clone(self.writer)]
            top = max(top, key)
        for ns in tree.get("/Namespaces") or []:
            clone = ns.clone(self.writer)
            if clone not in self.namespaces:
                self.namespaces.append(clone)
        self.next_key = offset + top + 1

    def finish(self, lang: str) -> None:
        """Write the structure tree root: one ``Document`` with each part's tree as a ``Part``."""
        from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, NameObject, TextStringObject

        if not self.parts:
            return
        document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                     NameObject("/S"): NameObject("/Document"), NameObject("/K"): self.parts})
        if lang:
            document[NameObject("/Lang")] = TextStringObject(lang)
        root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot"),
                                 NameObject("/K"): ArrayObject(),
                                 NameObject("/ParentTree"): DictionaryObject({NameObject("/Nums"): self.nums})})
        if self.namespaces:
            root[NameObject("/Namespaces")] = self.namespaces
        root_ref = self.writer._add_object(root)
        document[NameObject("/P")] = root_ref
        document_ref = self.writer._add_object(document)
        root[NameObject("/K")] = ArrayObject([document_ref])
        for part in self.parts:
            element = part.get_object()
            element[NameObject("/P")] = document_ref
            if element.get("/S") == "/Document":
                element[NameObject("/S")] = NameObject("/Part")
        catalog = self.writer.root_object
        catalog[NameObject("/StructTreeRoot")] = root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(not self.untagged)})


def _local_links(writer: Any) -> None:
    """Links written as ``local:PATH`` become links relative to the joined file (see the module docstring)."""
    from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    for page in writer.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            uri = str(action.get("/URI", "")) if action is not None and action.get("/S") == "/URI" else ""
            if not uri.startswith(LOCAL):
                continue
            path = unquote(uri[len(LOCAL):])
            if path.startswith("#"):  # a named destination of another part: a go-to within the joined file
                annot[NameObject("/A")] = DictionaryObject({NameObject("/Type"): NameObject("/Action"),
                                                            NameObject("/S"): NameObject("/GoTo"),
                                                            NameObject("/D"): TextStringObject(path[1:])})
                annot[NameObject("/Contents")] = TextStringObject(path)
                continue
            path = posixpath.normpath(path)
            if path.startswith(("../", "/")) or path == "..":
                continue  # only files at or under the joined document's folder
            if path.lower().endswith(".pdf"):
                spec = DictionaryObject({NameObject("/Type"): NameObject("/Filespec"),
                                         NameObject("/F"): TextStringObject(path), NameObject("/UF"): TextStringObject(path)})
                new = DictionaryObject({
                    NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject("/GoToR"),
                    NameObject("/F"): spec, NameObject("/D"): ArrayObject([NumberObject(0), NameObject("/Fit")]),
                    NameObject("/NewWindow"): BooleanObject(True)})
            else:
                new = DictionaryObject({NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject("/URI"),
                                        NameObject("/URI"): TextStringObject(path)})
            annot[NameObject("/A")] = new
            annot[NameObject("/Contents")] = TextStringObject(path)


def join_pdfs(parts: Sequence[tuple[Path, Sequence[str]]], target: Path, *, title: str = "", subject: str = "",
              lang: str = "") -> int:
    """Join ``parts`` (a PDF and the bookmarks starting on its first page) into ``target``; return its page count."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    tags = _Tags(writer)
    for path, bookmarks in parts:
        reader = PdfReader(str(path))
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        tags.add(reader, start)
        for name in bookmarks:
            writer.add_outline_item(title=name, page_number=start)
    tags.finish(lang)
    _local_links(writer)
    if title or subject:
        writer.add_metadata({"/Title": title, "/Subject": subject})
        writer.root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    if lang:
        writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
    buf = io.BytesIO()
    writer.write(buf)
    atomic.write_bytes(target, buf.getvalue())
    return len(writer.pages)
