"""Order and comments survive every kind of edit: whole files compared before and after."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.casefile import open_case

BEFORE = """\
# Кейс: пример
keykis: 1
id: sample
language: ru
title: Может ли ЦОН сократить очереди?
acknowledgements: Спасибо коллегам.
actors:
  - id: ivanov
    name: Иванов
    kind: person  # руководитель
  - id: sidorov
    name: Сидоров
    kind: person
# Шаг 5
main_actor: ivanov
characters: [ivanov, sidorov]
matrix:
  problems:
    items:
      - id: p1
        owner: sidorov
        text: Очереди.
    # Шаг 12/13
    chosen: p1
decision:
  scores:
    s1:
      g1: {score: 1}
# Шаг 22
conclusion: Итог.
"""


@pytest.fixture
def case(tmp_path: Path) -> Path:
    file = tmp_path / "sample" / "case.yaml"
    file.parent.mkdir()
    file.write_text(BEFORE, encoding="utf-8")
    return file


def _after(case: Path, *edits) -> str:
    doc = open_case(case)
    for edit in edits:
        edit(doc)
    doc.save()
    return case.read_text(encoding="utf-8")


def test_an_emptied_field_keeps_its_key_in_place_and_retyping_fills_it_there(case: Path) -> None:
    emptied = _after(case, lambda d: d.set(("acknowledgements",), ""))
    assert emptied == BEFORE.replace("acknowledgements: Спасибо коллегам.", "acknowledgements: ''")
    retyped = _after(case, lambda d: d.set(("acknowledgements",), "Спасибо."))
    assert retyped == BEFORE.replace("Спасибо коллегам.", "Спасибо.")


def test_a_new_item_goes_after_the_last_and_the_next_keys_comment_stays_put(case: Path) -> None:
    after = _after(case, lambda d: d.append(("matrix", "problems", "items"), {"id": "p2", "text": "Жалобы."}))
    assert after == BEFORE.replace(
        "        text: Очереди.\n    # Шаг 12/13\n",
        "        text: Очереди.\n      - id: p2\n        text: Жалобы.\n    # Шаг 12/13\n")
    actor = _after(case, lambda d: d.append(("actors",), {"id": "petrov", "name": "Петров"}))
    assert actor == after.replace(
        "    kind: person\n# Шаг 5\n", "    kind: person\n  - id: petrov\n    name: Петров\n# Шаг 5\n")


def test_removing_or_moving_the_last_item_keeps_the_comment_below_the_list(case: Path) -> None:
    removed = _after(case, lambda d: d.remove(("actors",), 1))
    assert removed == BEFORE.replace("  - id: sidorov\n    name: Сидоров\n    kind: person\n", "")
    case.write_text(BEFORE, encoding="utf-8")
    moved = _after(case, lambda d: d.move(("actors",), 1, -1))
    ivanov = "  - id: ivanov\n    name: Иванов\n    kind: person  # руководитель\n"
    sidorov = "  - id: sidorov\n    name: Сидоров\n    kind: person\n"
    assert moved == BEFORE.replace(ivanov + sidorov, sidorov + ivanov)


def test_a_renamed_id_keeps_its_place_and_every_reference_follows(case: Path) -> None:
    def rename(doc) -> None:
        doc.set(("actors", 1, "id"), "kuznetsova")
        assert doc.rename_id("sidorov", "kuznetsova") == 2  # characters, owner
        doc.set(("matrix", "problems", "items", 0, "id"), "q9")
        assert doc.rename_id("p1", "q9") == 1  # chosen
        assert doc.rename_id("g1", "goal") == 1  # a key of the scores, renamed in place

    after = _after(case, rename)
    assert after == (BEFORE.replace("id: sidorov", "id: kuznetsova")
                     .replace("characters: [ivanov, sidorov]", "characters: [ivanov, kuznetsova]")
                     .replace("owner: sidorov", "owner: kuznetsova")
                     .replace("id: p1", "id: q9").replace("chosen: p1", "chosen: q9")
                     .replace("g1: {score: 1}", "goal: {score: 1}"))
    back = _after(case, lambda d: d.rename_id("kuznetsova", "sidorov"), lambda d: d.set(("actors", 1, "id"), "sidorov"))
    assert "characters: [ivanov, sidorov]" in back and "owner: sidorov" in back


def test_new_ids_never_clash_with_any_list(case: Path) -> None:
    doc = open_case(case)
    assert doc.new_id("p") == "p2"
    assert doc.new_id("s") == "s1", "s1 is only a key of the scores, not an id"
    doc.append(("relations",), {"id": "r1"})
    assert doc.new_id("r") == "r2"
    assert doc.id_count("ivanov") == 1


def test_a_new_key_goes_above_the_comment_of_the_next_part(case: Path) -> None:
    """A key added at the end of a mapping (a reason for a score, a new language) stays in its block."""
    after = _after(case, lambda d: d.set(("decision", "scores", "s1", "g1", "reason"), "Быстро."))
    assert after == BEFORE.replace("      g1: {score: 1}\n", "      g1: {score: 1, reason: Быстро.}\n")
    added = _after(case, lambda d: d.set(("decision", "scores", "s2", "g1", "score"), 2))
    assert added == after.replace("# Шаг 22\n", "").replace(
        "reason: Быстро.}\n", "reason: Быстро.}\n    s2:\n      g1:\n        score: 2\n# Шаг 22\n")


def test_new_keys_and_new_parts_stay_in_their_block_above_the_next_steps_comment(tmp_path: Path) -> None:
    """The skeleton's abstract: a teacher's text, then a Kazakh final, added by the editor, stay in the abstract."""
    file = tmp_path / "x" / "case.yaml"
    file.parent.mkdir()
    before = 'keykis: 1\nid: x\nabstract:\n  ru:\n    draft: ""\n    final: ""\n\n# Шаг 3\nkeywords:\n  ru: []\n'
    file.write_text(before, encoding="utf-8")
    after = _after(file, lambda d: d.set(("abstract", "ru", "teacher"), "Учителю."),
                   lambda d: d.set(("abstract", "kk", "final"), "Қорытынды."))
    assert after == before.replace('    final: ""\n', '    final: ""\n    teacher: Учителю.\n  kk:\n    final: Қорытынды.\n')


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_ticking_kinds_on_the_last_item_leaves_the_next_steps_comments_below_the_field(tmp_path: Path, lang: str) -> None:
    """Two ticks on the last research question of a new case: the step 12/13 comments stay on their own lines."""
    from keykis.skeleton import new_case

    file = new_case(tmp_path / "x", lang=lang)
    before = file.read_text(encoding="utf-8")
    after = _after(file, lambda d: d.set(("matrix", "questions", "items", 0, "resources"), ["time"]))
    assert after == before.replace('        text: ""\n', '        text: ""\n        resources: [time]\n', 1)
    again = _after(file, lambda d: d.set(("matrix", "questions", "items", 0, "resources"), ["time", "human"]))
    assert again == after.replace("resources: [time]", "resources: [time, human]")
    emptied = _after(file, lambda d: d.set(("matrix", "questions", "items", 0, "resources"), []))
    assert emptied == after.replace("resources: [time]", "resources: []")
