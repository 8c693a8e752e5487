"""A new worksheet: block-style YAML in the student's language that cannot trap.

Every part a student fills in is already there, once, with a placeholder in
«guillemets» (``keykis check`` reports each one left), so nothing has to be
uncommented and no key is written twice. Comments carry the method's step
prompts and the ids of the case's actors, goals and values, resource kinds
and strategies, in the student's language. The words live in the
vocabulary's ``worksheet`` section (placeholders as ``placeholder_*``).
"""

from __future__ import annotations

import json
from datetime import date

from keykis.method import LANGS, method, name
from keykis.model import Case
from keykis.vocabulary import say


def _w(key: str, lang: str) -> str:
    return say("editor.step", lang) if key == "step" else say(f"worksheet.{key}", lang)


def _p(key: str, lang: str) -> str:
    return _q(say(f"worksheet.placeholder_{key}", lang))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (always safe: colons, '#', quotes, guillemets)."""
    return json.dumps(text, ensure_ascii=False)


def _step(step_id: str, lang: str, indent: str) -> list[str]:
    step = method().step_by_id[step_id]
    return [f"{indent}# {_w('step', lang)} {step.n}. {step.title[lang]}: {step.prompt[lang]}"]


def worksheet_text(case: Case, *, student: str = "", group: str = "", lang: str | None = None,
                   schema_ref: str = "worksheet.schema.json") -> str:
    """The text of a new worksheet for ``case`` in ``lang`` (default: the case's language)."""
    lang = lang if lang in LANGS else case.language
    m = method()
    revision = case.meta.get("revision") or date.today().isoformat()
    actors = [f"#   {a} — {case.public_name(a)}" for a in case.characters()]
    criteria = [f"#   {c.get('id')} — {c.get('text', '')}" for c in case.criteria()]
    out = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# {_w('head', lang).format(title=case.title)}",
        f"# {_w('how', lang)}",
        f"# {_w('more', lang)}",
        "#",
        f"# {_w('actors', lang)}:", *actors,
        f"# {_w('criteria', lang)}:", *criteria,
        f"# {_w('resources', lang)}: " + ", ".join(f"{k} ({name(v, lang)})" for k, v in m.resource_kinds.items()),
        f"# {_w('strategies', lang)}: " + ", ".join(f"{k} ({name(v, lang)})" for k, v in m.strategies.items()),
        "",
        "keykis: 1",
        "worksheet:",
        f"  case: {case.id}",
        f"  revision: {_q(str(revision))}",
        "  students:",
        f"    - name: {_q(student) if student.strip() else _p('name', lang)}",
        f"      id: {_p('id', lang)}  # {_w('student_id', lang)}",
        f"  group: {_q(group) if group.strip() else _p('group', lang)}",
        f"  date: {_q(date.today().isoformat())}",
        f"  language: {lang}",
        "",
        "matrix:",
        *_step("problems", lang, "  "), *_step("focus_problem", lang, "  "),
        "  problems:",
        "    chosen: p1",
        "    items:",
        "      - id: p1",
        f"        owner: {_p('owner', lang)}",
        f"        text: {_p('problem', lang)}",
        "        resources:",
        f"          - {_p('resource1', lang)}",
        f"          - {_p('resource2', lang)}",
        "        contradiction:",
        f"          text: {_p('contradiction', lang)}",
        "          between:",
        f"            - {_p('resource1', lang)}",
        f"            - {_p('resource2', lang)}",
        *_step("tasks", lang, "  "), *_step("focus_task", lang, "  "),
        "  tasks:",
        "    chosen: t1",
        "    items:",
        "      - id: t1",
        "        problem: p1",
        f"        text: {_p('task', lang)}",
        *[f"        {part}: {_p(part, lang)}" for part in ("what", "who", "when", "where", "how_much")],
        *_step("solutions", lang, "  "), *_step("focus_solution", lang, "  "),
        "  solutions:",
        "    chosen: s1",
        "    items:",
        "      - id: s1",
        "        task: t1",
        f"        text: {_p('solution', lang)}",
        "        strategy:",
        f"          - {_p('strategy', lang)}",
        "        directed_at:",
        f"          - {_p('target', lang)}",
        "",
        *_step("decision_matrix", lang, ""),
        "decision:",
        "  scores:",
        "    s1:",
    ]
    for c in case.criteria():
        out += [f"      {c.get('id')}:  # {_w('scores_hint', lang)}", "        score: 0",
                f"        reason: {_p('reason', lang)}"]
    out += ["", f"defence: {_p('defence', lang)}", ""]
    return "\n".join(out)
