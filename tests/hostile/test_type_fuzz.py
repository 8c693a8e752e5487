"""Every value replaced by each wrong type: a clear message naming the place, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from keykis.cli import main
from keykis.model import Case, load_case
from tests.helpers import EXAMPLE
from tests.hostile.fuzz import consume_case, consume_worksheet, variants

WORKSHEET = Path(__file__).resolve().parents[1] / "study" / "data" / "worksheet.yaml"


@pytest.fixture(scope="module")
def example() -> Case:
    return load_case(EXAMPLE)


def shallow(data: dict, depth: int, kinds: tuple[str, ...] = ()) -> list[tuple[str, dict]]:
    """Variants at places less than ``depth`` deep (with ``kinds``: only those wrong values, as written by repr)."""
    return [(name, v) for name, v in variants(data)
            if name.split("=")[0].count(".") < depth and (not kinds or name.split("=", 1)[1] in kinds)]


@pytest.mark.slow
def test_case_values_of_every_type_reach_no_consumer_unchecked(example: Case) -> None:
    """Every top-level value by each wrong type (checked too); every second-level one by a number, a list, null.

    The full run over every place is ``benchmarks/type_fuzz.py``.
    """
    passed = 0
    chosen = shallow(example.data, 1) + [v for v in shallow(example.data, 2, ("42", "[]", "None")) if "." in v[0].split("=")[0]]
    for name, data in chosen:
        try:
            passed += consume_case(Case(data, path=example.path, text=""), check="." not in name.split("=")[0])
        except Exception as exc:  # pragma: no cover - the message says which variant
            raise AssertionError(f"{name}: {type(exc).__name__}: {exc}") from exc
    assert passed  # empty texts pass the gate and are rendered


@pytest.mark.slow
def test_worksheet_values_of_every_type_reach_no_consumer_unchecked(tmp_path: Path, example: Case) -> None:
    from keykis.gate import require_case
    from keykis.study.student import student_view

    view = student_view(require_case(example))
    source = yaml.safe_load(WORKSHEET.read_text(encoding="utf-8"))
    file = tmp_path / "w.yaml"
    for name, data in shallow(source, 3):
        file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            consume_worksheet(file, example, view)
        except Exception as exc:  # pragma: no cover
            raise AssertionError(f"{name}: {type(exc).__name__}: {exc}") from exc


@pytest.mark.parametrize(("place", "value", "line"), [
    ("actors", "42", "actors:"), ("keywords", "{ru: [a], en: 42}", "keywords.en"), ("narrative", "[]", "narrative:"),
])
def test_render_names_the_place_of_a_wrong_type(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                place: str, value: str, line: str) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index(next(x for x in lines if x.startswith(place + ":")))
    end = next(i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "-", "#")))
    lines[start:end] = [f"{place}: {value}"]
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "case.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert place in data
    code = main(["render", str(tmp_path / "case"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    keys = line.rstrip(":")
    assert f"case.yaml:{start + 1}:" in err and (f"in {keys}:" in err or f"[{keys}]:" in err) and "Traceback" not in err
    assert not (tmp_path / "out" / "case.pdf").exists()


def test_session_plan_null_is_refused_by_the_gate(tmp_path: Path) -> None:
    from keykis.gate import SchemaGateError, require_case

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data.setdefault("guidelines", {}).setdefault("session", {})["plan"] = None
    with pytest.raises(SchemaGateError, match="guidelines.session.plan"):
        require_case(Case(data))
