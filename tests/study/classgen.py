"""A generated class of worksheets for the example case, with known choices.

Each ``Spec`` says what a student chose; the tests compute the expected
review figures from the specs, independently of the review code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

CASE_ID = "ozerny-service-centre"
REVISION = "2026-11-22"
AUTHOR_TASK = "Перенести обучение жителей цифровым услугам из зала в сёла."
OWN_TASK = "Договориться со школами о компьютерных классах для жителей по субботам."
LONG = " ".join(["очень"] * 30)


@dataclass
class Spec:
    """What one generated worksheet holds."""

    student: str
    owner: str = "ivanov"
    between: tuple[str, ...] = ("information", "time")
    field_owners: tuple[str, ...] = ("ivanov", "villagers", "sidorov")
    task: str = AUTHOR_TASK
    strategy: tuple[str, ...] = ("cooperation",)
    targets: tuple[str, ...] = ("sidorov", "villagers")
    g1: int = 2
    v1: int = 1
    team: tuple[str, ...] = ()
    kind: str = "valid"
    """valid, errors (method errors), broken-yaml, broken-schema, wrong-case, old-revision."""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def counted(self) -> bool:
        return self.kind in ("valid", "errors", "broken-schema")


def worksheet_data(spec: Spec) -> dict[str, object]:
    """The worksheet mapping for a spec."""
    problems = []
    for n, owner in enumerate(spec.field_owners, 1):
        item: dict[str, object] = {"id": f"p{n}", "owner": owner, "text": f"Проблема актора {owner} номер {n}."}
        problems.append(item)
    chosen = next(p for p in problems if p["owner"] == spec.owner)
    chosen.update(resources=list(spec.between),
                  contradiction={"text": "Время операторов против информации у жителей.", "between": list(spec.between)})
    if spec.kind == "errors":
        chosen["text"] = LONG
    students = [{"name": n} for n in (spec.team or (spec.student,))]
    head: dict[str, object] = {"case": CASE_ID, "revision": REVISION, "students": students,
                               "group": "ГМУ-21", "date": "2026-12-01", "language": "ru"}
    if spec.team:
        head["team"] = spec.student
    if spec.kind == "wrong-case":
        head["case"] = "almaty-city-diplomacy"
    if spec.kind == "old-revision":
        head["revision"] = "2026-09-01"
    solution = {"id": "s1", "task": "t1", "text": "Решение студента.", "strategy": list(spec.strategy),
                "directed_at": list(spec.targets)}
    if spec.kind == "errors":
        solution["strategy"] = []
    score = 7 if spec.kind == "broken-schema" else spec.g1
    return {
        "keykis": 1,
        "worksheet": head,
        "matrix": {
            "problems": {"chosen": chosen["id"], "items": problems},
            "tasks": {"chosen": "t1", "items": [{
                "id": "t1", "problem": chosen["id"], "text": spec.task, "what": "занятия", "who": "ivanov",
                "when": "весной", "where": "в сёлах", "how_much": "два выезда"}]},
            "solutions": {"chosen": "s1", "items": [solution]},
        },
        "decision": {"scores": {"s1": {"g1": {"score": score, "reason": "оценка"},
                                       "v1": {"score": spec.v1, "reason": "оценка"}}}},
        **spec.extra,
    }


def write_class(folder: Path, specs: list[Spec]) -> list[Path]:
    """Write one worksheet file per spec; return the paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, spec in enumerate(specs, 1):
        path = folder / f"{i:02d}.yaml"
        text = yaml.safe_dump(worksheet_data(spec), allow_unicode=True, sort_keys=False)
        if spec.kind == "broken-yaml":
            text = text.replace("keykis: 1", "keykis: 1\n  bad: [unclosed", 1)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def a_class() -> list[Spec]:
    """24 worksheets: 18 counted (2 of them with errors), 2 broken, 2 wrong case, 2 old revision."""
    specs = [Spec(f"Студент {i:02d}") for i in range(1, 9)]              # 8 follow the author
    specs += [Spec(f"Студент {i:02d}", owner="villagers", between=("energy", "space"), task=OWN_TASK,
                   strategy=("avoidance", "dissolution"), targets=("villagers",), g1=1, v1=0,
                   field_owners=("villagers", "ivanov")) for i in range(9, 13)]   # 4 take the villagers' side
    specs += [Spec(f"Студент {i:02d}", owner="sidorov", between=("human", "information"),
                   strategy=("compromise",), targets=("sidorov",), g1=0, v1=-1,
                   field_owners=("sidorov", "kuznetsova", "ivanov", "petrov")) for i in range(13, 16)]
    specs.append(Spec("Команда «Север»", team=("Алия Касымова", "Данияр Беков", "Ержан Оспанов"),
                      strategy=("cooperation", "rivalry"), targets=("kuznetsova",), g1=-2, v1=2))
    specs += [Spec(f"Студент {i:02d}", kind="errors") for i in (17, 18)]
    specs += [Spec("Студент 19", kind="broken-yaml"), Spec("Студент 20", kind="broken-schema")]
    specs += [Spec(f"Студент {i:02d}", kind="wrong-case") for i in (21, 22)]
    specs += [Spec(f"Студент {i:02d}", kind="old-revision") for i in (23, 24)]
    return specs
