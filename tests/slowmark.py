"""The fast lane's guard: a test that spends over ``SLOW_SECONDS`` must be marked ``slow``.

``make test-fast`` runs ``pytest -m "not slow"``; it stays fast only while
every long test carries the mark. This plugin measures each test's setup and
call in CPU seconds, not on the wall clock, so a machine loaded by other work
does not make a test look slow: this process's, its finished children's, and
(where ``/proc`` shows them) those of its living descendants and of the
processes they reaped, so a build's pool workers, forked by a server process
that outlives the test, are counted in the test that ran them.
The run ends with the list of unmarked tests over the limit; under CI (the
``CI`` variable set, as ``.ci/run`` does) a test over ``FAIL_SECONDS`` fails
the run (CPU time varies between runs and machines, and a CI machine is not
this one: a test just over the limit is reported, not failed).
"""

from __future__ import annotations

import os

import pytest

SLOW_SECONDS = 2.0
"""CPU seconds above which a test must be marked ``@pytest.mark.slow``."""
FAIL_SECONDS = 3 * SLOW_SECONDS
"""CPU seconds above which an unmarked test fails the run under CI."""
_PROPERTY = "cpu_seconds"
_START = pytest.StashKey[float]()
_over: list[tuple[str, float]] = []
"""(test, CPU seconds) of the unmarked tests over the limit, in this process."""
_total = {"fast": 0.0, "slow": 0.0}
"""CPU seconds spent by the tests not marked slow and by those marked."""


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _descendants_cpu() -> float:
    """CPU seconds of this process's living descendants, each with the children it has reaped (Linux ``/proc``)."""
    parent: dict[int, int] = {}
    spent: dict[int, int] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0.0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue  # ended meanwhile, or not ours to read
        fields = stat[stat.rindex(b")") + 2:].split()  # after "pid (name) "; the name may hold spaces
        parent[int(entry)] = int(fields[1])
        spent[int(entry)] = int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    me, total = os.getpid(), 0
    for pid in spent:
        up, seen = parent.get(pid), 0
        while up and up != me and seen < 64:
            up, seen = parent.get(up), seen + 1
        if up == me:
            total += spent[pid]
    return total / _TICKS


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system + _descendants_cpu()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    item.stash[_START] = _cpu()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    if call.when == "call" and _START in item.stash:
        outcome.get_result().user_properties.append((_PROPERTY, _cpu() - item.stash[_START]))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Runs where the results are gathered (the main process also under xdist)."""
    spent = dict(report.user_properties).get(_PROPERTY)
    if report.when != "call" or not isinstance(spent, float):
        return
    _total["slow" if "slow" in report.keywords else "fast"] += spent
    if "slow" not in report.keywords and spent > SLOW_SECONDS:
        _over.append((report.nodeid, spent))


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if any(_total.values()):
        terminalreporter.write_line(f"CPU seconds in tests: {_total['fast']:.0f} not marked slow, "
                                    f"{_total['slow']:.0f} marked slow")
    if not _over:
        return
    terminalreporter.section(f"tests over {SLOW_SECONDS:g} CPU seconds not marked slow")
    for nodeid, spent in sorted(_over, key=lambda o: -o[1]):
        terminalreporter.write_line(f"{spent:6.1f}s  {nodeid}")
    terminalreporter.write_line("mark them @pytest.mark.slow" + (
        f" (CI fails while one is over {FAIL_SECONDS:g} s)" if _in_ci() else ""))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    failing = any(spent > FAIL_SECONDS for _, spent in _over)
    if failing and _in_ci() and not hasattr(session.config, "workerinput") and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
