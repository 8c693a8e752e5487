"""The largest case keykis accepts, made from the bundled example: 500 actors, 1,000 relations."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import EXAMPLE

TYPES = ("control", "service", "information", "cooperation", "subordination")


def big_case_text(actors: int = 500, relations: int = 1000) -> str:
    """The example case with ``actors`` more actors and ``relations`` more relations among them."""
    text = EXAMPLE.read_text(encoding="utf-8")
    extra_actors = "".join(
        f"  - id: a{i}\n    kind: {'person' if i % 3 else 'organisation'}\n"
        f"    environment: {'internal' if i % 2 else 'external'}\n    name: Участник {i}\n    role: роль {i}\n"
        f"    no_problem: участник {i} здесь лишь для объёма\n"
        for i in range(actors)
    )
    extra_relations = "".join(
        f"  - from: a{i % actors}\n    to: a{(i * 7 + 1) % actors}\n    type: {TYPES[i % len(TYPES)]}\n"
        f"    label: связь {i}\n"
        for i in range(relations)
    )
    text = text.replace("\nobjects:\n", "\n" + extra_actors + "\nobjects:\n", 1)
    text = text.replace("\ncharacters:", "\n" + extra_relations + "\ncharacters:", 1)
    names = ", ".join(f"a{i}" for i in range(actors))
    return text.replace("characters: [ivanov, operators, petrov, sidorov, villagers, kuznetsova]",
                        f"characters: [ivanov, operators, petrov, sidorov, villagers, kuznetsova, {names}]", 1)


def write_big_case(folder: Path, actors: int = 500, relations: int = 1000) -> Path:
    """Write the big case to ``folder/case.yaml``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(big_case_text(actors, relations), encoding="utf-8")
    return folder


PARAGRAPH = ("Руководитель центра обслуживания сверяет очереди по часам, говорит с операторами и жителями "
             "дальних сёл, ищет помещения у акимата и считает, сколько услуг можно перевести в цифровой вид. ")


def texts_at_limit() -> str:
    """The example with narrative steps filled so that all texts together are just under ``case_max_chars``."""
    import yaml

    from keykis import yamlsafe
    from keykis.check.structure import text_size
    from keykis.method import method

    data = yamlsafe.loads(EXAMPLE.read_text(encoding="utf-8"))  # dates stay text, as keykis reads them
    room = int(method().limits["case_max_chars"]) - text_size(data) - 1000
    for step in ("calibration", "internal", "internal_activity", "external", "external_activity", "time_place",
                 "values_goals", "conclusion", "theory", "characters", "problems"):
        old = str(data["narrative"].get(step) or "")
        size = min(39_000 - len(old), room)
        if size <= 0:
            break
        room -= size
        data["narrative"][step] = old + (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)
