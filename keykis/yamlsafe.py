"""Every YAML quirk keykis cares about, in one small module.

Case files come from students and colleagues, so loading is defensive: the
safe loader only (no tag constructs an object), the fast C parser when it is
there, duplicate keys refused (PyYAML silently keeps the last one, which
loses an author's text), limits on size, nesting depth and aliases, dates and
``yes``/``no`` kept as written. Positions are not tracked while loading;
``Locator`` finds the line and column of a path only when there is something
to report.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from keykis import safe_read
from keykis.errors import CaseFileError, Words

MAX_BYTES = safe_read.MAX_BYTES
MAX_DEPTH = 64
MAX_ALIASES = 1000
MAX_EXPANDED_NODES = 200_000

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2-like scalars: only true/false are booleans, dates stay text."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (
        "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _Loader(_Parser, _Resolver):  # type: ignore[misc]
    """Safe loader that refuses duplicate keys and counts alias uses.

    An alias use is a node met a second time while constructing (the
    composer hands out the anchored node again for every ``*alias``). Keys
    are constructed twice on purpose (once for the duplicate check), so that
    second visit is not counted: the limit measures aliases, not keys.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # type: ignore[call-arg]
        self._alias_uses = 0
        self._checked_keys: set[int] = set()

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            if id(node) in self._checked_keys:
                self._checked_keys.discard(id(node))  # the duplicate check's own visit, once
            else:
                self._alias_uses += 1
                if self._alias_uses > MAX_ALIASES:
                    raise _LimitError(f"too many alias references (more than {MAX_ALIASES})", node,
                                      ("file.too_many_aliases", {"limit": MAX_ALIASES}))
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, yaml.Node] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # ``<<: *base`` merges a mapping in (the keys written beside it win); no key of its own
                fresh = key_node not in self.constructed_objects
                key = self.construct_object(key_node, deep=True)
                if fresh:
                    self._checked_keys.add(id(key_node))
                try:
                    hash(key)
                except TypeError:
                    raise _LimitError("a mapping key must be plain text", key_node, ("file.key_not_text", {})) from None
                if key in seen:
                    first = seen[key].start_mark.line + 1
                    raise _LimitError(
                        f"duplicate key {key!r} (first at line {first}); the later value would replace the earlier",
                        key_node, ("file.duplicate_key", {"key": key, "first": first}),
                    )
                seen[key] = key_node
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)


class _LimitError(Exception):
    def __init__(self, message: str, node: yaml.Node, words: Words) -> None:
        super().__init__(message)
        self.message = message
        self.node = node
        self.words = words


def read_text(path: Path) -> str:
    """Read a text file as UTF-8 through the safe reader (regular files only, size cap first)."""
    return safe_read.read_text(path, limit=MAX_BYTES)


_INDENT = re.compile(r"^[ ]+(?=\S)", re.M)


def _max_indent(text: str) -> int:
    return max((len(m.group()) for m in _INDENT.finditer(text)), default=0)


def json_too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON ``text`` nests deeper than ``limit`` (read without parsing, so nothing recursive sees it).

    The same limit as YAML's: a manifest, a ledger, a journal line or a catalogue never nests this deep,
    and a file that does is refused (and made again) before ``json.loads`` recurses into it.
    """
    if text.count("[") + text.count("{") <= limit:
        return False
    depth, quoted, escaped = 0, False, False
    for ch in text:
        if quoted:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def _check_depth(text: str, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the recursive composer sees it."""
    if text.count("[") + text.count("{") + text.count("- ") < MAX_DEPTH and _max_indent(text) < MAX_DEPTH:
        return  # every level of block nesting is indented at least one space deeper
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise CaseFileError(f"nesting is deeper than {MAX_DEPTH} levels", path=name,
                                        line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
                                        words=("file.too_deep", {"depth": MAX_DEPTH}))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, name, text) from None


SYNTAX_WORDS = (
    ("tab character", "file.yaml_tab"),
    ("mapping values are not allowed", "file.yaml_colon"),
    ("end of stream", "file.yaml_unclosed"),
    ("could not find expected ':'", "file.yaml_no_colon"),
    ("did not find expected key", "file.yaml_indent"),
    ("expected '-' indicator", "file.yaml_indent"),
    ("did not find expected ','", "file.yaml_flow"),
    ("undefined alias", "file.yaml_alias"),
)
"""What the parser's common problems mean for a person writing a case or a worksheet (vocabulary keys)."""


def _syntax_words(exc: yaml.YAMLError, problem: str, text: str) -> Words:
    """The vocabulary words for a syntax error: a known problem explained, else the parser's own detail."""
    if "could not determine a constructor" in str(exc):
        return "file.yaml_tag", {}
    if "cannot start any token" in problem:
        mark = getattr(exc, "problem_mark", None)
        lines = text.splitlines()
        row = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
        char = row[mark.column] if mark is not None and mark.column < len(row) else ""
        return ("file.yaml_tab", {}) if char == "\t" else ("file.yaml_char", {"char": char or "?"})
    for fragment, key in SYNTAX_WORDS:
        if fragment in problem:
            return key, {}
    return "file.yaml_syntax", {"detail": problem}


def _syntax_error(exc: yaml.YAMLError, name: str, text: str) -> CaseFileError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if "could not determine a constructor" in str(exc):
        problem = "YAML tags that construct objects (such as !!python/...) are not allowed"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return CaseFileError(f"YAML syntax error: {problem}", path=name, line=line, column=column,
                         words=_syntax_words(exc, problem, text))


def loads(text: str, name: str = "<text>") -> Any:
    """Parse YAML text safely; raise ``CaseFileError`` with file:line on any problem."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        limit = f"{MAX_BYTES // 1024} KiB"
        raise CaseFileError(f"the file is too large (more than {limit})", path=name,
                            words=("file.too_large_grew", {"limit": limit}))
    _check_depth(text, name)
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
        if loader._alias_uses and _expanded_size(data, {}) > MAX_EXPANDED_NODES:
            raise CaseFileError(
                f"aliases expand to more than {MAX_EXPANDED_NODES:,} values (an alias bomb?)", path=name,
                words=("file.alias_bomb", {"limit": MAX_EXPANDED_NODES}),
            )
        return data
    except _LimitError as exc:
        mark = exc.node.start_mark
        raise CaseFileError(exc.message, path=name, line=mark.line + 1, column=mark.column + 1,
                            words=exc.words) from None
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, name, text) from None
    except RecursionError:
        raise CaseFileError(f"nesting is deeper than {MAX_DEPTH} levels", path=name,
                            words=("file.too_deep", {"depth": MAX_DEPTH})) from None
    finally:
        loader.dispose()


def _expanded_size(obj: Any, memo: dict[int, int]) -> int:
    """Count values as if every alias were copied out, without copying."""
    if not isinstance(obj, (dict, list)):
        return 1
    key = id(obj)
    if key not in memo:
        memo[key] = 1
        items = obj.values() if isinstance(obj, dict) else obj
        memo[key] = 1 + sum(_expanded_size(item, memo) for item in items)
    return memo[key]


def load_mapping(path: Path) -> tuple[dict[str, Any], str]:
    """Load a YAML file that must hold a mapping; return the data and the text."""
    text = read_text(path)
    if not text.strip():
        raise CaseFileError("the file is empty", path=str(path), words=("file.empty", {}))
    data = loads(text, str(path))
    if not isinstance(data, dict):
        kind = "nothing but comments" if data is None else f"a {type(data).__name__}"
        raise CaseFileError(f"expected a mapping of keys at the top level, found {kind}", path=str(path),
                            words=("file.only_comments" if data is None else "file.not_mapping", {}))
    return data, text


class Locator:
    """Find the line and column of a dotted/indexed path in YAML text, lazily."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: yaml.Node | None = None
        self._composed = False

    def _node(self) -> yaml.Node | None:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self._text, Loader=_Parser)
            except yaml.YAMLError:
                self._root = None
        return self._root

    def _top_key(self, name: str) -> tuple[int, int] | None:
        """The line of a top-level key written at the start of a line, when it is written there once.

        Saves composing the whole document (a tenth of a second on a case of 500
        actors) for a finding about the case as a whole.
        """
        found = [m.start() for m in re.finditer(rf"(?m)^{re.escape(name)}:(?:[ \t]|$)", self._text)]
        return (self._text.count("\n", 0, found[0]) + 1, 1) if len(found) == 1 else None

    def locate(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """Return the 1-based (line, column) of ``path``; the deepest found part if it is missing.

        Args:
            path: Keys and list indexes from the document root.
            key: Point at the mapping key of the last part rather than at its value.
        """
        if key and len(path) == 1 and not self._composed:
            top = self._top_key(str(path[0]))
            if top is not None:
                return top
        node = self._node()
        if node is None:
            return (1, 1)
        best = node.start_mark
        for i, part in enumerate(path):
            nxt: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == str(part):
                        nxt = k if key and i == len(path) - 1 else v
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                nxt = node.value[part]
            if nxt is None:
                break
            node = nxt
            best = node.start_mark
        return (best.line + 1, best.column + 1)
