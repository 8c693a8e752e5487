"""Regenerate tests/data/invalid/: one broken copy of the example case per rule.

Each file is named ``<rule>__<what is wrong>.yaml`` and must produce exactly
that rule (tests/check/test_rules.py). Run after changing the example case:

    .venv/bin/python tests/data/make_invalid.py
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

HERE = Path(__file__).parent
SOURCE = HERE.parent.parent / "cases" / "ozerny-service-centre" / "case.yaml"
OUT = HERE / "invalid"

yaml = YAML()
yaml.preserve_quotes = True
yaml.width = 4096


def item(d: Any, field: str, ident: str) -> Any:
    return next(i for i in d["matrix"][field]["items"] if i["id"] == ident)


def actor(d: Any, ident: str) -> Any:
    return next(a for a in d["actors"] if a["id"] == ident)


def many_actors(d: Any) -> None:
    for n in range(12):
        d["actors"].append({"id": f"extra{n}", "kind": "person", "environment": "external", "name": f"Участник {n}",
                            "no_problem": "Участник обсуждения; своей проблемы в кейсе не формулирует."})
        d["relations"].append({"from": f"extra{n}", "to": "ivanov", "type": "information"})
        d["characters"].append(f"extra{n}")


def conflict(d: Any) -> None:
    s = d["decision"]["scores"]
    s["s1"]["v1"]["score"] = -2
    s["s2"]["g1"]["score"] = -1


def not_best(d: Any) -> None:
    s = d["decision"]["scores"]
    s["s1"]["v1"]["score"] = 1
    s["s2"]["g1"]["score"] = 2
    s["s2"]["v1"]["score"] = 2


def chosen_external(d: Any) -> None:
    d["matrix"]["problems"]["chosen"] = "p2"
    item(d, "problems", "p2")["contradiction"] = {
        "text": "Жителям нужна помощь рядом с домом, а помогают только в райцентре.", "between": ["space", "time"]}
    for t in d["matrix"]["tasks"]["items"]:
        t["problem"] = "p2"


CASES: dict[str, Callable[[Any], None]] = {
    "schema__abstract_is_a_list": lambda d: d.__setitem__("abstract", ["Аннотация списком"]),
    "schema__score_is_text": lambda d: d["decision"]["scores"]["s2"]["v1"].__setitem__("score", "много"),
    "unknown-key__titel_instead_of_title": lambda d: d.insert(5, "titel", "Опечатка в ключе"),
    "unresolved-citation__key_of_no_reference": lambda d: d.__setitem__(
        "acknowledgements", "Благодарим коллег; алгоритм описан в [keykis-method]."),
    "student-spoiler__abstract_names_the_choice": lambda d: d["abstract"]["ru"].__setitem__(
        "final", d["abstract"]["ru"]["final"] + " Выбранное решение — электронная очередь."),
    "opening-closing__complete_case_without_its_closing": lambda d: d.pop("closing"),
    "duplicate-id__two_objects_named_hall": lambda d: d["objects"][2].__setitem__("id", "hall"),
    "unresolved-id__relation_to_unknown_actor": lambda d: d["relations"][1].__setitem__("to", "nobody"),
    "matrix-chosen__no_chosen_task": lambda d: d["matrix"]["tasks"].pop("chosen"),
    "matrix-chain__solution_of_another_task": lambda d: (
        d["matrix"]["solutions"].__setitem__("chosen", "s4"),
        d["decision"].__setitem__("choice_reason", "Окно консультаций можно открыть без акимата.")),
    "title-is-question__title_differs_from_question": lambda d: d.__setitem__("title", "Нужен ли району второй ЦОН?"),
    "title-not-question__no_question_mark": lambda d: (
        d.__setitem__("title", "Очереди в ЦОН без новых штатных единиц"),
        item(d, "questions", "q1").__setitem__("text", "Очереди в ЦОН без новых штатных единиц"),
    ),
    "problem-too-long__thirty_words": lambda d: item(d, "problems", "p2").__setitem__(
        "text",
        "Поездка из дальнего села в районный центр за самой простой государственной услугой занимает у жителя "
        "почти полдня, требует денег на бензин или такси, отрывает от хозяйства и работы и часто заканчивается "
        "повторным визитом",
    ),
    "problem-contradiction__chosen_problem_without_contradiction": lambda d: item(d, "problems", "p1").pop(
        "contradiction"),
    "problem-resources__chosen_problem_without_resources": lambda d: item(d, "problems", "p1").pop("resources"),
    "task-parts__chosen_task_without_when_and_how_much": lambda d: (
        item(d, "tasks", "t1").pop("when"), item(d, "tasks", "t1").pop("how_much")),
    "solution-strategy__solution_without_strategy": lambda d: item(d, "solutions", "s2").pop("strategy"),
    "solution-target__solution_without_target_actors": lambda d: item(d, "solutions", "s3").pop("directed_at"),
    "characters-relations__related_actor_missing_from_final_list": lambda d: d["characters"].remove("kuznetsova"),
    "main-actor__main_actor_is_external": lambda d: d.__setitem__("main_actor", "sidorov"),
    "boundary__internal_object_owned_by_external_actor": lambda d: d["objects"][0].__setitem__("owner", "sidorov"),
    "relation-type__misspelt_relation_type": lambda d: d["relations"][0].__setitem__("type", "kontrol"),
    "impersonal-subject__ministry_decided": lambda d: d["narrative"].__setitem__(
        "external", d["narrative"]["external"] + " Министерство решило сократить штат центров."),
    "owner-not-person__task_carried_out_by_organisation": lambda d: actor(d, "petrov").__setitem__(
        "kind", "organisation"),
    "near-duplicate__problem_repeated_in_other_words": lambda d: d["matrix"]["problems"]["items"].append(
        {"id": "p9", "owner": "villagers", "resources": ["space", "energy"],
         "text": "Поездка в райцентр за простой услугой занимает полдня и стоит немалых денег."}),
    "graph-too-big__eighteen_actors": many_actors,
    "relation-label-wordy__label_of_seven_words": lambda d: d["relations"][0].__setitem__(
        "label", "ежемесячный контроль среднего времени ожидания в зале"),
    "abstract-final__final_abstract_same_as_draft": lambda d: d["abstract"]["ru"].__setitem__(
        "final", d["abstract"]["ru"]["draft"]),
    "abstract-languages__no_kazakh_abstract": lambda d: d["abstract"].pop("kk"),
    "section-missing__no_disciplines": lambda d: d.__setitem__("disciplines", []),
    "guidelines-missing__complete_case_without_guidelines": lambda d: d.pop("guidelines"),
    "guidelines-objective__objective_without_question": lambda d: [
        q.pop("objectives") for q in d["guidelines"]["questions"] if q.get("objectives") == ["o2"]],
    "guidelines-answer__question_without_expected_answer": lambda d: d["guidelines"]["questions"][0].pop("expected"),
    "guidelines-timing__plan_longer_than_session": lambda d: d["guidelines"]["session"]["plan"][0].__setitem__(
        "minutes", 15),
    "decision-conflict__chosen_solution_scores_minus_two": conflict,
    "decision-not-best__better_solution_not_chosen": not_best,
    "decision-incomplete__solution_not_scored_on_a_value": lambda d: d["decision"]["scores"]["s3"].pop("v1"),
    "decision-reason__score_without_reason": lambda d: d["decision"]["scores"]["s2"]["v1"].pop("reason"),
    "invisible-in-name__zero_width_space_in_an_alias": lambda d: actor(d, "petrov").__setitem__("alias", "Пет\u200bров"),
    "invisible-character__soft_hyphen_pasted_into_the_narrative": lambda d: d["narrative"].__setitem__(
        "internal", d["narrative"]["internal"] + " Опе\u00adраторы работают в две смены."),
    "alias-leak__real_name_in_the_narrative": lambda d: d["narrative"].__setitem__(
        "internal", d["narrative"]["internal"] + " Сапаров знает каждого оператора по имени."),
    "step-missing__complete_case_without_time_and_place": lambda d: d.pop("time_place"),
    "step-open__draft_without_theory": lambda d: (d["meta"].__setitem__("status", "draft"), d.pop("theory")),
    "field-fan__two_solutions_for_the_chosen_task": lambda d: (
        d["matrix"]["solutions"]["items"].remove(item(d, "solutions", "s3")), d["decision"]["scores"].pop("s3")),
    "actor-problem__operators_state_no_problem": lambda d: d["matrix"]["problems"]["items"].remove(
        item(d, "problems", "p5")),
    "problem-owner__chosen_problem_of_the_villagers": chosen_external,
    "resources-missing__solution_without_resource_kinds": lambda d: item(d, "solutions", "s2").pop("resources"),
    "boundary__same_person_on_both_sides": lambda d: d["actors"].append(
        {"id": "consultant", "kind": "person", "environment": "external", "name": "А. Жолдасов", "alias": "Смирнов",
         "role": "консультант филиала"}),
    "alias-missing__disguised_case_person_without_alias": lambda d: actor(d, "petrov").pop("alias"),
    "mixed-script__latin_o_in_a_russian_word": lambda d: d["narrative"].__setitem__(
        "internal", d["narrative"]["internal"] + " В зале стоят терминалы электроннoй очереди."),
    "guidelines-size__guidelines_of_one_page": lambda d: d.__setitem__("guidelines", {
        "synopsis": "Короткий учебный кейс о руководителе ЦОН.", "audience": "Государственные служащие."}),
    "case-size__mini_case_marked_as_a_case": lambda d: d["meta"].__setitem__("size", "case"),
    "reflection-open__appendices_reflection_unanswered": lambda d: d["reflection"].pop("appendices"),
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.yaml"):
        old.unlink()
    for name, mutate in CASES.items():
        with SOURCE.open(encoding="utf-8") as fh:
            data = yaml.load(fh)
        mutate(data)
        with (OUT / f"{name}.yaml").open("w", encoding="utf-8") as fh:
            yaml.dump(data, fh)
    print(f"{len(CASES)} files in {OUT}")


if __name__ == "__main__":
    main()
