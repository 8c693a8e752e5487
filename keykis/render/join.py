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

The joined file is written part by part: pikepdf (qpdf) reads one part, its
objects are written out with new numbers (packed into compressed object
streams) and the part is closed before the next is opened; only the page
numbers, the structure tree's top and parent-tree entries, the named
destinations and the offsets are kept to the end. A catalogue of a thousand
entries is some ninety tagged parts and a million objects; the memory the join
needs is that of its largest part plus those numbers, which grow with the
pages (about 20 MB more per 1,800 pages), so the catalogue joins in a process
of its own that ends with the join.
"""

from __future__ import annotations

import posixpath
import re
import zlib
from array import array
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


PACK = 200
"""Objects per compressed object stream of the joined file."""

_REF = re.compile(rb"\((?:\\.|[^\\()])*\)|<(?!<)[0-9A-Fa-f\s]*>|(\d+) (\d+) R")
"""In an object's PDF syntax: a string (left alone) or an indirect reference (renumbered)."""


class _Writer:
    """The joined file written object by object, so that only one part is in memory at a time.

    Each part is opened, its objects are written with new numbers, and it is closed
    before the next; what the file needs at its end (the page tree, the structure
    tree root, the named destinations, the outline, the cross-reference table) is
    kept as numbers and short byte strings.
    """

    def __init__(self, out: Any) -> None:
        self.out = out
        self.offsets = array("Q", [0])
        """Per object number: its offset in the file, or the number of the object stream holding it."""
        self.packed = array("H", [0])
        """Per object number: 0 when written on its own, else 1 + its index in its object stream."""
        self.batch: list[tuple[int, bytes]] = []
        self.pages: list[int] = []
        self.kids: list[int] = []
        self.nums: list[bytes] = []
        self.namespaces: list[int] = []
        self.dests: dict[str, bytes] = {}
        self.next_key = 0
        self.untagged = False
        self.out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.catalog, self.page_root, self.struct_root, self.document = (self.reserve() for _ in range(4))

    def reserve(self) -> int:
        """A new object number (its object is written later)."""
        self.offsets.append(0)
        self.packed.append(0)
        return len(self.offsets) - 1

    def put(self, number: int, body: bytes) -> None:
        """Write object ``number`` (not a stream): packed with others into a compressed object stream."""
        self.batch.append((number, body))
        if len(self.batch) >= PACK:
            self.flush()

    def flush(self) -> None:
        """Write the objects waiting to be packed as one object stream."""
        if not self.batch:
            return
        heads, bodies, at = [], [], 0
        for number, body in self.batch:
            heads.append(b"%d %d" % (number, at))
            bodies.append(body)
            at += len(body) + 1
        head = b" ".join(heads) + b"\n"
        data = zlib.compress(head + b"\n".join(bodies) + b"\n", 6)
        stream = self.reserve()
        self.offsets[stream] = self.out.tell()
        self.out.write(b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
            stream, len(self.batch), len(head), len(data)))
        self.out.write(data)
        self.out.write(b"\nendstream\nendobj\n")
        for i, (number, _) in enumerate(self.batch):
            self.offsets[number] = stream
            self.packed[number] = i + 1
        self.batch = []

    def add(self, path: Path) -> int:
        """Write the pages of the PDF at ``path`` with its structure and destinations; return its first page."""
        import pikepdf

        start = len(self.pages)
        with pikepdf.Pdf.open(path) as source:
            root = source.Root
            _local_links(source)
            numbers: dict[tuple[int, int], int] = {}
            tree = root.get("/StructTreeRoot")
            skip = {root.objgen, root.Pages.objgen}
            for node in _tree_nodes(root.Pages, "/Kids"):
                if node.get("/Type") == pikepdf.Name.Pages:
                    numbers[node.objgen] = self.page_root
            if tree is None:
                self.untagged = True
            else:
                numbers[tree.objgen] = self.document  # the part's top elements hang under the joined Document
                if "/ParentTree" in tree:
                    skip |= {node.objgen for node in _tree_nodes(tree.ParentTree, "/Kids")}
            names = root.get("/Names")
            if names is not None and "/Dests" in names:
                skip |= {node.objgen for node in _tree_nodes(names.Dests, "/Kids")}
            if "/Metadata" in root:
                skip.add(root.Metadata.objgen)
            if "/Outlines" in root:
                skip |= {node.objgen for node in _tree_nodes(root.Outlines, "/First", "/Next")}
            objects = [o for o in source.objects if o.is_indirect and o.objgen not in skip
                       and o.objgen not in numbers and not _bookkeeping(o)]
            for o in objects:
                numbers[o.objgen] = self.reserve()

            def renumbered(m: re.Match[bytes]) -> bytes:
                if m.group(1) is None:
                    return m.group(0)
                number = numbers.get((int(m.group(1)), int(m.group(2))))
                return b"null" if number is None else b"%d 0 R" % number

            def body(value: Any) -> bytes:
                return _REF.sub(renumbered, bytes(value.unparse(resolved=True)))

            offset, top = self.next_key, -1
            for page in source.pages:
                if "/StructParents" in page.obj:
                    top = max(top, int(page.obj.StructParents))
                    page.obj.StructParents = int(page.obj.StructParents) + offset
                for annot in page.obj.get("/Annots") or []:
                    if isinstance(annot, pikepdf.Dictionary) and "/StructParent" in annot:
                        top = max(top, int(annot.StructParent))
                        annot.StructParent = int(annot.StructParent) + offset
                self.pages.append(numbers[page.obj.objgen])
            if tree is not None:
                kids = tree.get("/K")
                for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]) if kids is not None else []:
                    if kid.get("/S") == pikepdf.Name.Document:
                        kid.S = pikepdf.Name.Part
                    self.kids.append(numbers[kid.objgen])
                if "/ParentTree" in tree:
                    for key, value in _number_tree(tree.ParentTree):
                        self.nums.append(b"%d %s" % (key + offset, body(value) if not value.is_indirect
                                                     else b"%d 0 R" % numbers[value.objgen]))
                        top = max(top, key)
                self.namespaces += [numbers[ns.objgen] for ns in tree.get("/Namespaces") or [] if ns.is_indirect]
            if names is not None and "/Dests" in names:
                for name, dest in name_tree(names.Dests):
                    if name not in self.dests:
                        self.dests[name] = b"%d 0 R" % numbers[dest.objgen] if dest.is_indirect else body(dest)
            self.next_key = offset + top + 1
            for o in objects:
                if isinstance(o, pikepdf.Stream):
                    raw = o.read_raw_bytes()
                    o.stream_dict.Length = len(raw)
                    self.offsets[numbers[o.objgen]] = self.out.tell()
                    self.out.write(b"%d 0 obj\n%s\nstream\n" % (numbers[o.objgen], body(o.stream_dict)))
                    self.out.write(raw)
                    self.out.write(b"\nendstream\nendobj\n")
                else:
                    self.put(numbers[o.objgen], body(o))
        return start

    def finish(self, marks: list[tuple[str, int]], *, title: str, subject: str, lang: str) -> None:
        """The page tree, structure tree root, destinations, outline, metadata, catalog and cross-references."""
        from pikepdf import String

        def text(value: str) -> bytes:
            return bytes(String(value).unparse())

        self.put(self.page_root, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
            b" ".join(b"%d 0 R" % n for n in self.pages), len(self.pages)))
        catalog = [b"/Type /Catalog", b"/Pages %d 0 R" % self.page_root]
        if self.kids:
            namespaces = b" /Namespaces [%s]" % b" ".join(b"%d 0 R" % n for n in self.namespaces) if self.namespaces else b""
            self.put(self.struct_root, b"<< /Type /StructTreeRoot /K [%d 0 R] /ParentTree << /Nums [%s] >>%s >>" % (
                self.document, b" ".join(self.nums), namespaces))
            self.put(self.document, b"<< /Type /StructElem /S /Document /P %d 0 R /K [%s]%s >>" % (
                self.struct_root, b" ".join(b"%d 0 R" % n for n in self.kids),
                b" /Lang " + text(lang) if lang else b""))
            catalog += [b"/StructTreeRoot %d 0 R" % self.struct_root,
                        b"/MarkInfo << /Marked %s >>" % (b"false" if self.untagged else b"true")]
        if self.dests:
            dests = self.reserve()
            self.put(dests, b"<< /Names [%s] >>" % b" ".join(
                text(name) + b" " + self.dests[name] for name in sorted(self.dests)))
            catalog.append(b"/Names << /Dests %d 0 R >>" % dests)
        if marks:
            outline, items = self.reserve(), [self.reserve() for _ in marks]
            for i, ((name, page), number) in enumerate(zip(marks, items, strict=True)):
                links = (b" /Prev %d 0 R" % items[i - 1] if i else b"") + (
                    b" /Next %d 0 R" % items[i + 1] if i + 1 < len(items) else b"")
                self.put(number, b"<< /Title %s /Parent %d 0 R%s /Dest [%d 0 R /Fit] >>" % (
                    text(name), outline, links, self.pages[page]))
            self.put(outline, b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>" % (
                items[0], items[-1], len(items)))
            catalog.append(b"/Outlines %d 0 R" % outline)
        info = b""
        if title or subject:
            number = self.reserve()
            self.put(number, b"<< /Title %s /Subject %s >>" % (text(title), text(subject)))
            info = b" /Info %d 0 R" % number
            catalog.append(b"/ViewerPreferences << /DisplayDocTitle true >>")
        if lang:
            catalog.append(b"/Lang " + text(lang))
        self.put(self.catalog, b"<< %s >>" % b" ".join(catalog))
        self.flush()
        xref = self.reserve()
        self.offsets[xref] = self.out.tell()
        rows = bytearray(b"\x00\x00\x00\x00\x00\xff\xff")  # object 0: the head of the free list
        for n in range(1, len(self.offsets)):
            at, packed = self.offsets[n], self.packed[n]
            if packed:
                rows += b"\x02" + at.to_bytes(4, "big") + (packed - 1).to_bytes(2, "big")
            else:
                rows += (b"\x01" if at else b"\x00") + at.to_bytes(4, "big") + b"\x00\x00"
        data = zlib.compress(bytes(rows), 6)
        self.out.write(b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R%s /Filter /FlateDecode /Length %d >>\n"
                       b"stream\n" % (xref, len(self.offsets), self.catalog, info, len(data)))
        self.out.write(data)
        self.out.write(b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % self.offsets[xref])


def _tree_nodes(node: Any, *links: str) -> Iterator[Any]:
    """``node`` and every indirect node reached from it through ``links`` (page tree kids, outline items...)."""
    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if not item.is_indirect or item.objgen in seen:
            continue
        seen.add(item.objgen)
        yield item
        for link in links:
            value = item.get(link)
            if value is None:
                continue
            stack.extend(value if link == "/Kids" and hasattr(value, "append") else [value])


def _bookkeeping(o: Any) -> bool:
    """Object streams and cross-reference streams: a reader's business, not content."""
    import pikepdf

    return isinstance(o, pikepdf.Stream) and o.stream_dict.get("/Type") in (pikepdf.Name.ObjStm, pikepdf.Name.XRef)


def join_pdfs(parts: Sequence[tuple[Path, Sequence[str]]], target: Path, *, title: str = "", subject: str = "",
              lang: str = "") -> int:
    """Join ``parts`` (a PDF and the bookmarks starting on its first page) into ``target``; return its page count.

    The parts are read one at a time and their objects written straight to the file, so no part is held
    once written; what is kept to the end (a few numbers per object and page) grows with the pages.
    """
    count = 0

    def fill(tmp: Path) -> None:
        nonlocal count
        with open(tmp, "wb") as out:
            writer = _Writer(out)
            marks: list[tuple[str, int]] = []
            for path, bookmarks in parts:
                start = writer.add(path)
                marks += [(name, start) for name in bookmarks]
            writer.finish(marks, title=title, subject=subject, lang=lang)
            count = len(writer.pages)

    atomic.write_with(target, fill)
    return count
