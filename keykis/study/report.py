"""Printed study documents: the class review and a student's worksheet.

Both go through the render module's single Jinja environment (autoescape on,
the same safe Markdown filters as case text) and its WeasyPrint setup, so
student text gets the same protections as case text. Charts are drawn with
matplotlib as SVG (text kept as text, so it can be searched in the PDF) and
served to WeasyPrint as in-memory assets.
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

from keykis import yamlsafe
from keykis.check.findings import Finding
from keykis.check.rules.decision import scores, total
from keykis.method import method, name
from keykis.model import Case
from keykis.paths import templates_dir
from keykis.study.review import SCORE_RANGE, Review
from keykis.study.worksheet import STUDENT_FIELDS, Worksheet

STYLESHEET = "study/study.css"
_INK, _ACCENT, _PALE = "#333333", "#1f4e79", "#9db3c8"


@cache
def _labels() -> dict[str, dict[str, str]]:
    data, _ = yamlsafe.load_mapping(templates_dir() / "study" / "labels.yaml")
    return data["labels"]  # type: ignore[no-any-return]


def labels(lang: str) -> dict[str, str]:
    """The review and worksheet words in ``lang``."""
    return {k: v.get(lang) or v["en"] for k, v in _labels().items()}


def _svg(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buf.getvalue()


def _rc() -> dict[str, Any]:
    return {"svg.fonttype": "none", "svg.hashsalt": "keykis", "font.family": ["PT Sans", "DejaVu Sans"],
            "font.size": 9, "axes.edgecolor": _INK, "axes.spines.top": False, "axes.spines.right": False}


def bar_chart(rows: list[dict[str, Any]], *, width: float = 6.0) -> bytes:
    """A horizontal bar chart of counts; the author's choices darker, marked with a star."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_rc()):  # type: ignore[arg-type]
        fig = Figure(figsize=(width, 0.35 * len(rows) + 0.5))
        ax = fig.add_subplot()
        names = [("★ " if r["author"] else "") + _short(r["name"]) for r in rows][::-1]
        counts = [r["count"] for r in rows][::-1]
        colours = [_ACCENT if r["author"] else _PALE for r in rows][::-1]
        bars = ax.barh(names, counts, color=colours)
        ax.bar_label(bars, padding=2)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        return _svg(fig)


def score_chart(rows: list[dict[str, Any]], *, width: float = 6.0) -> bytes:
    """Stacked bars: how many worksheets gave each score (−2…+2) to each goal or value."""
    import matplotlib
    from matplotlib.figure import Figure

    shades = ["#b2182b", "#ef8a62", "#cccccc", "#67a9cf", "#2166ac"]
    with matplotlib.rc_context(_rc()):  # type: ignore[arg-type]
        fig = Figure(figsize=(width, 0.45 * len(rows) + 0.9))
        ax = fig.add_subplot()
        names = [_short(f"{r['id']}: {r['text']}", 40) for r in rows][::-1]
        left = [0] * len(rows)
        for score, shade in zip(SCORE_RANGE, shades, strict=True):
            counts = [r["counts"][str(score)] for r in rows][::-1]
            ax.barh(names, counts, left=left, color=shade, label=f"{score:+d}" if score else "0")
            left = [a + b for a, b in zip(left, counts, strict=True)]
        ax.legend(ncols=5, loc="upper center", bbox_to_anchor=(0.5, -0.05), frameon=False)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        return _svg(fig)


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def review_charts(data: dict[str, Any]) -> dict[str, bytes]:
    """SVG charts for a review (its JSON form), by name, only for parts that have data."""
    out = {}
    for key in ("problems", "contradictions", "tasks", "strategies", "targets"):
        if data[key]:
            out[key] = bar_chart(data[key])
    if any(sum(r["counts"].values()) for r in data["scores"]):
        out["scores"] = score_chart(data["scores"])
    return out


def write_review(review: Review, outdir: Path, *, lang: str = "en") -> tuple[Path, Path]:
    """Write ``review.json`` and ``review.pdf`` into ``outdir``; return both paths."""
    from keykis.render.engine import PdfJob, render_html, write_atomic, write_pdf
    from keykis.render.fetcher import asset_url

    words = labels(lang)
    data = review.as_dict()
    for row in data["tasks"]:
        if row["id"] == "own":
            row["name"] = words["own_task"]
    charts = review_charts(data)
    json_path, pdf_path = outdir / "review.json", outdir / "review.pdf"
    write_atomic(json_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    html = render_html("study/review.html.j2", r=data, l=words, lang=lang,
                       charts={k: asset_url(f"{k}.svg") for k in charts})
    assets = {f"{k}.svg": (svg, "image/svg+xml") for k, svg in charts.items()}
    write_pdf(PdfJob(html=html, target=pdf_path, assets=assets, stylesheets=(STYLESHEET,)))
    return json_path, pdf_path


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
    table = scores(view) if view else {}
    criteria = [{"id": str(c.get("id")), "text": str(c.get("text", ""))} for c in (case.criteria() if case else [])]
    rows = [{"id": sid, "cells": [row.get(c["id"], {}).get("score") for c in criteria], "total": total(row)}
            for sid, row in table.items()]
    return {
        "ws": ws, "case": case, "fields": fields, "actor": actor, "criteria": criteria, "rows": rows,
        "strategy": lambda ids: " + ".join(name(m.strategies[s], lang) if s in m.strategies else str(s) for s in ids),
        "resource": lambda k: name(m.resource_kinds[k], lang) if k in m.resource_kinds else str(k),
        "chosen": {f: next((i for i in fields[f]["items"] if i.get("id") == fields[f]["chosen"]), None)
                   for f in STUDENT_FIELDS},
        "choice_reason": (ws.data.get("decision") or {}).get("choice_reason") if isinstance(
            ws.data.get("decision"), dict) else None,
        "defence": ws.data.get("defence") or "",
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

    html = render_html("study/worksheet.html.j2", l=labels(lang), lang=lang, findings=findings or [],
                       **worksheet_context(ws, case, lang))
    write_pdf(PdfJob(html=html, target=target, stylesheets=(STYLESHEET,)))
    return target
