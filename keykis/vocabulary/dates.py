"""Dates as each language writes them: «7 декабря 2026 г.», «2026 жылғы 7 желтоқсан», «7 December 2026».

Every printed page (the editions, the worksheet, the review, the feedback, the
catalogue) prints a date through :func:`long_date`; the month names and the
order of the parts are words of the catalogues (``date`` in ``ru.yaml``,
``kk.yaml``, ``en.yaml``). A case file keeps its dates as written
(``2026-12-07``); a value that is not a calendar date is printed as it is.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from keykis.vocabulary import catalogue

_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.+Z-]*)?")
"""``2026-12-07``, ``2026-12`` and a timestamp's date part (``2026-12-07T10:30:00``)."""


def long_date(value: object, lang: str) -> str:
    """``value`` (a date, or its ISO text ``2026-12-07`` or ``2026-12``) as ``lang`` writes it.

    >>> long_date("2026-12-07", "ru"), long_date("2026-12-07", "kk"), long_date("2026-12", "en")
    ('7\\xa0декабря 2026\\xa0г.', '2026\\xa0жылғы 7\\xa0желтоқсан', 'December 2026')

    Anything else (free text «осень 2023», an impossible day «2026-02-30»,
    nothing) comes back as written, so no value is lost on the page.
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        year, month, day = value.year, value.month, value.day
    else:
        text = str(value).strip()
        match = _ISO.fullmatch(text)
        if match is None:
            return str(value)
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else 0
        try:
            date(year, month, day or 1)
        except ValueError:
            return str(value)
    words = catalogue(lang)["date"]
    if not day:
        return str(words["month_year"]).format(month=words["months_alone"][month - 1], year=year)
    return str(words["day"]).format(day=day, month=words["months"][month - 1], year=year)


__all__ = ["long_date"]
