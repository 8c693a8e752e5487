"""Limits that measure the right thing: aliases counted as aliases, texts per field and per case."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis import yamlsafe
from keykis.errors import CaseFileError
from tests.hostile.bigcase import write_big_case


def test_keys_are_not_alias_references() -> None:
    text = "".join(f"k{i}: {{a: 1, b: 2}}\n" for i in range(1500))  # 4,500 keys, no alias
    assert len(yamlsafe.loads(text)) == 1500


def test_alias_references_are_still_limited() -> None:
    ok = "x: &x 1\n" + "".join(f"k{i}: *x\n" for i in range(yamlsafe.MAX_ALIASES))
    assert len(yamlsafe.loads(ok)) == yamlsafe.MAX_ALIASES + 1
    with pytest.raises(CaseFileError, match="too many alias references"):
        yamlsafe.loads(ok + "one_more: *x\n")


@pytest.mark.slow
def test_a_500_actor_1000_relation_case_loads_and_checks(tmp_path: Path) -> None:
    from keykis.check import check_path

    findings = check_path(write_big_case(tmp_path / "big"), lang="en")
    assert not [f for f in findings if f.severity == "error"], findings[:3]
    too_big = [f.message for f in findings if f.rule == "graph-too-big"]
    assert any("506 actors" in m for m in too_big) and any("1006 relations" in m for m in too_big)


@pytest.mark.slow
@pytest.mark.parametrize(("where", "size"), [("narrative.internal", 1_900_000), ("title", 2_000_000)])
def test_a_text_over_its_limit_is_a_finding_and_render_refuses_it_at_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, size: int) -> None:
    import yaml

    from keykis.check import check_path
    from keykis.cli import main
    from tests.helpers import EXAMPLE

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    node = data
    *parents, last = where.split(".")
    for part in parents:
        node = node[part]
    node[last] = ("очередь " * (size // 8 + 1))[:size]
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, width=4096), encoding="utf-8")
    findings = [f for f in check_path(tmp_path / "case", lang="en") if f.rule == "schema"]
    assert any(f"the text is {size:,} characters long" in f.message and f.at == where for f in findings), findings
    assert main(["render", str(tmp_path / "case"), "-o", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()  # refused before layout: not laid out for minutes
    err = capsys.readouterr().err
    assert (f"in {where}:" in err or f"[{where}]:" in err) and "characters long" in err


def test_the_largest_accepted_case_passes_the_gate() -> None:
    """All texts just under the total limit, each under the per-text limit: accepted (the benchmark renders it)."""
    from keykis.check.structure import text_size
    from keykis.gate import require_case
    from keykis.method import method
    from keykis.model import Case
    from tests.hostile.bigcase import texts_at_limit

    data = yamlsafe.loads(texts_at_limit())
    assert method().limits["case_max_chars"] - 2000 < text_size(data) <= method().limits["case_max_chars"]
    require_case(Case(data))
    data["external_models"] += "x" * 3000
    with pytest.raises(Exception, match="together"):
        require_case(Case(data))
