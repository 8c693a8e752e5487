"""The same jobs on a Dask cluster: a local one here, in this process."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.errors import UserError
from keykis.library import BuildOptions, build_database
from keykis.library.executors import DaskExecutor, make_executor


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                      dashboard_address=None) as c:
        yield c


@pytest.mark.slow
def test_build_on_a_dask_cluster(db: Path, opts: BuildOptions, cluster) -> None:
    address = cluster.scheduler_address  # tcp://127.0.0.1:PORT
    opts.executor = "dask://" + address.removeprefix("tcp://")
    report = build_database([db], opts)
    assert report.ok and sorted(o.slug for o in report.outcomes if o.status == "built") == ["case-1", "case-2", "case-3"]
    assert "вариант 3" in (opts.outdir / "case-3" / "case.pdf").read_text(encoding="utf-8")
    again = build_database([db], opts)
    assert {o.status for o in again.outcomes} == {"unchanged"}


@pytest.mark.slow
def test_a_failing_case_on_dask_is_reported(db: Path, opts: BuildOptions, cluster) -> None:
    from tests.library.conftest import add_case

    add_case(db, "boom", short_title="boom")
    opts.executor = DaskExecutor(cluster.scheduler_address)
    report = build_database([db], opts)
    failed = [o for o in report.outcomes if o.status == "failed"]
    assert [(o.slug, o.reason) for o in failed] == [("boom", "render failed: RuntimeError: the layout engine gave up")]


@pytest.mark.slow  # little CPU, but it waits out the client's 10 s connect time-out
def test_unknown_executor_and_unreachable_scheduler_are_user_errors(db: Path, opts: BuildOptions) -> None:
    with pytest.raises(UserError, match="unknown executor"):
        make_executor("ssh://somewhere")
    opts.executor = "dask://127.0.0.1:9"
    with pytest.raises(UserError, match="cannot reach the Dask scheduler"):
        build_database([db], opts)
