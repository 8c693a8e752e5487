"""The student's view of a case: what a student may read while studying it.

The teacher guidelines never reach a student's screen, and neither do the
author's own answers (the problem, task and solution fields, the decision
matrix, the conclusion, the narrative of the later steps): the student
builds their own. Real names of disguised actors are replaced by their
aliases. What counts as teacher-only or as an answer is data, in
``schemas/study.yaml``. The view is a new ``Case``: nothing is shared with
the full case, so a screen holding it cannot show what was stripped.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from keykis.method import load_data, method
from keykis.model import Case
from keykis.vocabulary import label, say


@cache
def study_settings() -> dict[str, Any]:
    """Settings of study mode and the class review (``schemas/study.yaml``)."""
    data = load_data("study.yaml")
    return data


def _drop(data: dict[str, Any], dotted: str) -> None:
    *parents, last = dotted.split(".")
    node: Any = data
    for part in parents:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(last, None)


def student_view(case: Case) -> Case:
    """A copy of ``case`` without teacher-only parts, the author's answers or real names."""
    settings = study_settings()
    data = {k: copy.deepcopy(v) for k, v in case.data.items() if k not in settings["teacher_only"]}
    for dotted in settings["answers"]:
        _drop(data, dotted)
    first_hidden = int(settings["narrative_hidden_from_step"])
    narrative = data.get("narrative")
    if isinstance(narrative, dict):
        steps = method().step_by_id
        data["narrative"] = {k: v for k, v in narrative.items() if k not in steps or steps[k].n < first_hidden}
    for actor in data.get("actors") or []:
        if isinstance(actor, dict) and str(actor.get("alias") or "").strip():
            actor["name"] = actor["alias"]
    return Case(data, path=case.path, text="")


def student_brief(view: Case, lang: str) -> str:
    """What a student needs at hand to fill a worksheet: actor ids, goal and value ids, as plain text."""
    lines = [say("study.brief_actors", lang) + ":"]
    for a in view.actors().values():
        if a.id in view.characters():
            env = label("environment", a.environment, lang)
            star = "★ " if a.id == view.main_actor else ""
            lines.append(f"  {a.id} — {star}{a.public_name}" + (f", {a.role}" if a.role else "") + f" ({env})")
    for key, head in (("goals", say("study.brief_goals", lang)), ("values", say("study.brief_values", lang))):
        items = [c for c in view.data.get(key) or [] if isinstance(c, dict)]
        if items:
            lines += ["", head + ":"] + [f"  {c.get('id')} — {c.get('text', '')}" for c in items]
    return "\n".join(lines)
