"""The print check's measures of words on the page: what a reader should never find in the text.

Read from the text ``pdftotext`` extracts (lines in reading order, pages
separated by form feeds):

* hanging short words: a line of running text ending on a one-letter word
  («в», «и», "a"), which Russian and Kazakh typesetting never leaves at a line end;
* lines starting with a dash (the dash belongs at the end of the line before);
* page-break hyphens: a page whose last line of text ends in a word broken
  by a hyphen, the word finished on the next page;
* stranded notes: a page that opens on an exhibit's source line or a table's
  key, left behind by the exhibit or table above it on the page before;
* printed internals: a rule id of ``keykis check``, a case's id or folder name
  (``ozerny-service-centre``) or an absolute file path;
* answer text in a student handout: any sentence of what ``schemas/study.yaml``
  hides from students (the author's problems, tasks, solutions, decision,
  conclusion, abstract, guidelines, later narrative) found in the handout;

Texts are compared by their letters and digits only, so a word hyphenated at
a line end, a no-break space or a quotation mark changed by the typesetter
does not hide a sentence.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from keykis.audience import answer_texts, student_view
from keykis.gate import TypedCase, require_types
from keykis.model import Case, YamlPath

MIN_WORDS = 5
"""A piece of an answer this long (in words) found in a handout counts as leaked; shorter ones occur by chance."""
_PIECES = re.compile(r"[.!?;:\[\]()\n]+")
_NOT_LETTER = re.compile(r"[\W_]+")


def letters(text: str) -> str:
    """``text`` lower-cased with everything but letters and digits removed."""
    return _NOT_LETTER.sub("", text.lower())


ITEMS = ("problems", "tasks", "solutions")
"""Matrix fields whose items' texts are answers even where the student's view repeats them."""


def _pieces(text: str) -> Iterator[str]:
    """The sentences (and bracket-free pieces) of ``text`` long enough to look for."""
    for piece in _PIECES.split(re.sub(r"[*_`]", "", text)):
        piece = piece.strip(" ,—-")
        if len(piece.split()) >= MIN_WORDS:
            yield piece


def answer_pieces(case: TypedCase) -> list[str]:
    """The sentences (and bracket-free pieces) of the case's answer texts that are long enough to look for.

    A piece the student's view itself holds (a hidden narrative repeating a
    time and place that students read anyway) is not an answer, unless it is
    the text of one of the author's problems, tasks or solutions (:data:`ITEMS`):
    a closing or a situation that copies the chosen solution gives it away.
    """
    visible = letters(" ".join(text for _, text in student_view(case).iter_texts()))
    items = {letters(piece) for field in ITEMS for item in case.items(field) for piece in _pieces(str(item.get("text") or ""))}
    pieces: list[str] = []
    for text in answer_texts(case):
        for piece in _pieces(text):
            if piece not in pieces and (letters(piece) in items or letters(piece) not in visible):
                pieces.append(piece)
    return pieces


def leaked_answers(printed: str, case: TypedCase) -> list[str]:
    """The pieces of ``case``'s answers that appear in ``printed`` (the text of its handout)."""
    page = letters(printed)
    return [p for p in answer_pieces(case) if letters(p) in page]


MIN_LINE = 25
"""Lines shorter than this (headings, table cells, list labels) are not running text."""
_HANGING = re.compile(r"(?:^|\s)([^\W\d_])$")
_DASH_START = re.compile(r"^[\u2014\u2013]\s")
_BROKEN_END = re.compile(r"[^\W\d_][-\u2010\u00ad]$")
_PATH = re.compile(r"(?<![\w:/.])/(?:[\w.-]+/){2,}[\w.-]*")
_FOLIO = re.compile(r"^\d{1,4}$")


@dataclass
class Words:
    """What the words of one PDF measure."""

    hanging: list[str] = field(default_factory=list)
    """Lines of running text ending on a one-letter word (their last 30 characters)."""
    dash_starts: list[str] = field(default_factory=list)
    """Lines starting with a dash."""
    break_hyphens: list[int] = field(default_factory=list)
    """Pages whose last line of text ends in a hyphenated word."""
    stranded: list[int] = field(default_factory=list)
    """Pages opening on an exhibit's source line or a table's key."""
    internals: list[str] = field(default_factory=list)
    """Rule ids, case ids (slugs) and absolute paths printed."""
    leaked: list[str] = field(default_factory=list)
    """Answer texts printed in a student handout."""


@cache
def _rule_ids() -> frozenset[str]:
    from keykis.method import method

    return frozenset(str(r) for r in method().rules if "-" in str(r))


@cache
def _case_ids() -> frozenset[str]:
    """Ids and folder names of the bundled cases, which a page never prints (it prints the case's title)."""
    from keykis.model import load_case
    from keykis.paths import cases_dir

    folders = [p.parent for p in cases_dir().glob("*/case.yaml")]
    return frozenset({f.name for f in folders} | {load_case(f).id for f in folders})


@cache
def _note_starts() -> tuple[str, ...]:
    """How a source line or a table's key begins, in every language (vocabulary ``edition``)."""
    from keykis.vocabulary import LANGS, say

    return tuple([say(f"edition.{key}", lang) + ":" for lang in LANGS for key in ("exhibit_source", "legend", "criteria_key")]
                 + [say("edition.relations_key", lang) for lang in LANGS])


def _body(page: str) -> list[str]:
    """The page's lines without the running head (first line) and the folio."""
    lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
    if lines and _FOLIO.match(lines[-1]):
        lines = lines[:-1]
    return lines[1:] if len(lines) > 1 else lines


def measure(text: str, *, first_page_has_head: bool = False) -> Words:
    """The word measures of a PDF's extracted text (pages separated by form feeds)."""
    words = Words()
    pages = text.split("\f")
    rules = _rule_ids() | _case_ids()
    for number, page in enumerate(pages, 1):
        lines = _body(page) if number > 1 or first_page_has_head else [
            ln.strip() for ln in page.splitlines() if ln.strip() and not _FOLIO.match(ln.strip())]
        for line in lines:
            tokens = line.split()
            if sum(len(t) == 1 for t in tokens) * 2 > len(tokens):
                continue  # a letter-spaced line («К Е Й С»): a kind or a heading, not running text
            if len(line) >= MIN_LINE and _HANGING.search(line):
                words.hanging.append(line[-30:])
            if _DASH_START.match(line):
                words.dash_starts.append(line[:30])
        if lines and number < len(pages) and _BROKEN_END.search(lines[-1]) and len(lines[-1]) >= MIN_LINE:
            words.break_hyphens.append(number)
        if number > 1 and lines and lines[0].startswith(_note_starts()):
            words.stranded.append(number)
        for token in re.findall(r"[\w./-]+", page):
            if token in rules or _PATH.fullmatch(token):
                words.internals.append(token)
    return words


def attached_case(pdf: Path) -> TypedCase | None:
    """The public case file an archival edition carries (``case.yaml`` attached to ``pdf``), or None."""
    import pikepdf

    from keykis import yamlsafe

    if not pdf.is_file():
        return None
    with pikepdf.open(pdf) as doc:
        attached = doc.attachments.get("case.yaml")
        if attached is None:
            return None
        source = attached.get_file().read_bytes().decode("utf-8")
    data = yamlsafe.loads(source, str(pdf))
    return require_types(Case(data if isinstance(data, dict) else {}, text=source))


@dataclass(frozen=True)
class Giveaway:
    """An answer a handout would print, and where."""

    piece: str
    """The piece of the answer printed."""
    printed: YamlPath | None
    """The field of the student's view that prints it (the closing, the situation…), when one holds it."""
    answer: YamlPath | None
    """The field of the author's answer it comes from."""


_TAG = re.compile(r"<[^>]*>")
_HEAD = re.compile(r"<head\b.*?</head>", re.S | re.I)


def html_text(page: str) -> str:
    """The text a reader sees of an HTML ``page``: its body without the tags, entities resolved."""
    return html.unescape(_TAG.sub(" ", _HEAD.sub(" ", page)))


def handout_giveaways(printed: str, case: TypedCase) -> list[Giveaway]:
    """The answers of ``case`` (its public copy) that ``printed``, the text of its handout, holds, with where."""
    leaked = leaked_answers(printed, case)
    if not leaked:
        return []
    view = list(student_view(case).iter_texts())
    seen = {path for path, _ in view}
    hidden = [(path, text) for path, text in case.iter_texts() if path not in seen]
    found = []
    for piece in leaked:
        mark = letters(piece)
        printed_at = next((path for path, text in view if mark in letters(text)), None)
        answer_at = next((path for path, text in hidden if mark in letters(text)), None)
        found.append(Giveaway(piece, printed_at, answer_at))
    return found


def handout_leaks(handout: Path, text: str) -> list[str]:
    """Answer texts in ``handout`` (its extracted ``text``), the case read from the research edition beside it.

    The research edition (``case.pdf``) of an archival build carries the public
    case file; without it there is nothing to compare, and nothing is reported.
    """
    case = attached_case(handout.with_name("case.pdf"))
    return [] if case is None else leaked_answers(text, case)


__all__ = ["Giveaway", "Words", "answer_pieces", "attached_case", "handout_giveaways", "handout_leaks", "html_text",
           "leaked_answers", "letters", "measure"]
