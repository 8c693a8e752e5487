"""Who may read what: the student's view of a case, one list for every output.

The teacher guidelines never reach a student, and neither do the author's
own answers (the problem, task and solution fields, the decision matrix, the
conclusion, the narrative of the later steps): the student builds their own.
Real names of disguised actors are replaced by their aliases. What counts as
teacher-only or as an answer is data, in ``schemas/study.yaml``; study mode,
the worksheet and the printed student handout all read it through this
module. It takes a case that passed the gate (``keykis.gate``) and gives a
new case with the same receipt: nothing is shared with the full case, so a
page or a screen holding it cannot show what was stripped.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache
from typing import Any

from keykis.gate import Checked, view_of
from keykis.method import load_data, method
from keykis.model import Case, value_at


@cache
def study_settings() -> dict[str, Any]:
    """Settings of study mode, the handout and the class review (``schemas/study.yaml``)."""
    data: dict[str, Any] = load_data("study.yaml")
    return data


def _drop(data: dict[str, Any], dotted: str) -> None:
    *parents, last = dotted.split(".")
    node: Any = data
    for part in parents:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(last, None)


def hidden_steps() -> set[str]:
    """Steps whose narrative a student never reads (``narrative_hidden_from_step`` and later)."""
    first_hidden = int(study_settings()["narrative_hidden_from_step"])
    return {s.id for s in method().steps if s.n >= first_hidden}


def student_view(case: Checked) -> Checked:
    """A copy of checked ``case`` without teacher-only parts, the author's answers or real names."""
    settings = study_settings()
    data = {k: copy.deepcopy(v) for k, v in case.data.items() if k not in settings["teacher_only"]}
    for dotted in settings["answers"]:
        _drop(data, dotted)
    narrative = data.get("narrative")
    if isinstance(narrative, dict):
        hidden = hidden_steps()
        data["narrative"] = {k: v for k, v in narrative.items() if k not in hidden}
    for actor in data.get("actors") or []:
        if isinstance(actor, dict) and str(actor.get("alias") or "").strip():
            actor["name"] = actor["alias"]
    return view_of(case, data)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def answer_texts(case: Case) -> list[str]:
    """Every text of ``case`` a student must not read: the answers, the teacher-only parts and hidden narrative.

    The texts the handout test looks for in a printed handout; ids, numbers
    and other short values are left out (they print elsewhere by chance).
    """
    settings = study_settings()
    texts: list[str] = []
    for dotted in [*settings["answers"], *settings["teacher_only"]]:
        texts += _strings(value_at(case.data, dotted))
    narrative = case.data.get("narrative")
    if isinstance(narrative, dict):
        hidden = hidden_steps()
        texts += [str(v) for k, v in narrative.items() if k in hidden and isinstance(v, str)]
    return [t for t in texts if len(t.split()) >= 4]
