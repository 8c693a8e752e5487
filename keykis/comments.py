"""The author's comment lines between the parts of a case, kept in their gaps through every edit.

ruamel.yaml hangs a comment line on whatever node it read just before it:
the step comment above ``problems:`` belongs, in the tree, to the last
scalar of the research questions, or to the end of their list, or to the
next key. An edit that adds, removes or replaces that node would carry the
comment into a flow list or drop it. So the editor treats comment lines as
sitting in *gaps*: the gap below a child of a mapping or a list (down to the
last scalar of its block) and the gap above a child. Before an edit touches
a child, its gaps are taken off as plain text; afterwards they are put back
in the same gap, always below a block line (never inside ``[...]`` or
``{...}``).
"""

from __future__ import annotations

import copy
import difflib
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

Container = CommentedMap | CommentedSeq


def _post_at(node: Container) -> int:
    """Where a child's "comment below" is kept in its entry of ``ca.items``."""
    return 2 if isinstance(node, CommentedMap) else 0


def keys(node: Container) -> list[Any]:
    """The keys of a mapping or the indices of a list."""
    return list(node.keys()) if isinstance(node, CommentedMap) else list(range(len(node)))


def _block(node: Any) -> bool:
    """A non-empty container written as indented lines (comments can follow its children)."""
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _block_scalar(value: Any) -> bool:
    return isinstance(value, (FoldedScalarString, LiteralScalarString))


def _lines(token: Any) -> str:
    """The text of a pre- or end-comment token (a list of tokens or one), each line indented."""
    if token is None:
        return ""
    if isinstance(token, list):
        return "".join(_lines(t) for t in token)
    value = str(getattr(token, "value", ""))
    if not value.startswith("#"):
        return value
    return " " * int(getattr(token, "column", 0) or 0) + value


def _take_below(node: Container, key: Any) -> str:
    """Detach the lines below ``key``'s own line from its entry (its own end-of-line comment stays)."""
    entry = node.ca.items.get(key)
    at = _post_at(node)
    token = entry[at] if entry and len(entry) > at else None
    if token is None or not hasattr(token, "value"):
        return ""
    if _block_scalar(node[key]):  # the scalar ends its own line: every line of the token is below it
        entry[at] = None
        return _lines(token)
    own, newline, below = str(token.value).partition("\n")
    if not below:
        return ""
    if own.strip():
        kept = copy.copy(token)
        kept.value = own + newline
        entry[at] = kept
    else:
        entry[at] = None
    return below


def take_after(node: Container, key: Any) -> str:
    """Detach every comment line in the gap below child ``key`` (down through its block)."""
    child = node[key]
    inner = take_tail(child) if _block(child) else ""
    if isinstance(child, (CommentedMap, CommentedSeq)) and not _block(child):
        inner += _take_flow(child)
    return inner + _take_below(node, key)


def _take_flow(node: Container) -> str:
    """Comment lines stored on a flow or empty container (they follow it in the text)."""
    text = ""
    if node.ca.end:
        text += _lines(node.ca.end)
        node.ca.end = []
    return text


def take_tail(node: Container) -> str:
    """Detach the comment lines below the last child of ``node`` (they belong to what follows it)."""
    names = keys(node)
    text = take_after(node, names[-1]) if names else ""
    if node.ca.end:
        text += _lines(node.ca.end)
        node.ca.end = []
    return text


def take_before(node: Container, key: Any) -> str:
    """Detach the comment lines written above child ``key`` (kept in its entry as a pre-comment)."""
    entry = node.ca.items.get(key)
    if not entry or len(entry) < 2 or not entry[1]:
        return ""
    text = _lines(entry[1])
    entry[1] = None
    return text


def put_after(node: Container, key: Any, text: str) -> None:
    """Put comment lines in the gap below child ``key``: below the last block line of its subtree."""
    if not text:
        return
    child = node[key]
    if _block(child):
        put_tail(child, text)
        return
    at = _post_at(node)
    entry = node.ca.items.setdefault(key, [None] * (4 if isinstance(node, CommentedMap) else 2))
    while len(entry) <= at:
        entry.append(None)
    current = entry[at]
    if current is not None and hasattr(current, "value"):
        merged = copy.copy(current)  # the line's own comment keeps its column
        merged.value = str(current.value).rstrip("\n") + "\n" + text
        entry[at] = merged
    else:
        entry[at] = CommentToken(text if _block_scalar(child) else "\n" + text, CommentMark(0), None)


def put_tail(node: Container, text: str) -> None:
    """Put comment lines below the last child of ``node``."""
    names = keys(node)
    if text and names:
        put_after(node, names[-1], text)


def put_before(node: Container, key: Any, text: str) -> None:
    """Put comment lines above child ``key`` (in the gap below the child before it, if any)."""
    if not text:
        return
    names = keys(node)
    at = names.index(key)
    if at > 0:
        put_after(node, names[at - 1], text)
        return
    entry = node.ca.items.setdefault(key, [None] * (4 if isinstance(node, CommentedMap) else 2))
    old = entry[1] or []
    entry[1] = [*old, CommentToken(text, CommentMark(0), None)]


def relist(node: CommentedSeq, values: list[Any], parent: CommentedMap, key: Any) -> None:
    """Make the block list ``node`` (``parent[key]``) hold ``values``, in place; comments stay above their items.

    A comment above an item that goes stays above the next item that remains
    (or below the list); the comment above the first item is left where it
    is, or, when the list is emptied (written ``[]``), goes below its line.
    """
    old = list(node)
    above = [""] + [take_after(node, i) + take_before(node, i + 1) for i in range(len(old) - 1)]
    tail = take_tail(node)
    matcher = difflib.SequenceMatcher(a=old, b=values, autojunk=False)
    moved: dict[int, str] = {}
    pending = ""
    kept = {a + k: b + k for a, b, size in matcher.get_matching_blocks() for k in range(size)}
    for i, text in enumerate(above):
        pending += text
        if i in kept:
            moved[kept[i]] = moved.get(kept[i], "") + pending
            pending = ""
    del node[:]
    node.extend(values)
    for j, text in moved.items():
        if j > 0:
            put_before(node, j, text)
        elif text:
            put_before(node, 0, text)
    put_tail(node, pending + tail)
    if not values:
        entry = parent.ca.items.get(key)
        heading = _lines(entry[3]) if entry and len(entry) > 3 else ""
        if heading:
            entry[3] = None
        node.ca.comment = None
        node.fa.set_flow_style()  # an empty list is written [] on its key's line
        put_after(parent, key, heading + pending + tail)
