"""One table of references (schemas/references.yaml): the rename follows every place, the docs list them all."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from keykis.casefile import open_case
from keykis.check import check_case
from keykis.model import Case
from keykis.paths import schemas_dir
from keykis.references import references, table
from keykis.yamlsafe import loads

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "cases").glob("*/case.yaml"))


def comment_lines(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if re.match(r"^\s*#|.*\s#\s", line)]


def places_of(data: object, ident: str) -> list[tuple[str, bool]]:
    return sorted((place.at, is_key) for _, value, place, is_key in references(data) if value == ident)


def id_path(data: dict, ident: str) -> tuple[str | int, ...]:
    for lists in table().kinds.values():
        for dotted in lists:
            node: object = data
            for key in dotted:
                node = node.get(key) if isinstance(node, dict) else None
            for i, item in enumerate(node if isinstance(node, list) else ()):
                if isinstance(item, dict) and item.get("id") == ident:
                    return (*dotted, i, "id")
    raise AssertionError(f"{ident} is declared nowhere")


def rename_everywhere(file: Path, old: str, new: str) -> int:
    doc = open_case(file)
    doc.set(id_path(doc.case().data, old), new)
    moved = doc.rename_id(old, new)
    doc.save()
    return moved


@pytest.mark.slow
@pytest.mark.parametrize("file", BUNDLED, ids=lambda f: f.parent.name)
def test_a_rename_of_each_kind_moves_every_reference_and_keeps_every_comment(file: Path, tmp_path: Path) -> None:
    work = tmp_path / file.parent.name / "case.yaml"
    shutil.copytree(file.parent, work.parent)
    before_text = work.read_text(encoding="utf-8")
    before = loads(before_text)
    renamed = []
    for kind in table().kinds:
        referenced = {value for _, value, place, _ in references(before) if place.names == kind and isinstance(value, str)}
        declared = [item["id"] for dotted in table().kinds[kind] for item in _items(before, dotted)]
        old = next((i for i in declared if i in referenced), None)
        if old is None:
            continue
        new = f"{old}-renamed"
        text_before = work.read_text(encoding="utf-8")
        data_before = loads(text_before)
        where = places_of(data_before, old)
        assert rename_everywhere(work, old, new) == len(where)
        text = work.read_text(encoding="utf-8")
        data = loads(text)
        assert places_of(data, old) == [], (kind, old)
        assert places_of(data, new) == where, (kind, old)
        assert comment_lines(text) == comment_lines(text_before)
        renamed.append(kind)
    assert {"actors", "problems", "tasks", "solutions", "criteria"} <= set(renamed)
    unresolved = [f for f in check_case(Case(loads(work.read_text(encoding="utf-8"))), lang="en") if f.rule == "unresolved-id"]
    assert unresolved == []


def _items(data: dict, dotted: tuple[str | int, ...]) -> list[dict]:
    node: object = data
    for key in dotted:
        node = node.get(key) if isinstance(node, dict) else None
    return [i for i in node if isinstance(i, dict) and isinstance(i.get("id"), str)] if isinstance(node, list) else []


EVERY_PLACE = """\
# A case that names its parts from every place the table lists
keykis: 1
id: every-place
language: en
actors:
  - id: akim  # heads the district
    name: The district's head
    kind: person
  - id: office
    name: The district office
    kind: group
    members: [akim]  # the head sits in it
objects:
  - id: budget
    name: Local budget
    owner: akim
    influenced_by:
      - akim
relations:
  - {id: r1, from: akim, to: office, type: authority}
# Step 5
main_actor: akim
characters: [akim, office]
opening:
  protagonist: akim  # faces the decision
goals:
  - {id: g1, text: Shorter queues.}
matrix:
  questions:
    items: [{id: q1, text: Can the office shorten the queue?}]
    chosen: q1
  problems:
    items:
      - {id: p1, text: The queue grew., owner: akim}
    chosen: p1
  tasks:
    items:
      - {id: t1, text: Open a second window., problem: p1, who: office}
    chosen: t1
  solutions:
    items:
      - id: s1
        text: A second window on Saturdays.
        task: t1
        directed_at: [akim, office]  # both must agree
    chosen: s1
# Step 21
decision:
  scores:
    s1:
      g1: {score: 2}
  matrices:
    - scores:
        s1: {g1: {score: 1}}  # the second round
guidelines:
  objectives:
    main: [{id: o1, text: Find the contradiction.}]
  questions:
    - {id: dq1, text: Who decides?, objectives: [o1]}
  assignments:
    - {id: a1, text: Write a memo., objectives: [o1]}
  session:
    plan:
      - {minutes: 10, objectives: [o1], questions: [dq1]}
"""


def test_every_place_of_the_table_follows_a_rename(tmp_path: Path) -> None:
    file = tmp_path / "every-place" / "case.yaml"
    file.parent.mkdir()
    file.write_text(EVERY_PLACE, encoding="utf-8")
    covered = {place.at for _, _, place, _ in references(loads(EVERY_PLACE))}
    assert covered == {place.at for place in table().places}, "the sample names every place of the table"
    for old, new in (("akim", "head"), ("p1", "queue"), ("t1", "window"), ("s1", "saturday"), ("g1", "shorter"),
                     ("q1", "can-it"), ("o1", "contradiction"), ("dq1", "who-decides")):
        rename_everywhere(file, old, new)
    text = file.read_text(encoding="utf-8")
    expected = EVERY_PLACE
    for old, new in (("akim", "head"), ("p1", "queue"), ("t1", "window"), ("s1", "saturday"), ("g1", "shorter"),
                     ("q1", "can-it"), ("o1", "contradiction"), ("dq1", "who-decides")):
        expected = re.sub(rf"\b{old}\b", new, expected)
    # a longer id may pull a comment that followed it closer (its column is kept where it can be)
    assert re.sub(r" +#", " #", text) == re.sub(r" +#", " #", expected)


def test_the_docs_list_every_place_of_the_table() -> None:
    section = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8").split("## Ids and references", 1)[1]
    listed = re.findall(r"^\| `([^`]+)` \|", section.split("\n## ", 1)[0], flags=re.M)
    assert listed == [place.at for place in table().places]
    assert (schemas_dir() / "references.yaml").is_file()
