"""A bad case among good ones: reported with its reason, skipped, never stopping the others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keykis.library import BuildOptions, build_database
from keykis.library.executors import LocalPool
from keykis.library.job import Job
from tests.library import standin
from tests.library.conftest import add_case


def by_slug(report) -> dict[str, object]:
    return {o.slug: o for o in report.outcomes}


@pytest.mark.slow
def test_unreadable_failing_and_crashing_cases_are_skipped_and_named(db: Path, opts: BuildOptions) -> None:
    (db / "broken-yaml").mkdir()
    (db / "broken-yaml" / "case.yaml").write_text("keykis: 1\ntitle: [unclosed\n", encoding="utf-8")
    add_case(db, "fails-checks", replace={"main_actor: ivanov": "main_actor: nobody"})
    add_case(db, "render-error", short_title="boom")
    add_case(db, "crashes", short_title="crash")
    report = build_database([db], opts)
    out = by_slug(report)
    assert not report.ok
    assert sorted(s for s, o in out.items() if o.status == "built") == ["case-1", "case-2", "case-3"]
    assert out["broken-yaml"].reason.endswith("broken-yaml/case.yaml:3:1: YAML syntax error: did not find expected ',' or ']'")
    assert out["fails-checks"].reason.startswith("1 check error(s); first at line")
    assert "nobody" in out["fails-checks"].reason
    assert out["render-error"].reason == "render failed: RuntimeError: the layout engine gave up"
    assert out["crashes"].reason == "worker process died (exit code 3)"
    for slug in ("broken-yaml", "fails-checks", "render-error", "crashes"):
        assert not (opts.outdir / slug).exists()
    cards = json.loads((opts.outdir / "catalog.json").read_text(encoding="utf-8"))["cases"]
    assert [c["slug"] for c in cards] == ["case-1", "case-2", "case-3"]
    assert report.catalogue == "built"


@pytest.mark.slow
def test_a_failed_case_is_tried_again_and_keeps_its_last_good_outputs(db: Path, opts: BuildOptions) -> None:
    build_database([db], opts)
    good = (opts.outdir / "case-2" / "case.pdf").read_bytes()
    add_case(db, "case-2", short_title="boom")
    first = build_database([db], opts)
    second = build_database([db], opts)
    assert by_slug(first)["case-2"].status == by_slug(second)["case-2"].status == "failed"
    assert (opts.outdir / "case-2" / "case.pdf").read_bytes() == good
    assert not second.ok


@pytest.mark.slow
def test_a_case_past_its_timeout_is_stopped_and_the_rest_build(db: Path, opts: BuildOptions) -> None:
    """The stand-in hangs for a minute; the timeout (20 s, room for a loaded machine to start workers) stops it."""
    add_case(db, "hangs", short_title="hang")
    opts.timeout = 20
    report = build_database([db], opts)
    out = by_slug(report)
    assert out["hangs"].status == "failed" and out["hangs"].reason == "timed out after 20 s"
    assert sorted(s for s, o in out.items() if o.status == "built") == ["case-1", "case-2", "case-3"]


@pytest.mark.slow
def test_fail_fast_stops_at_the_first_failure(db: Path, opts: BuildOptions) -> None:
    add_case(db, "a-first", short_title="boom")
    opts.fail_fast, opts.workers = True, 1
    report = build_database([db], opts)
    assert report.stopped and not report.ok and report.catalogue == "skipped"
    assert [o.status for o in report.outcomes] == ["failed"]
    assert not (opts.outdir / "catalog.json").exists()
    opts.fail_fast = False
    add_case(db, "a-first")
    assert build_database([db], opts).ok


@pytest.mark.slow
def test_two_case_folders_with_one_name_are_one_failure(db: Path, opts: BuildOptions, tmp_path: Path) -> None:
    other = tmp_path / "more"
    add_case(other, "case-1", title_suffix=" (копия)")
    report = build_database([db, other], opts)
    clash = [o for o in report.outcomes if o.status == "failed"]
    assert len(clash) == 1 and "already used" in clash[0].reason


def test_workers_are_recycled_after_n_documents(db: Path, opts: BuildOptions) -> None:
    pool = LocalPool(2, recycle_after=1, timeout=20, preload=["tests.library.standin"])
    jobs = [Job(f"case-{i}", str(db / f"case-{i}"), str(opts.outdir), "k", renderer=standin.render) for i in (1, 2, 3)]
    results = list(pool.run(jobs))
    assert all(r.ok for r in results)
    assert pool.started_processes == 3
    assert len({r.pid for r in results}) == 3
