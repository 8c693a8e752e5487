"""Characters that show nothing: invisible and bidi code points in the case.

Text pasted from Word or the web brings zero-width spaces, joiners, soft
hyphens, BOMs and bidi marks along; typed on purpose they hide a real name
from a plain comparison or make an id look like another. In a name, an alias,
an id or a reference to an id they are an error; anywhere else a warning. The
fix is the same: delete them (the finding shows each as ``<U+200B>``).
"""

from __future__ import annotations

from collections.abc import Iterator

from keykis.check.findings import Hit
from keykis.check.rules import Texts, per_unit
from keykis.method import Method
from keykis.model import Case
from keykis.morphology.fold import INVISIBLE, invisible_in

NAME_KEYS = frozenset({
    "id", "name", "alias", "main_actor", "owner", "who", "from", "to", "directed_at", "members", "characters",
    "influenced_by", "problem", "task", "chosen", "objectives", "questions",
})
"""Keys whose value names someone or something: an invisible character there is an error."""


def _shown(text: str) -> str:
    """``text`` with each invisible code point written as ``<U+200B>`` (a short excerpt around the first)."""
    at = INVISIBLE.search(text)
    start = max(0, at.start() - 20) if at else 0
    excerpt = text[start:start + 60]
    return ("…" if start else "") + INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", excerpt)


def _in_a_name(path: tuple[str | int, ...]) -> bool:
    keys = [p for p in path if isinstance(p, str)]
    return bool(keys) and keys[-1] in NAME_KEYS


def invisible_characters(case: Case, m: Method) -> Iterator[Hit]:
    """Invisible or bidi code points: an error in names, aliases and ids, a warning in other texts."""
    case_id = case.data.get("id")
    if isinstance(case_id, str) and INVISIBLE.search(case_id):
        yield Hit("invisible-in-name", ("id",), {"codes": ", ".join(invisible_in(case_id)), "text": _shown(case_id)})

    def scan(texts: Texts) -> list[Hit]:
        out = []
        for path, text in texts:
            if path[0] == "suppress" or not INVISIBLE.search(text):
                continue
            rule = "invisible-in-name" if _in_a_name(path) else "invisible-character"
            out.append(Hit(rule, path, {"codes": ", ".join(invisible_in(text)), "text": _shown(text)}))
        return out

    yield from per_unit(case, "invisible-character", (), scan)


RULES = [invisible_characters]
