"""A reader of gradebook CSV files that applies the rules of Moodle's CSV grade import.

Written from Moodle's ``grade/import/csv/classes/load_data.php`` and its CSV
reader, not from keykis: the file is read as the import reads it (UTF-8, a
leading byte-order mark dropped, the separator chosen on the import form),
each line with more than one cell is a student's row, every cell is trimmed,
the user is found by the one column mapped to a user field, and the grade
must be empty, ``-`` or a number in the site's decimal notation. Where Moodle
would stop the import (an identifier it cannot map) or quietly credit the
wrong person (a blank identifier keeps the previous row's user), this reader
refuses the file, and so does it for an identifier used twice. It has not
been compared with a live Moodle.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass


class ImportRefused(Exception):
    """The import would stop, or would grade the wrong person."""


@dataclass
class Imported:
    header: list[str]
    grades: dict[str, float | None]
    feedback: dict[str, str]


def read_gradebook(raw: bytes, *, separator: str = ",", decimal: str = ".", identifier: str = "ID number",
                   grade: str = "Grade", feedback: str = "Feedback", known: set[str] | None = None) -> Imported:
    """Import ``raw`` as Moodle would with the given mapping; raise ``ImportRefused`` where it must not go on."""
    if not raw.startswith(b"\xef\xbb\xbf"):
        raise ImportRefused("no UTF-8 byte-order mark: spreadsheets open the file in the local code page")
    text = raw.decode("utf-8")[1:]
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    header = [h.strip() for h in lines[0]]
    for column in (identifier, grade, feedback):
        if column not in header:
            raise ImportRefused(f"no column {column!r} to map")
    at = {name: header.index(name) for name in (identifier, grade, feedback)}
    grades: dict[str, float | None] = {}
    notes: dict[str, str] = {}
    number = re.compile(r"-?\d+(" + re.escape(decimal) + r"\d+)?")
    for n, line in enumerate(lines[1:], 2):
        if len(line) <= 1:
            continue
        cells = [c.strip() for c in line]
        if len(cells) != len(header):
            raise ImportRefused(f"line {n}: {len(cells)} cells for {len(header)} columns")
        key = cells[at[identifier]]
        if not key:
            raise ImportRefused(f"line {n}: blank identifier (Moodle would credit the previous row's user)")
        if key in grades:
            raise ImportRefused(f"line {n}: identifier {key!r} used twice")
        if known is not None and key not in known:
            raise ImportRefused(f"line {n}: no user with identifier {key!r} (the import stops)")
        value = cells[at[grade]]
        if value in ("", "-"):
            grades[key] = None
        elif number.fullmatch(value):
            grades[key] = float(value.replace(decimal, "."))
        else:
            raise ImportRefused(f"line {n}: grade {value!r} is not a number")
        notes[key] = cells[at[feedback]]
    return Imported(header, grades, notes)
