"""The gradebook: one row per student that Moodle's CSV grade import maps as it is.

Moodle identifies the user of each row by one column (here the student's ID
number), reads the grade as a number (``''`` or ``-`` for none) and the
feedback as text. A row with a blank identifier is not skipped by Moodle: it
is credited to the user of the row before it, and an identifier it does not
know stops the whole import. So a row is written only for a student with an
ID number, and an ID number that two rows would share is refused: the
students concerned are listed in the review instead (``needs_id``,
``duplicates``), never guessed at.

Text cells that a spreadsheet would read as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) get a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
IDENTIFIERS = {"ids": "ID number", "usernames": "Username", "emails": "Email address"}
"""The identifier columns, by the worksheet field they come from: Moodle's user fields ID number
(``useridnumber``), username and email address (``useremail``). The gradebook uses the one most students
have (ID number on a tie)."""
IDENTIFIER = IDENTIFIERS["ids"]
COLUMNS = (IDENTIFIER, "Full name", "Grade", "Feedback")
"""The columns of the gradebook CSV with ID numbers (docs/instructor-guide.md gives Moodle's mapping)."""


@dataclass(frozen=True)
class Dialect:
    """How the CSV separates fields and writes decimals."""

    name: str
    delimiter: str
    decimal: str


DIALECTS = {"comma": Dialect("comma", ",", "."), "semicolon": Dialect("semicolon", ";", ",")}
"""``comma``: comma-separated, decimal point; ``semicolon``: for spreadsheets set to decimal comma (ru, kk)."""


def neutralise(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def number(value: float, dialect: Dialect) -> str:
    """A grade as the dialect writes it (``14``, ``12.5`` or ``12,5``)."""
    text = f"{value:g}"
    return text.replace(".", dialect.decimal)


def plan(students: list[dict[str, Any]]) -> dict[str, Any]:
    """Who gets a row and who cannot, from the review's ``students`` (JSON form).

    The identifier is the field most students have: ID number, else username,
    else e-mail (``identifier``, and ``columns`` headed by its Moodle name).
    Returns ``rows`` (id, name, file: one per student with an identifier used
    once), ``needs_id`` (name, file, label: students without an ID number, and
    files that name no student at all) and ``duplicates`` (id, names, files,
    ``different``: True when the ID number is given to different names — an
    error of the review; False when one student is named in several files).
    """
    have = {f: sum(1 for e in students for v in e.get(f) or [] if str(v).strip()) for f in IDENTIFIERS}
    key = max(IDENTIFIERS, key=lambda f: (have[f], -list(IDENTIFIERS).index(f)))
    seen: dict[str, list[tuple[str, str]]] = {}
    needs_id: list[dict[str, str]] = []
    order: list[tuple[str, str, str]] = []
    for e in students:
        names = e["students"] or []
        given = list(e.get(key) or [])
        ids = given + [""] * (len(names) - len(given))
        if not names:
            needs_id.append({"name": "", "file": e["file"], "label": e["label"]})
            continue
        for name, sid in zip(names, ids, strict=False):
            sid = str(sid).strip()
            if not sid:
                needs_id.append({"name": name, "file": e["file"], "label": e["label"]})
                continue
            seen.setdefault(sid, []).append((name, e["file"]))
            order.append((sid, name, e["file"]))
    duplicates = []
    for sid, who in seen.items():
        if len(who) > 1:
            names = sorted({n for n, _ in who})
            duplicates.append({"id": sid, "names": names, "files": [f for _, f in who],
                               "different": len({" ".join(n.casefold().split()) for n in names}) > 1})
    refused = {d["id"] for d in duplicates}
    rows = [{"id": sid, "name": name, "file": file} for sid, name, file in order if sid not in refused]
    return {"identifier": key, "columns": [IDENTIFIERS[key], *COLUMNS[1:]], "rows": rows, "needs_id": needs_id,
            "duplicates": duplicates}


def csv_text(rows: list[list[str]], dialect: Dialect, columns: tuple[str, ...] | list[str] = COLUMNS) -> str:
    """The CSV text, UTF-8 BOM first (so spreadsheets and Moodle read it as UTF-8), CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=dialect.delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(cell) if n != 2 else cell for n, cell in enumerate(row)])
    return BOM + buf.getvalue()
