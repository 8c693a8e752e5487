"""schemas/ and templates/ travel inside the wheel and work from an installed copy."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0 and "hatchling" in proc.stderr:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
            capture_output=True, text=True, timeout=300,
        )
    assert proc.returncode == 0, proc.stderr
    return next(out.glob("keykis-*.whl"))


@pytest.mark.slow
def test_wheel_holds_schemas_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for required in ("keykis/schemas/steps.yaml", "keykis/schemas/case.schema.yaml", "keykis/schemas/rules.yaml",
                     "keykis/schemas/case.schema.json"):
        assert required in names
    assert any(n.startswith("keykis/templates/") for n in names)


@pytest.mark.slow
def test_wheel_holds_the_vocabulary_the_example_cases_and_the_licence(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert {f"keykis/vocabulary/{lang}.yaml" for lang in ("ru", "kk", "en")} <= set(names)
    assert "keykis/cases/ozerny-service-centre/case.yaml" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    meta = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in meta
    assert "Provides-Extra: dask" in meta
    assert "Requires-Dist: textual<9,>=0.80" in meta or "Requires-Dist: textual>=0.80,<9" in meta
    assert "dask" not in [line.split()[1].split("[")[0] for line in meta.splitlines()
                          if line.startswith("Requires-Dist:") and "extra ==" not in line]


@pytest.mark.slow
def test_installed_wheel_checks_a_case(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from keykis.paths import schemas_dir\n"
        "from keykis.check import check_path\n"
        "from pathlib import Path\n"
        "assert str(schemas_dir()).startswith(sys.argv[1]), schemas_dir()\n"
        "print(len(check_path(Path(sys.argv[2]), lang='ru')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(target), str(EXAMPLE)], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "0"


def test_published_json_schemas_match_their_yaml_sources() -> None:
    import json

    from keykis.method import case_schema
    from keykis.study.checks import worksheet_schema

    assert json.loads((ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8")) == case_schema()
    assert json.loads((ROOT / "schemas" / "worksheet.schema.json").read_text(encoding="utf-8")) == worksheet_schema()
