"""The case model: a KEYKIS case file loaded into plain, typed views.

The case stays the parsed YAML mapping (``Case.data``) so that nothing an
author wrote is lost or reordered; the accessors below give the rest of the
toolkit typed views of the parts of the method (actors, relations, the
fields of the morphological matrix) without copying the data.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, TypeVar

from keykis import yamlsafe
from keykis.errors import CaseFileError
from keykis.vocabulary import LANGS

T = TypeVar("T")
"""What a ``Case.once`` build gives back."""

CASE_FILE = "case.yaml"
FIELDS = ("questions", "problems", "tasks", "solutions")
YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Actor:
    """A person, group, organisation or group of organisations in the case."""

    id: str
    """Id used everywhere else in the case to refer to this actor."""
    kind: str
    """``person``, ``group``, ``organisation`` or ``organisations``."""
    environment: str
    """``internal`` or ``external``: which side of the boundary."""
    name: str
    """The real name (or real position)."""
    alias: str | None
    """Public stock surname or role; public editions print it instead of ``name``."""
    role: str | None
    """Position or role in the situation."""

    @property
    def public_name(self) -> str:
        """The name every public edition prints."""
        return self.alias or self.name

    @property
    def decides(self) -> bool:
        """True for a person or a small group: those who decide in the method."""
        return self.kind in ("person", "group")


@dataclass(frozen=True)
class Relation:
    """A typed, directed relation between two actors."""

    source: str
    """Id of the actor the relation goes from."""
    target: str
    """Id of the actor the relation goes to."""
    type: str
    """Relation type id from ``schemas/relation_types.yaml``."""
    label: str | None
    """A few words for the edge of the concept graph."""
    index: int
    """Position in the case's ``relations`` list (for finding locations)."""


class Case:
    """A loaded case file and typed views of its parts."""

    def __init__(self, data: dict[str, Any], *, path: Path | None = None, text: str = "") -> None:
        self.data = data
        """The parsed YAML mapping, as written."""
        self.path = path
        """The ``case.yaml`` file, when loaded from disk."""
        self.text = text
        """The source text (for locating findings)."""
        self._locator: yamlsafe.Locator | None = None
        self._memo: dict[object, Any] | None = None
        self.snapshot = False
        """True when the data is an editor's snapshot (``keykis.casefile``): never changed once made, and
        sharing every part that did not change with the snapshot before it, so results for a part can be
        kept from one check to the next (``kept``)."""

    @contextmanager
    def frozen(self) -> Iterator[Case]:
        """While the data does not change (one check pass): actors, relations and texts are built once.

        A rule may ask for ``actors()`` inside its loops; on a case of hundreds of
        actors that rebuilt the list a million times. Inside this block each view
        is built on first use and shared by every rule.
        """
        outer = self._memo
        if outer is None:
            self._memo = {}
        try:
            yield self
        finally:
            self._memo = outer

    def _memoised(self, key: object, build: Any) -> Any:
        if self._memo is None:
            return build()
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def once(self, key: str, build: Callable[[], T]) -> T:
        """``build()``, made once inside a ``frozen`` block and shared by every pass in it (made each time outside one).

        For results about the whole data that two passes over an unchanged case both need: the
        checker's schema rule and the schema gate share one validation of a case in a build.
        """
        return self._memoised(("once", key), build)  # type: ignore[no-any-return]

    # -- identity ---------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        """The case folder (assets live beside ``case.yaml``)."""
        return self.path.parent if self.path else None

    @property
    def id(self) -> str:
        """The case id (slug)."""
        return str(self.data.get("id") or (self.folder.name if self.folder else "case"))

    @property
    def language(self) -> str:
        """Language of the body: ``ru``, ``kk`` or ``en``."""
        lang = self.data.get("language")
        return lang if lang in LANGS else "ru"

    @property
    def title(self) -> str:
        """The title, which is the research question."""
        return _text(self.data.get("title"))

    @property
    def meta(self) -> dict[str, Any]:
        """The metadata card."""
        return _mapping(self.data.get("meta"))

    @property
    def status(self) -> str:
        """``draft``, ``review``, ``complete`` or ``published``."""
        return str(self.meta.get("status") or "draft")

    @property
    def complete(self) -> bool:
        """Whether the author marked the case complete (or published)."""
        return self.status in ("complete", "published")

    @property
    def disguised(self) -> bool:
        """Whether names are replaced by stock surnames or roles."""
        return bool(_mapping(self.meta.get("disguise")).get("disguised"))

    @property
    def languages(self) -> list[str]:
        """Languages the case has an abstract in, the body's first."""
        langs = [self.language]
        for lang in _mapping(self.data.get("abstract")):
            if lang in LANGS and lang not in langs:
                langs.append(lang)
        return langs

    # -- actors and relations --------------------------------------------
    def actors(self) -> dict[str, Actor]:
        """Actors by id, in file order."""
        return dict(self._memoised("actors", self._actors))

    def _actors(self) -> dict[str, Actor]:
        out: dict[str, Actor] = {}
        for a in _list(self.data.get("actors")):
            if isinstance(a, dict) and isinstance(a.get("id"), str):
                out.setdefault(a["id"], Actor(
                    id=a["id"], kind=str(a.get("kind", "")), environment=str(a.get("environment", "")),
                    name=_text(a.get("name")), alias=_opt(a.get("alias")), role=_opt(a.get("role")),
                ))
        return out

    @property
    def main_actor(self) -> str | None:
        """Id of the actor from whose point of view the case is written."""
        return _opt(self.data.get("main_actor"))

    def relations(self) -> list[Relation]:
        """Relations between actors, in file order."""
        return list(self._memoised("relations", self._relations))

    def _relations(self) -> list[Relation]:
        out = []
        for i, r in enumerate(_list(self.data.get("relations"))):
            if isinstance(r, dict) and isinstance(r.get("from"), str) and isinstance(r.get("to"), str):
                out.append(Relation(r["from"], r["to"], str(r.get("type", "")), _opt(r.get("label")), i))
        return out

    def characters(self) -> list[str]:
        """The final list of actors (step 11); all actors when not given."""
        chars = self.data.get("characters")
        if isinstance(chars, list):
            return [c for c in chars if isinstance(c, str)]
        return list(self.actors())

    def narrative(self, step_id: str) -> str:
        """The author's prose for one step (``narrative.<step>``), stripped; empty when none."""
        text = _mapping(self.data.get("narrative")).get(step_id)
        return text.strip() if isinstance(text, str) else ""

    def narratives(self) -> dict[str, str]:
        """Every step's prose that is written, by step id, in the file's order."""
        return {k: v.strip() for k, v in _mapping(self.data.get("narrative")).items()
                if isinstance(k, str) and isinstance(v, str) and v.strip()}

    def public_name(self, actor_id: str) -> str:
        """The name to print for an actor id in a public edition."""
        actor = self.actors().get(actor_id)
        return actor.public_name if actor else actor_id

    # -- the morphological matrix ------------------------------------------
    def field(self, name: str) -> dict[str, Any]:
        """One field of the matrix (``questions``, ``problems``, ``tasks``, ``solutions``)."""
        return _mapping(_mapping(self.data.get("matrix")).get(name))

    def items(self, name: str) -> list[dict[str, Any]]:
        """The items of a matrix field."""
        return [i for i in _list(self.field(name).get("items")) if isinstance(i, dict)]

    def chosen(self, name: str) -> dict[str, Any] | None:
        """The chosen item of a matrix field, if the choice resolves."""
        chosen = self.field(name).get("chosen")
        return next((i for i in self.items(name) if i.get("id") == chosen), None)

    def chain(self) -> list[dict[str, Any] | None]:
        """The chosen question, problem, task and solution (None where unchosen)."""
        return [self.chosen(f) for f in FIELDS]

    def criteria(self) -> list[dict[str, Any]]:
        """The main actor's goals then values: the columns of the decision matrix."""
        return [c for key in ("goals", "values") for c in _list(self.data.get(key)) if isinstance(c, dict)]

    # -- text ---------------------------------------------------------------
    def scores(self) -> dict[str, dict[str, dict[str, Any]]]:
        """The decision matrix (step 19): solution id -> criterion id -> cell, well-formed cells only."""
        decision = self.data.get("decision")
        raw = decision.get("scores") if isinstance(decision, dict) else None
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for sid, row in raw.items() if isinstance(raw, dict) else ():
            if isinstance(row, dict):
                out[str(sid)] = {str(c): cell for c, cell in row.items() if isinstance(cell, dict)}
        return out

    def total(self, solution_id: str) -> int:
        """The sum of a solution's scores in the decision matrix (0 when it has none)."""
        return score_total(self.scores().get(str(solution_id), {}))

    def iter_texts(self, *, guidelines: bool = True) -> Iterator[tuple[YamlPath, str]]:
        """Every text string of the case with its path, in file order."""
        if self._memo is not None:
            return iter(self._memoised(("texts", guidelines), lambda: self._texts(guidelines)))
        return iter(self._texts(guidelines))

    def _texts(self, guidelines: bool) -> list[tuple[YamlPath, str]]:
        out: list[tuple[YamlPath, str]] = []
        for _, _, texts in self.text_units(guidelines=guidelines):
            out.extend(texts)
        return out

    def text_units(self, *, guidelines: bool = True) -> list[tuple[YamlPath, Any, list[tuple[YamlPath, str]]]]:
        """The texts of the case in units, in file order: (where, the part, its texts with their paths).

        A unit is a top-level value, or a run of up to ``UNIT`` items of a top-level list
        (the 500 actors of a big case are 16 units). Rules that look at each text on its own
        keep their results per unit across an editor's checks (``kept``): after one keystroke
        only the unit that holds it is looked at again.
        """
        if self._memo is not None:
            return self._memoised(("units", guidelines), lambda: self._units(guidelines))  # type: ignore[no-any-return]
        return self._units(guidelines)

    def _units(self, guidelines: bool) -> list[tuple[YamlPath, Any, list[tuple[YamlPath, str]]]]:
        skip = {"suppress", "id", "keykis", "language"} | (set() if guidelines else {"guidelines"})
        out: list[tuple[YamlPath, Any, list[tuple[YamlPath, str]]]] = []
        for k, v in self.data.items():
            if k in skip:
                continue
            key = str(k)
            if isinstance(v, list) and len(v) > UNIT:
                for start in range(0, len(v), UNIT):
                    run = tuple(v[start:start + UNIT])
                    out.append(((key, start), run, self.kept("texts", (key, start), run, (),
                                                              partial(_walk_run, run, key, start))))
            else:
                out.append(((key,), v, self.kept("texts", (key,), v, (), partial(_walk, v, (key,)))))
        return out

    def kept(self, kind: str, where: YamlPath, node: Any, context: tuple[Any, ...], build: Any) -> Any:
        """``build()``, or its value from an earlier check of a snapshot whose ``node`` at ``where`` is unchanged.

        Only for snapshots (``snapshot``): there an unchanged part is the very same object as before
        (or, for a run of list items or a scalar, an equal one). ``context`` holds whatever else the
        value depends on, compared by equality.
        """
        if not self.snapshot:
            return build()
        key = (kind, where)
        entry = _KEPT.get(key)
        if entry is not None and (entry[0] is node or (not isinstance(node, (dict, list)) and entry[0] == node)) \
                and entry[1] == context:
            return entry[2]
        value = build()
        _KEPT[key] = (node, context, value)
        return value

    def locate(self, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of ``path`` in the source text."""
        if self._locator is None:
            self._locator = _locator(self.text)
        return self._locator.locate(path, key=key)


UNIT = 32
"""Items of a top-level list per text unit (``Case.text_units``)."""

_KEPT: dict[tuple[str, YamlPath], tuple[Any, tuple[Any, ...], Any]] = {}
"""(kind, where) -> (the part, the context, the value) of the last snapshot checked (``Case.kept``)."""


def _walk(node: Any, path: YamlPath) -> list[tuple[YamlPath, str]]:
    """Every text under ``node`` with its path, in order (appends, no generators: 8,000 texts in a big case)."""
    out: list[tuple[YamlPath, str]] = []

    def walk(node: Any, path: YamlPath) -> None:
        if isinstance(node, str):
            out.append((path, node))
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*path, str(k)))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*path, i))

    walk(node, path)
    return out


def _walk_run(run: tuple[Any, ...], key: str, start: int) -> list[tuple[YamlPath, str]]:
    out: list[tuple[YamlPath, str]] = []
    for i, item in enumerate(run):
        out.extend(_walk(item, (key, start + i)))
    return out


@lru_cache(maxsize=4)
def _locator(text: str) -> yamlsafe.Locator:
    """One node tree per source text: the editor checks the same saved text again and again."""
    return yamlsafe.Locator(text)


def score_total(row: dict[str, dict[str, Any]]) -> int:
    """The sum of the integer scores of one row of a decision matrix (a case's or a worksheet's)."""
    return sum(cell["score"] for cell in row.values() if isinstance(cell.get("score"), int))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _opt(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def mapping(value: Any) -> dict[str, Any]:
    """``value`` if it is a mapping, else an empty one (for reading possibly broken data)."""
    return value if isinstance(value, dict) else {}


_mapping = mapping


def value_at(data: Any, dotted: str) -> Any:
    """The value at a dotted path (``guidelines.session.plan``) through mappings, or None where it leaves them."""
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def filled(value: Any, *, flags_count: bool = False) -> bool:
    """Whether a value carries content: a non-blank text or a number somewhere in it.

    A flag set to ``false`` is content only with ``flags_count`` (progress counts
    "not disguised" as an answer; a step's requirement is not met by a ``false``).
    """
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(filled(v, flags_count=flags_count) for v in value.values())
    if isinstance(value, list):
        return any(filled(v, flags_count=flags_count) for v in value)
    return value is not None and (flags_count or value is not False)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def case_file(path: Path) -> Path:
    """The ``case.yaml`` for a case folder or a file path."""
    if path.is_dir():
        candidate = path / CASE_FILE
        if not os.path.lexists(candidate):
            raise CaseFileError(f"there is no {CASE_FILE} in this folder", path=str(path),
                             words=("file.no_case", {"name": CASE_FILE}))
        return candidate
    return path


def load_case(path: Path) -> Case:
    """Load a case from its folder or its ``case.yaml``; raise ``CaseFileError`` if unreadable."""
    file = case_file(path)
    data, text = yamlsafe.load_mapping(file)
    return Case(data, path=file, text=text)


def find_cases(paths: list[Path]) -> list[Path]:
    """Case files under the given files or folders, sorted, for ``check`` and ``build``."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            if os.path.lexists(p / CASE_FILE):  # a FIFO or a device is found too, and refused when read
                found.append(p / CASE_FILE)
            else:
                found.extend(sorted(p.glob(f"*/{CASE_FILE}")))
        else:
            found.append(p)
    return found


def case_number(case: Case) -> str:
    """The case's number in its collection (``meta.number``), "" when it has none or is not finished.

    Numbers are assigned once, in order, when a case joins a collection
    (``keykis new`` writes the next free one), stored in the case and never
    recomputed; ``keykis build`` refuses two cases with one number. A draft
    prints without a number.
    """
    if case.status not in ("complete", "published"):
        return ""
    return str(case.meta.get("number") or "").strip()
