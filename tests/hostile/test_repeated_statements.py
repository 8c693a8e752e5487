"""Repeated statements are found without comparing every pair, and none is missed for it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from keykis.check import check_path
from keykis.check.rules.language import repeats
from tests.helpers import EXAMPLE

# Sentences in the spirit of the Ozerny case, each said again with small changes below.
SENTENCES = [
    "жители дальних сёл едут в районный центр за справкой и теряют на дорогу полдня",
    "операторы центра не успевают принять всех, кто пришёл до обеда",
    "аким района обещает выделить помещение для выездного приёма в большом селе",
    "молодые жители записываются на услуги через портал и приходят к назначенному часу",
    "пожилые посетители просят объяснить, как получить код подтверждения в телефоне",
]


def _texts(n: int, seed: int) -> list[str]:
    r = random.Random(seed)
    out = []
    for _ in range(n):
        letters = list(r.choice(SENTENCES))
        for _ in range(r.randint(0, 8)):
            letters[r.randrange(len(letters))] = r.choice("абвгдеклмнопрст ")
        out.append(" ".join(sorted("".join(letters).split())))
    return out


@pytest.mark.parametrize("cutoff", [80.0, 90.0])
def test_every_repeated_statement_is_named_with_an_earlier_one_it_is_like(cutoff: float) -> None:
    texts = _texts(300, seed=int(cutoff))
    named = {later: (earlier, score) for later, earlier, score in repeats(texts, cutoff)}
    expected = {b for b in range(len(texts)) if any(fuzz.ratio(texts[a], texts[b]) >= cutoff for a in range(b))}
    assert set(named) == expected
    for later, (earlier, score) in named.items():
        assert earlier < later and score >= cutoff
        assert round(fuzz.ratio(texts[later], texts[earlier])) == round(score)


@pytest.mark.slow
def test_a_case_of_one_sentence_said_450_times_names_each_repeat(tmp_path: Path) -> None:
    import yaml

    from keykis import yamlsafe

    data = yamlsafe.loads(EXAMPLE.read_text(encoding="utf-8"))
    said = " ".join(f"В {n}-й раз руководитель центра сверяет очередь по часам и звонит в акимат." for n in range(450))
    data["narrative"]["internal"] = f"{data['narrative']['internal']}\n\n{said}"
    (tmp_path / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    repeated = [f for f in check_path(tmp_path / "case.yaml", lang="en") if f.rule == "near-duplicate"]
    assert len(repeated) == 449
    assert all("nearly repeats" in f.message for f in repeated)
