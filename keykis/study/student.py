"""The student's view of a case: what a student may read while studying it.

The teacher guidelines never reach a student's screen, and neither do the
author's own answers (the problem, task and solution fields, the decision
matrix, the conclusion, the narrative of the later steps): the student
builds their own. Real names of disguised actors are replaced by their
aliases. What counts as teacher-only or as an answer is data, in
``schemas/study.yaml``, read by ``keykis.audience`` (below the printed
editions, which make the student handout from the same view).
"""

from __future__ import annotations

from keykis.audience import student_view, study_settings
from keykis.model import Case
from keykis.vocabulary import label, say


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


__all__ = ["student_brief", "student_view", "study_settings"]
