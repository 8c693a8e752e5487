"""Size: the case against its kind (mini about 5 pages, case 15-25) and teacher guidelines of at least 5 pages.

``keykis check`` estimates printed A4 pages without rendering, from the characters of what
each part prints and a per-language calibration against real renders (``page_calibration``
in schemas/rules.yaml, kept within ±15 % of the printed count by tests/render). ``render``
and ``build`` apply the same rule to the real page counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from keykis.check.findings import Hit
from keykis.method import Method, method
from keykis.model import Case, mapping
from keykis.vocabulary import LANGS, in_every_language, label

# What the guidelines proper leave out: the author's analysis is printed from the case itself.
_NOT_CASE = {"guidelines", "reflection", "suppress", "meta", "keykis", "id", "language", "titles"}


def _chars(node: Any) -> int:
    if isinstance(node, str):
        return len(node)
    if isinstance(node, dict):
        return sum(_chars(v) for k, v in node.items() if k not in ("id", "chosen"))
    if isinstance(node, list):
        return sum(_chars(v) for v in node)
    return 0


# What the guidelines' five pages leave out: the reading list (handouts pasted into it are not guidelines).
_NOT_GUIDELINES = {"readings"}
# What the case's size leaves out: the exhibits printed after the text (the article sizes the text).
_NOT_TEXT = {"appendices"}


def guidelines_chars(case: Case) -> int:
    """Characters of the teacher guidelines proper (the sections the article lists, without the readings)."""
    g = case.data.get("guidelines")
    return _chars({k: v for k, v in g.items() if k not in _NOT_GUIDELINES} if isinstance(g, dict) else g)


def case_chars(case: Case) -> int:
    """Characters of the case as printed: the student edition without its exhibits, and the author's analysis."""
    return sum(case.kept("chars", (str(k),), v, (), partial(_chars, v))
               for k, v in case.data.items() if k not in _NOT_CASE | _NOT_TEXT)


def _calibration(m: Method, lang: str, part: str) -> tuple[float, float]:
    cal = mapping(m.page_calibration.get(part))
    per = mapping(cal.get(lang)) or mapping(cal.get("en"))
    return float(per.get("chars_per_page", 2500)), float(per.get("fixed_pages", 0))


def estimate_pages(case: Case, part: str, m: Method | None = None) -> float:
    """Estimated printed A4 pages of ``part`` (``case`` or ``guidelines``), without rendering."""
    m = m or method()
    chars = case_chars(case) if part == "case" else guidelines_chars(case)
    if not chars:
        return 0.0
    per_page, fixed = _calibration(m, case.language, part)
    return fixed + chars / per_page


def size_hits(case: Case, m: Method, *, case_pages: float | None, guidelines_pages: float | None,
              printed: bool = False) -> Iterator[Hit]:
    """The size rules for page counts (estimated by ``check``, printed by ``render``/``build``).

    An estimate is off by up to ``page_estimate_margin`` (a share); ``check`` reports only a
    count outside the limits by more than that, ``render`` and ``build`` any printed count outside.
    """
    if not case.complete:
        return
    margin = 0.0 if printed else float(m.limits.get("page_estimate_margin", 0.0))
    kind = in_every_language("check.size_printed" if printed else "check.size_estimated")
    need = float(m.limits["guidelines_min_pages"])
    if guidelines_pages is not None and case.data.get("guidelines") and guidelines_pages < need * (1 - margin):
        yield Hit("guidelines-size", ("guidelines",), {"pages": _fmt(guidelines_pages), "limit": int(need),
                                                       "how": kind}, key=True)
    size = str(case.meta.get("size") or "")
    span = m.sizes.get(size)
    if case_pages is not None and isinstance(span, list) and len(span) == 2:
        low, high = float(span[0]), float(span[1])
        if not low * (1 - margin) <= case_pages <= high * (1 + margin):
            yield Hit("case-size", ("meta", "size"), {"pages": _fmt(case_pages), "low": int(low),
                                                      "size": {lang: label("size", size, lang) for lang in LANGS},
                                                      "high": int(high), "how": kind})


def _fmt(pages: float) -> str:
    return str(int(pages)) if float(pages).is_integer() else f"{pages:.1f}"


def estimated_size(case: Case, m: Method) -> Iterator[Hit]:
    yield from size_hits(case, m, case_pages=estimate_pages(case, "case", m),
                         guidelines_pages=estimate_pages(case, "guidelines", m))


RULES = [estimated_size]
