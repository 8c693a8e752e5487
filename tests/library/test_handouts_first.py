"""A build serves the class first: every case's handout is made before any case's other documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keykis.library import BuildOptions, build_database
from tests.library import standin
from tests.library.conftest import add_case


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_every_handout_is_made_before_any_other_document(tmp_path: Path, workers: int) -> None:
    cases = tmp_path / "cases"
    for i in range(1, 5):
        add_case(cases, f"case-{i}", title_suffix=f" (группа {i})")
    log = tmp_path / "written.log"
    opts = BuildOptions(outdir=tmp_path / "out", workers=workers, renderer=standin.render_editions, timeout=20)
    report = build_database([cases], opts)
    assert report.ok, report.outcomes
    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    documents = [(slug, name) for slug, name in lines if not name.startswith("graph.")]
    kinds = [name for _, name in documents]
    assert kinds[:4] == ["handout.pdf"] * 4 and sorted(slug for slug, _ in documents[:4]) == [f"case-{i}" for i in range(1, 5)]
    assert sorted(kinds[4:]) == sorted(["case.pdf", "guidelines.pdf"] * 4)
    # every case ends whole: its handout carried over beside the other editions, all recorded as the build's
    manifest = json.loads((opts.outdir / "manifest.json").read_text(encoding="utf-8"))
    for i in range(1, 5):
        folder = opts.outdir / f"case-{i}"
        assert f"(группа {i})" in (folder / "handout.pdf").read_text(encoding="utf-8")
        entry = manifest["cases"][f"case-{i}"]
        assert {"handout.pdf", "case.pdf", "guidelines.pdf", "graph.svg", "graph.pdf"} <= set(entry["outputs"])
        assert entry["pages"]["handout.pdf"] == 2 and entry["pages"]["guidelines.pdf"] == 2
    assert not (opts.outdir / ".graphs").exists(), "the drawings the workers shared go when the build ends"
    again = build_database([cases], opts)
    assert {o.status for o in again.outcomes} == {"unchanged"}


def test_a_case_changed_between_the_passes_is_checked_again(tmp_path: Path) -> None:
    from keykis.library.job import Job, run_job

    cases = tmp_path / "cases"
    folder = add_case(cases, "case-1")
    out = tmp_path / "out"
    out.mkdir()
    job = Job(slug="case-1", source=str(folder), outdir=str(out), key="k", editions=("handout",),
              renderer=standin.render_editions, lang="ru")
    first = run_job(job)
    assert first.ok and len(first.checked) == 64
    text = (folder / "case.yaml").read_text(encoding="utf-8")
    (folder / "case.yaml").write_text(text.replace("main_actor:", "main_actor: nobody-here\nold_main_actor:", 1),
                                      encoding="utf-8")
    second = run_job(Job(slug="case-1", source=str(folder), outdir=str(out), key="k", editions=("research",),
                         renderer=standin.render_editions, lang="ru", checked=first.checked))
    assert not second.ok and second.reason.startswith("ошибок проверки: ")  # the job's language, ru


@pytest.mark.slow
def test_one_edition_is_one_pass(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    add_case(cases, "case-1")
    log = tmp_path / "written.log"
    opts = BuildOptions(outdir=tmp_path / "out", workers=1, renderer=standin.render_editions, timeout=20,
                        editions=("research",))
    assert build_database([cases], opts).ok
    assert [line.split()[1] for line in log.read_text(encoding="utf-8").splitlines()] == ["graph.svg", "graph.pdf",
                                                                                         "case.pdf"]
    assert not (opts.outdir / "case-1" / "handout.pdf").exists()
