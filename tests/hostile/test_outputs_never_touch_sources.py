"""Outputs never touch sources: ``build``, ``render`` and ``review`` refuse an output that is, holds or lies
inside an input, never write over a file keykis did not write, and the build deletes only its own files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from keykis.cli import main
from tests.helpers import EXAMPLE, ROOT
from tests.hostile.test_output_folder import Run

STANDIN = "tests.library.standin:render"
WORKSHEET = ROOT / "tests" / "study" / "data" / "worksheet.yaml"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def keykis(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """The real command line in this process; build with the inline executor and the stand-in renderer."""

    def run(*args: str | Path, cwd: Path | None = None, lang: str = "en") -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setenv("KEYKIS_LANG", lang)
        argv = [str(a) for a in args]
        if argv[0] == "build":
            argv += ["--renderer", STANDIN, "--executor", "inline", "-q"]
        code = main(argv)
        out = capsys.readouterr()
        return Run(code, out.out, out.err)

    return run


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A folder of two cases, ``tmp_path/lib/cases/case-{1,2}``, each with an author's notes file."""
    for slug in ("case-1", "case-2"):
        folder = tmp_path / "lib" / "cases" / slug
        folder.mkdir(parents=True)
        text = EXAMPLE.read_text(encoding="utf-8").replace("id: ozerny-service-centre", f"id: {slug}")
        text = text.replace('number: "5"', f'number: "{slug}"')  # a collection never has two cases with one number
        (folder / "case.yaml").write_text(text, encoding="utf-8")
        (folder / "notes.md").write_text(f"my notes on {slug}", encoding="utf-8")
    return tmp_path / "lib" / "cases"


def refused(run: Run, *words: str) -> None:
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    for w in words:
        assert w in run.stderr, run.stderr


# --- build -------------------------------------------------------------------------------------------


def test_build_dot_into_dot_deletes_nothing(library: Path, keykis) -> None:
    before = snapshot(library)
    refused(keykis("build", ".", "-o", ".", cwd=library), "the output is an input")
    refused(keykis("build", "cases", "-o", ".", cwd=library.parent), "the output contains an input")
    assert snapshot(library) == before


def test_build_into_its_own_cases_folder_deletes_nothing(library: Path, keykis) -> None:
    before = snapshot(library)
    refused(keykis("build", library, "-o", library), "the output is an input")
    refused(keykis("build", library / "case-1", "-o", library / "case-1"), "the output is an input")
    assert snapshot(library) == before


def test_build_into_a_folder_inside_the_cases_is_refused(library: Path, keykis) -> None:
    refused(keykis("build", library, "-o", library / "public"), "inside an input folder")
    refused(keykis("build", library, "-o", library / "case-2" / "out"), "inside an input folder")
    assert not (library / "public").exists() and not (library / "case-2" / "out").exists()


def test_build_into_a_folder_that_holds_the_cases_is_refused(library: Path, keykis) -> None:
    before = snapshot(library.parent)
    refused(keykis("build", library, "-o", library.parent), "the output contains an input")
    refused(keykis("build", library, "-o", library.parent / "cases" / ".." / ".."), "the output contains an input")
    assert snapshot(library.parent) == before


def test_a_link_to_the_cases_as_output_is_refused(library: Path, tmp_path: Path, keykis) -> None:
    (tmp_path / "public").symlink_to(library)
    before = snapshot(library)
    refused(keykis("build", library, "-o", tmp_path / "public"), "the output is an input")
    assert snapshot(library) == before


def test_the_messages_are_in_the_users_language(library: Path, keykis) -> None:
    refused(keykis("build", library, "-o", library, lang="ru"), "результат совпадает с исходным")
    refused(keykis("build", library, "-o", library / "x", lang="kk"), "бастапқы буманың ішінде")


@pytest.mark.slow
def test_a_strangers_folder_with_a_cases_name_is_left_alone(library: Path, tmp_path: Path, keykis) -> None:
    out = tmp_path / "public"
    (out / "case-1").mkdir(parents=True)
    (out / "case-1" / "thesis.docx").write_bytes(b"years of work")
    (out / "readme.txt").write_text("the site's own page", encoding="utf-8")
    run = keykis("build", library, "-o", out)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "thesis.docx" in run.text and "did not write" in run.text
    assert (out / "case-1" / "thesis.docx").read_bytes() == b"years of work"
    assert not (out / "case-1" / "case.pdf").exists()
    assert (out / "case-2" / "case.pdf").is_file()
    assert (out / "readme.txt").read_text(encoding="utf-8") == "the site's own page"
    shutil.rmtree(out / "case-1")  # once moved away, the case builds
    assert keykis("build", library, "-o", out).returncode == 0
    assert (out / "readme.txt").read_text(encoding="utf-8") == "the site's own page"


@pytest.mark.slow
def test_a_removed_case_loses_only_the_files_the_build_wrote(library: Path, tmp_path: Path, keykis) -> None:
    out = tmp_path / "public"
    assert keykis("build", library, "-o", out).returncode == 0
    (out / "case-2" / "annotations.txt").write_text("a reviewer's remarks", encoding="utf-8")
    (out / "case-2" / "case.pdf").write_bytes(b"%PDF-1.7 an edited copy")
    shutil.rmtree(library / "case-2")
    run = keykis("build", library, "-o", out)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (out / "case-2").iterdir() if not p.name.startswith(".")) == [
        "annotations.txt", "case.pdf"]
    assert (out / "case-2" / "case.pdf").read_bytes() == b"%PDF-1.7 an edited copy"
    assert "case-2" not in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.slow
def test_a_built_case_with_an_authors_file_added_is_not_replaced(library: Path, tmp_path: Path, keykis) -> None:
    out = tmp_path / "public"
    assert keykis("build", library, "-o", out).returncode == 0
    (out / "case-1" / "errata.md").write_text("page 3: read 2019", encoding="utf-8")
    (library / "case-1" / "notes.md").write_text("changed", encoding="utf-8")
    run = keykis("build", library, "-o", out)
    assert run.returncode == 1 and "errata.md" in run.text
    assert (out / "case-1" / "errata.md").read_text(encoding="utf-8") == "page 3: read 2019"


@pytest.mark.slow
def test_the_build_owns_its_files_even_when_the_manifest_is_lost(library: Path, tmp_path: Path, keykis) -> None:
    out = tmp_path / "public"
    assert keykis("build", library, "-o", out).returncode == 0
    (out / "manifest.json").unlink()
    run = keykis("build", library, "-o", out)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("name", ["catalog.json", "index.sqlite", "catalog.pdf"])
def test_a_strangers_catalogue_file_is_never_overwritten(library: Path, tmp_path: Path, keykis, name: str) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / name).write_bytes(b"someone else's")
    refused(keykis("build", library, "-o", out), name, "no keykis build wrote it")
    assert (out / name).read_bytes() == b"someone else's"


def test_a_web_apps_manifest_is_never_overwritten(library: Path, tmp_path: Path, keykis) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "manifest.json").write_text('{"name": "My site", "icons": []}', encoding="utf-8")
    refused(keykis("build", library, "-o", out), "manifest.json", "not written by a keykis build")
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == {"name": "My site", "icons": []}


# --- render ------------------------------------------------------------------------------------------


def test_render_into_the_case_folder_or_a_folder_holding_it_is_refused(library: Path, keykis) -> None:
    before = snapshot(library.parent)
    case = library / "case-1" / "case.yaml"
    refused(keykis("render", case, "-o", library / "case-1"), "the output is an input")
    refused(keykis("render", case, "-o", ".", cwd=library), "the output contains an input")
    refused(keykis("render", library / "case-1", "-o", library.parent), "the output contains an input")
    refused(keykis("render", case, "-o", library / "case-1" / "pdf"), "inside an input folder")
    refused(keykis("render", case, "-o", case), "the output is an input")
    assert snapshot(library.parent) == before


@pytest.mark.slow
def test_render_never_writes_over_a_file_it_did_not_write(library: Path, tmp_path: Path, keykis) -> None:
    out = tmp_path / "print"
    out.mkdir()
    (out / "case.pdf").write_bytes(b"%PDF-1.4 the printer's proof")
    case = library / "case-1" / "case.yaml"
    run = keykis("render", case, "-o", out, "--edition", "research")
    refused(run, "case.pdf", "keykis did not write it")
    assert (out / "case.pdf").read_bytes() == b"%PDF-1.4 the printer's proof"
    assert sorted(p.name for p in out.iterdir()) == ["case.pdf"]  # nothing else written either
    (out / "case.pdf").unlink()
    assert keykis("render", case, "-o", out, "--edition", "research").returncode == 0
    first = snapshot(out)
    assert keykis("render", case, "-o", out, "--edition", "research").returncode == 0  # its own files: replaced
    assert set(snapshot(out)) == set(first)


# --- review ------------------------------------------------------------------------------------------


@pytest.fixture
def classroom(tmp_path: Path) -> tuple[Path, Path]:
    """The example case in ``tmp_path/case`` and two worksheets in ``tmp_path/works``."""
    case = tmp_path / "case"
    case.mkdir()
    shutil.copy(EXAMPLE, case / "case.yaml")
    works = tmp_path / "works"
    works.mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(WORKSHEET, works / name)
    return case / "case.yaml", works


def test_review_outputs_never_land_on_its_inputs(classroom: tuple[Path, Path], tmp_path: Path, keykis) -> None:
    case, works = classroom
    before = snapshot(tmp_path)
    refused(keykis("review", case, works, "-o", works, "--json-only"), "the output contains an input")
    refused(keykis("review", case, works, "-o", ".", "--json-only", cwd=works), "the output contains an input")
    refused(keykis("review", case, works, "--csv", works / "a.yaml", "--json-only"), "the output is an input")
    refused(keykis("review", case, works, "--csv", case, "--json-only"), "the output is an input")
    refused(keykis("review", case, works, "--csv", case.parent / "grades.csv", "--json-only"), "inside an input folder")
    refused(keykis("review", case, works, "--feedback", case.parent, "--json-only"), "the output is an input")
    assert snapshot(tmp_path) == before


def test_review_never_writes_over_a_file_it_did_not_write(classroom: tuple[Path, Path], tmp_path: Path,
                                                          keykis) -> None:
    case, works = classroom
    out = tmp_path / "review"
    out.mkdir()
    (out / "review.json").write_text('{"mine": true}', encoding="utf-8")
    (tmp_path / "grades.csv").write_text("name,grade\nAigerim,5\n", encoding="utf-8")
    refused(keykis("review", case, works, "-o", out, "--json-only"), "review.json", "keykis did not write it")
    assert (out / "review.json").read_text(encoding="utf-8") == '{"mine": true}'
    refused(keykis("review", case, works, "-o", tmp_path / "r2", "--json-only", "--csv", tmp_path / "grades.csv"),
            "grades.csv", "keykis did not write it")
    assert (tmp_path / "grades.csv").read_text(encoding="utf-8") == "name,grade\nAigerim,5\n"
    assert not (tmp_path / "r2").exists()  # the refused gradebook stopped the review: nothing written
    os.unlink(out / "review.json")
    run = keykis("review", case, works, "-o", out, "--json-only", "--csv", tmp_path / "new.csv")
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr
    again = keykis("review", case, works, "-o", out, "--json-only", "--csv", tmp_path / "new.csv")
    assert again.returncode == run.returncode, again.stderr  # its own files are replaced
    assert (out / "review.json").is_file() and (tmp_path / "new.csv").is_file()


@pytest.mark.slow
def test_a_folder_built_before_the_ownership_ledger_is_adopted(library: Path, tmp_path: Path, keykis) -> None:
    """An older build recorded only each output's size: its files are taken as the build's, strangers' are not."""
    out = tmp_path / "public"
    assert keykis("build", library, "-o", out).returncode == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["cases"].values():
        del entry["hashes"]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for ledger in out.rglob(".keykis-outputs.json"):
        ledger.unlink()
    (out / "case-1" / "errata.md").write_text("page 3: read 2019", encoding="utf-8")
    (library / "case-2" / "notes.md").write_text("changed", encoding="utf-8")
    run = keykis("build", library, "-o", out)
    assert run.returncode == 0, run.stdout + run.stderr  # case-2's old outputs replaced, not refused
    shutil.rmtree(library / "case-1")
    run = keykis("build", library, "-o", out)
    assert run.returncode == 0, run.stdout + run.stderr
    assert [p.name for p in (out / "case-1").iterdir()] == ["errata.md"]  # the build's files gone, the author's kept
    assert (out / "case-1" / "errata.md").read_text(encoding="utf-8") == "page 3: read 2019"
