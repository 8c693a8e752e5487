"""Printed study documents: the class review and a student's worksheet.

Both go through the render module's single Jinja environment (autoescape on,
the same safe Markdown filters as case text) and its WeasyPrint setup, so
student text gets the same protections as case text. The counts are drawn as
bars inside their tables (CSS widths, no image), so every label stays text
that can be searched and copied from the PDF.
"""

from __future__ import annotations

import copy
import json
import random
import re
from pathlib import Path
from typing import Any

from keykis.check import Finding
from keykis.method import method, name
from keykis.model import Case, score_total
from keykis.study.gradebook import DIALECTS, csv_text, number
from keykis.study.review import Review
from keykis.study.worksheet import STUDENT_FIELDS, Worksheet
from keykis.vocabulary import label, say, section

STYLESHEETS = ("print.css", "study/study.css")
"""The editions' house style (print.css: fonts, running head and footer, tables), then the study documents' own."""


def labels(lang: str) -> dict[str, str]:
    """The review and worksheet words in ``lang`` (vocabulary section ``review``)."""
    return section("review", lang)


def anonymise(data: dict[str, Any], word: str) -> dict[str, Any]:
    """The review's JSON form with every student shown as "<word> N" (no names, ids, groups or file names).

    The numbers follow a shuffled order, and every list of students is shown
    in that order, so that neither the alphabet nor the groups tell who is who;
    team members, the instructor's comments and the gradebook are left out.
    """
    data = copy.deepcopy(data)
    order = list(data["students"])
    random.SystemRandom().shuffle(order)
    numbers = {e["file"]: n for n, e in enumerate(order, 1)}
    for key in ("students", "counted", "skipped", "with_errors", "clean"):
        data[key].sort(key=lambda e: numbers[e["file"]])
        for e in data[key]:
            alias = f"{word} {numbers[e['file']]}"
            e.update(label=alias, students=[alias], ids=[], usernames=[], emails=[], file=alias, message="", group="", comment="")
            for s in e["similar"]:
                s.update(label=f"{word} {numbers[s['file']]}", file=f"{word} {numbers[s['file']]}")
    for p in data["similar"]:
        p.update(a=f"{word} {numbers[p['a']]}", b=f"{word} {numbers[p['b']]}",
                 a_label=f"{word} {numbers[p['a']]}", b_label=f"{word} {numbers[p['b']]}")
    for row in data["distribution"]:
        row["who"] = []
    data["other_groups"] = [f"{word} ?" for _ in data["other_groups"]]
    data["gradebook"] = {"columns": data["gradebook"]["columns"], "rows": [], "needs_id": [], "duplicates": []}
    return data


def heading(head: dict[str, Any], lang: str, kind: str) -> dict[str, Any]:
    """The case as a study document's title block, running head and footer print it, in ``lang``.

    The title is the case's own in ``lang`` (its ``titles``), else the one it
    is written in, marked with that language («на казахском»). A case not
    finished prints a draft mark and no number, as its editions do.
    """
    titles = head.get("titles") or {}
    own = str(head.get("language") or lang)
    title_lang = lang if titles.get(lang) else own
    title = str(titles.get(lang) or head.get("title") or "")
    short = str(head.get("short_title") or "") if title_lang == own else ""
    draft = bool(head.get("draft"))
    return {"title": title, "lang": title_lang, "kind": kind, "short": short or title, "draft": draft,
            "mark": label("language_in", title_lang, lang) if title_lang != lang else "",
            "number": "" if draft else str(head.get("number") or "")}


def printed_names(head: dict[str, Any], lang: str) -> dict[str, str]:
    """The case's tasks, goals and values by id, as the case prints them: «Задача 2», «Цель 1», «Ценность 3»."""
    from keykis.render.graph_dot import item_code

    out = {tid: item_code("tasks", i, lang) for i, tid in enumerate(head.get("tasks") or [])}
    for key in ("goals", "values"):
        out.update({cid: say(f"edition.{key[:-1]}_code", lang, n=i) for i, cid in enumerate(head.get(key) or [], 1)})
    return out


def review_data(review: Review, *, lang: str = "en", anonymous: bool = False) -> dict[str, Any]:
    """The review's JSON form, with the words of ``lang`` (and anonymised on request).

    Ids of the case's tasks, goals and values get their printed names
    (``task_name``, ``code``) for the PDFs; the ids stay for the machines.
    """
    words = labels(lang)
    data = review.as_dict()
    printed = printed_names(data["case"], lang)
    for row in data["tasks"]:
        if row["id"] == "own":
            row["name"] = words["own_task"]
    for row in data["scores"]:
        row["code"] = printed.get(row["id"], "")
    names = {c["id"]: c["name"] for c in data["rubric"].get("criteria", [])}
    for e in data["students"]:
        for m in e["marks"]:
            m["name"] = names.get(m["id"], m["id"])
        task = (e.get("chain") or {}).get("task")
        if task:
            e["chain"]["task_name"] = words["own_task"] if task == "own" else printed.get(task, "")
    return anonymise(data, words["anonymous"]) if anonymous else data


def write_review(review: Review, outdir: Path, *, lang: str = "en", anonymous: bool = False,
                 json_only: bool = False) -> list[Path]:
    """Write ``review.json`` and ``review.pdf`` into ``outdir``; return the paths written."""
    from keykis.render.engine import PdfJob, render_html, write_atomic, write_pdf

    data = review_data(review, lang=lang, anonymous=anonymous)
    json_path, pdf_path = outdir / "review.json", outdir / "review.pdf"
    write_atomic(json_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    if json_only:
        return [json_path]
    html = render_html("study/review.html.j2", r=data, l=labels(lang), lang=lang, anonymous=anonymous,
                       h=heading(data["case"], lang, labels(lang)["review_title"]), text_lang=data["case"]["language"])
    write_pdf(PdfJob(html=html, target=pdf_path, stylesheets=STYLESHEETS))
    return [json_path, pdf_path]


def feedback_text(entry: dict[str, Any], lang: str, *, limit: int = 5) -> str:
    """The gradebook's feedback: status, grade and rubric, the instructor's comment, then the first findings."""
    words = labels(lang)
    parts = [words[f"status_{entry['status']}"]]
    if entry.get("marks"):
        grade = f"{entry['grade']:g}/{entry['grade_best']:g}" if entry["grade"] is not None else words["grade_open"]
        parts.append(f"{words['grade']}: {grade}")
        parts += [f"{m['name']}: {_points(m['points'])}/{m['best']:g}" for m in entry["marks"]]
    if entry.get("comment"):
        parts.append(entry["comment"])
    shown = [f for f in entry["findings"] if f["severity"] != "info"][:limit]
    parts += [f"{words['line']} {f['line']}: {f['message']}" for f in shown]
    rest = sum(f["severity"] != "info" for f in entry["findings"]) - len(shown)
    if rest > 0:
        parts.append(f"(+{rest})")
    return "; ".join(parts)


BOARD_LIMITS = {"max_owners": 9, "max_kinds": 3, "max_texts": 3}
"""What the board shows at most, so that it stays one page: owners, contradictions per owner, formulations each."""


def write_board(review: Review, outdir: Path, *, lang: str = "en") -> Path:
    """Write ``board.pdf``: one landscape page of the class's problems by owner and contradiction, to project."""
    from keykis.render.engine import PdfJob, render_html, write_pdf

    data = review_data(review, lang=lang, anonymous=True)
    target = outdir / "board.pdf"
    html = render_html("study/board.html.j2", r=data, l=labels(lang), lang=lang, **BOARD_LIMITS,
                       h=heading(data["case"], lang, labels(lang)["board_title"]))
    write_pdf(PdfJob(html=html, target=target, stylesheets=("study/board.css",)))
    return target


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def write_csv(review: Review, target: Path, *, lang: str = "en", dialect: str = "comma") -> Path:
    """Write the gradebook CSV: a row per student with an ID number used once (``keykis.study.gradebook``)."""
    from keykis.render.engine import write_atomic

    data = review_data(review, lang=lang)
    by_file = {e["file"]: e for e in data["students"]}
    how = DIALECTS[dialect]
    rows = []
    for row in data["gradebook"]["rows"]:
        e = by_file[row["file"]]
        grade = "" if e.get("grade") is None else number(e["grade"], how)
        rows.append([row["id"], row["name"], grade, feedback_text(e, lang)])
    write_atomic(target, csv_text(rows, how, data["gradebook"]["columns"]))
    return target


def feedback_name(entry: dict[str, Any], taken: set[str]) -> str:
    """A file name for a student's feedback PDF: the worksheet's name, made unique."""
    stem = re.sub(r"[^\w.-]+", "_", Path(entry["file"]).stem).strip("._") or "worksheet"
    name_, n = f"{stem}.pdf", 2
    while name_ in taken:
        name_, n = f"{stem}-{n}.pdf", n + 1
    taken.add(name_)
    return name_


def write_feedback(review: Review, folder: Path, *, lang: str = "en") -> list[Path]:
    """One feedback PDF per worksheet (counted or not): findings, and the chain against the author's."""
    from keykis.render.engine import PdfJob, render_html, write_pdf

    data = review_data(review, lang=lang)
    words = labels(lang)
    taken: set[str] = set()
    out = []
    for e in data["students"]:
        target = folder / feedback_name(e, taken)
        html = render_html("study/feedback.html.j2", r=data, e=e, l=words, lang=lang, author_total=data["author"].get("total"),
                           h=heading(data["case"], lang, words["feedback_title"]), text_lang=data["case"]["language"])
        write_pdf(PdfJob(html=html, target=target, stylesheets=STYLESHEETS))
        out.append(target)
    return out


def worksheet_context(ws: Worksheet, case: Case | None, lang: str) -> dict[str, Any]:
    """What the worksheet template prints: people, the chain, the fields and the matrix."""
    m = method()
    view = ws.as_case(case) if case else None
    actor = (lambda a: case.public_name(a)) if case else (lambda a: a)
    raw = ws.data.get("matrix")
    matrix: dict[str, Any] = raw if isinstance(raw, dict) else {}
    fields: dict[str, dict[str, Any]] = {}
    for f in STUDENT_FIELDS:
        fld: dict[str, Any] = matrix[f] if isinstance(matrix.get(f), dict) else {}
        items = [_item(i) for i in fld.get("items") or [] if isinstance(i, dict)]
        fields[f] = {"chosen": fld.get("chosen"), "items": items}
    table = view.scores() if view else {}
    from keykis.render.graph_dot import item_code
    from keykis.study.review import case_head

    head = case_head(case) if case else {"title": "", "language": lang}
    printed = printed_names(head, lang)
    printed.update({str(s.get("id")): item_code("solutions", i, lang) for i, s in enumerate(fields["solutions"]["items"])})
    criteria = [{"id": str(c.get("id")), "text": str(c.get("text", ""))} for c in (case.criteria() if case else [])]
    rows = [{"id": sid, "cells": [row.get(c["id"], {}).get("score") for c in criteria], "total": score_total(row)}
            for sid, row in table.items()]
    return {
        "h": heading(head, lang, labels(lang)["worksheet_title"]), "printed": printed,
        "text_lang": str(ws.head.get("language") or (case.language if case else lang)),
        "ws": ws, "case": case, "fields": fields, "actor": actor, "criteria": criteria, "rows": rows,
        "strategy": lambda ids: " + ".join(name(m.strategies[s], lang) if s in m.strategies else str(s) for s in ids),
        "resource": lambda k: name(m.resource_kinds[k], lang) if k in m.resource_kinds else str(k),
        "chosen": {f: next((i for i in fields[f]["items"] if i.get("id") == fields[f]["chosen"]), None)
                   for f in STUDENT_FIELDS},
        "choice_reason": (ws.data.get("decision") or {}).get("choice_reason") if isinstance(
            ws.data.get("decision"), dict) else None,
        "defence": ws.data.get("defence") or "",
        "reasons": {sid: {cid: {"score": cell.get("score"), "reason": cell.get("reason") or ""}
                          for cid, cell in row.items()} for sid, row in table.items()},
        "task_parts": ("what", "who", "to_whom", "when", "where", "how_much", "means", "requirements", "report"),
        "solution_parts": ("risks", "opportunities", "budget", "innovation", "forecast", "discipline"),
    }


def _item(raw: dict[str, Any]) -> dict[str, Any]:
    """A matrix item with every key the template reads (missing ones empty)."""
    c = raw.get("contradiction") if isinstance(raw.get("contradiction"), dict) else {}
    return {
        **{k: "" for k in ("id", "text", "owner")}, **{k: [] for k in ("resources", "strategy", "directed_at")},
        **raw, "contradiction": {"text": c.get("text", ""), "between": c.get("between") or []} if c else None,
    }


def write_worksheet_pdf(ws: Worksheet, case: Case | None, target: Path, *, lang: str = "en",
                        findings: list[Finding] | None = None) -> Path:
    """Write the worksheet as a PDF for submission; return the path."""
    from keykis.render.engine import PdfJob, render_html, write_pdf

    html = render_html("study/worksheet.html.j2", l=labels(lang), cl=section("edition", lang), lang=lang,
                       findings=findings or [],
                       **worksheet_context(ws, case, lang))
    write_pdf(PdfJob(html=html, target=target, stylesheets=STYLESHEETS))
    return target
