"""Dask faults: a malformed executor address is a clear message; a case that no worker finishes (a lost
worker, none left, a hang) is reported as timed out and the build ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from keykis.cli import main
from keykis.errors import UserError
from keykis.library import BuildOptions, build_database
from keykis.library.executors import DaskExecutor, dask_address, make_executor


@pytest.mark.parametrize("spec", ["dask://", "dask://host", "dask://host:99999", "dask://:8786", "dask://host:port",
                                  "dask://host:8786/path", "dask://host:8786?x=1", "tcp://[::1", "dask://u@host:1"])
def test_a_malformed_executor_address_is_a_clear_message(spec: str) -> None:
    with pytest.raises(UserError, match="is not dask://HOST:PORT"):
        make_executor(spec)


def test_well_formed_addresses_are_taken() -> None:
    assert dask_address("dask://127.0.0.1:8786") == "tcp://127.0.0.1:8786"
    assert dask_address("tls://sched.example.org:8786") == "tls://sched.example.org:8786"
    assert dask_address("dask://[::1]:8786") == "tcp://[::1]:8786"


def test_the_command_line_says_it_in_the_users_language(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("KEYKIS_LANG", "ru")
    (tmp_path / "cases" / "c").mkdir(parents=True)
    (tmp_path / "cases" / "c" / "case.yaml").write_text("keykis: 1\n", encoding="utf-8")
    code = main(["build", str(tmp_path / "cases"), "-o", str(tmp_path / "out"), "--executor", "dask://sched:port"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "dask://ХОСТ:ПОРТ" in err


@pytest.mark.slow
def test_a_case_no_worker_finishes_times_out_and_the_build_ends(tmp_path: Path) -> None:
    from distributed import LocalCluster

    from tests.library import standin
    from tests.library.conftest import add_case

    db = tmp_path / "cases"
    for i in range(1, 4):
        add_case(db, f"case-{i}")
    add_case(db, "stuck", short_title="hang")  # the stand-in sleeps 60 s
    opts = BuildOptions(outdir=tmp_path / "out", renderer=standin.render)
    with LocalCluster(n_workers=1, threads_per_worker=4, processes=False, protocol="tcp",
                      dashboard_address=None) as cluster:
        opts.executor = DaskExecutor(cluster.scheduler_address, timeout=3)
        report = build_database([db], opts)
    out = {o.slug: o for o in report.outcomes}
    assert out["stuck"].status == "failed" and "timed out after 3 s" in out["stuck"].reason
    assert {out[s].status for s in ("case-1", "case-2", "case-3")} == {"built"}
