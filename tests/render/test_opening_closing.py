"""The printed case opens on its hook and ends its body on the decision left to the class."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from keykis.model import load_case
from keykis.render import RenderResult
from keykis.vocabulary import say
from tests.helpers import EXAMPLE
from tests.render.pdfread import text

pytestmark = pytest.mark.slow  # every test reads the example case rendered (a whole render, over 5 CPU seconds)


def _flat(pdf: Path) -> str:
    """The PDF's text with hyphenated line ends joined again."""
    return re.sub(r"[\u2010-](?= )\s", "", text(pdf))


def _plain(markdown: str) -> str:
    return " ".join(markdown.split())


def test_the_case_opens_with_the_hook_right_after_the_title_block(example_render: tuple[Path, RenderResult]) -> None:
    case = load_case(EXAMPLE.parent)
    printed = _flat(example_render[0] / "case.pdf")
    hook = _plain(case.data["opening"]["text"])
    rights = case.data["meta"].get("rights") or say("edition.rights_default", "ru")
    start = printed.index(hook[:80])
    assert printed[:start].rstrip().endswith(rights)
    assert printed.index(hook) < printed.index(say("edition.abstract", "ru") + ".")


def test_the_body_ends_with_the_decision_before_the_back_matter(example_render: tuple[Path, RenderResult]) -> None:
    case = load_case(EXAMPLE.parent)
    printed = _flat(example_render[0] / "case.pdf")
    heading = say("edition.closing_decision", "ru")
    question = _plain(case.data["closing"]["question"])
    last_step = printed.rindex(say("edition.values", "ru"))
    at = printed.index(heading)
    assert last_step < at < printed.index(_plain(case.data["closing"]["text"])[:80]) < printed.index(question)
    after = printed[printed.index(question) + len(question):]
    assert re.match(r"\s*\d+\.\s+" + re.escape(say("edition.disciplines", "ru")), after), after[:80]


def test_the_teaching_note_does_not_reprint_them(example_render: tuple[Path, RenderResult]) -> None:
    case = load_case(EXAMPLE.parent)
    note = _flat(example_render[0] / "guidelines.pdf")
    assert _plain(case.data["closing"]["question"]) not in note
