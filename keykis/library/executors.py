"""Where build jobs run: in this process, in a local worker pool, or on Dask.

Every executor takes an iterable of ``Job`` and yields a ``JobResult`` per
job as it finishes, in completion order; closing the generator early (as
``--fail-fast`` does) stops the rest. The local pool is written here rather
than taken from ``concurrent.futures`` because a database build needs three
things that pool lacks: killing one job that runs past its timeout, replacing
a worker that crashed without losing the others, and recycling each worker
after a number of documents (WeasyPrint does not give memory back). A job
the executor fails itself (timed out, its worker lost) gets its reason in the
job's language, like the reasons ``run_job`` gives.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from keykis.errors import UserError
from keykis.library.job import Job, JobResult, run_job
from keykis.vocabulary import say

Started = Callable[[Job], None] | None


class Executor(Protocol):
    """Runs build jobs and yields their results as they finish."""

    workers: int
    """How many jobs can run at once."""

    def run(self, jobs: Iterable[Job], started: Started = None) -> Iterator[JobResult]:
        """Run ``jobs``; call ``started`` when one begins; yield results as they come."""
        ...


class InlineExecutor:
    """Runs jobs one by one in this process (debugging; no timeout)."""

    workers = 1

    def run(self, jobs: Iterable[Job], started: Started = None) -> Iterator[JobResult]:
        """Run each job here, in order."""
        for job in jobs:
            if started:
                started(job)
            yield run_job(job)


def _serve(conn: Connection) -> None:
    """Body of a worker process: run jobs until told to stop."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        conn.send(run_job(job))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    done: int = 0
    job: Job | None = None
    since: float = 0.0


class LocalPool:
    """A pool of worker processes on this machine.

    Each worker keeps its imported modules, WeasyPrint font configuration and
    parsed stylesheets for its life, and is replaced after ``recycle_after``
    jobs to bound memory. A job running longer than ``timeout`` seconds has its
    worker killed and is reported as failed; so is a job whose worker dies.
    """

    def __init__(self, workers: int | None = None, *, recycle_after: int = 50, timeout: float = 300.0,
                 preload: Iterable[str] = ()) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.recycle_after = max(1, recycle_after)
        self.timeout = timeout
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        self._ctx: Any = mp.get_context(method)  # typeshed's BaseContext has no Process
        if method == "forkserver":
            self._ctx.set_forkserver_preload(["keykis.library.job", "keykis.library.preload", *preload])
        self.started_processes = 0
        """How many worker processes were started (recycling included)."""

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_serve, args=(child,), daemon=True, name="keykis-build-worker")
        process.start()
        child.close()
        self.started_processes += 1
        return _Worker(process, parent)

    @staticmethod
    def _retire(w: _Worker, *, kill: bool = False) -> None:
        try:
            if kill:
                w.process.kill()
            else:
                w.conn.send(None)
        except OSError:
            pass
        w.conn.close()
        w.process.join(timeout=5 if not kill else None)
        if w.process.is_alive():
            w.process.kill()
            w.process.join()

    def run(self, jobs: Iterable[Job], started: Started = None) -> Iterator[JobResult]:
        """Run ``jobs`` on up to ``workers`` processes; yield results as they finish."""
        pending = deque(jobs)
        idle: list[_Worker] = []
        busy: dict[Connection, _Worker] = {}
        try:
            while pending or busy:
                while pending and len(busy) < self.workers:
                    w = idle.pop() if idle else self._spawn()
                    w.job, w.since = pending.popleft(), time.monotonic()
                    if started:
                        started(w.job)
                    w.conn.send(w.job)
                    busy[w.conn] = w
                now = time.monotonic()
                wait_for = max(0.0, min(w.since + self.timeout for w in busy.values()) - now)
                for conn in wait(list(busy), timeout=wait_for):
                    w = busy.pop(conn)  # type: ignore[call-overload]
                    yield self._finish(w, idle)
                now = time.monotonic()
                for conn, w in list(busy.items()):
                    if now - w.since >= self.timeout:
                        del busy[conn]
                        assert w.job is not None
                        self._retire(w, kill=True)
                        yield JobResult(w.job.slug, ok=False, seconds=now - w.since,
                                        reason=say("cli.build_timed_out", w.job.lang, seconds=f"{self.timeout:g}"))
        finally:
            for w in list(busy.values()):
                self._retire(w, kill=True)
            for w in idle:
                self._retire(w)

    def _finish(self, w: _Worker, idle: list[_Worker]) -> JobResult:
        assert w.job is not None
        try:
            result: JobResult = w.conn.recv()
        except (EOFError, OSError):
            w.process.join(timeout=5)
            code = w.process.exitcode
            self._retire(w, kill=True)
            return JobResult(w.job.slug, ok=False, reason=say("cli.build_worker_died", w.job.lang, code=code),
                             seconds=time.monotonic() - w.since)
        w.done += 1
        w.job = None
        if w.done >= self.recycle_after:
            self._retire(w)
        else:
            idle.append(w)
        return result


class DaskExecutor:
    """Runs jobs on an existing Dask cluster (``dask.distributed``).

    The workers need keykis installed and must see the case folders and
    OUTDIR at the same paths (a shared file system). Per-case timeouts and
    memory limits are the cluster's own (``--lifetime``, ``--memory-limit``).
    """

    def __init__(self, address: Any, *, timeout: float = 300.0) -> None:
        self.address = address
        self.workers = 1
        self.timeout = timeout
        """Seconds one case may take; a case not finished in its turn (a lost worker, no worker at all) fails."""

    def run(self, jobs: Iterable[Job], started: Started = None) -> Iterator[JobResult]:
        """Submit all jobs to the cluster; yield results as they complete.

        A job whose worker is lost is run again once (``retries=1``), then reported as failed. A job
        still not done ``timeout`` seconds after its turn (job ``i`` of ``n`` on ``w`` worker threads
        has ``timeout * (1 + i // w)``) is cancelled and reported as timed out, so the build ends.
        """
        try:
            import distributed
        except ImportError:
            raise UserError("building on a Dask cluster needs the dask extra: pip install 'keykis[dask]'",
                            words=("file.dask_missing", {})) from None
        dask: Any = distributed  # its client API is untyped: it is used as such, with no exemption from strict mypy
        wait = dask.wait

        try:
            client: Any = self.address if isinstance(self.address, dask.Client) else dask.Client(self.address,
                                                                                                timeout="10s")
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise UserError(f"cannot reach the Dask scheduler at {self.address}: {exc}",
                            words=("file.dask_unreachable", {"address": self.address, "error": exc})) from None
        own = client is not self.address
        futures: dict[Any, Job] = {}
        deadline: dict[Any, float] = {}
        try:
            self.workers = max(1, sum(client.nthreads().values()))
            start = time.monotonic()
            for i, job in enumerate(jobs):
                future = client.submit(run_job, job, key=f"keykis-build-{job.slug}-{job.key[:12]}", pure=False,
                                       retries=1)
                futures[future] = job
                deadline[future] = start + self.timeout * (1 + i // self.workers)
                if started:
                    started(job)
            while futures:
                now = time.monotonic()
                try:
                    wait(list(futures), timeout=max(0.05, min(2.0, min(deadline.values()) - now)),
                         return_when="FIRST_COMPLETED")
                except TimeoutError:
                    pass  # nothing finished in this slice: look at the deadlines
                now = time.monotonic()
                for future in [f for f in futures if f.done() or deadline[f] <= now]:
                    job = futures.pop(future)
                    deadline.pop(future)
                    if not future.done():
                        future.cancel()
                        yield JobResult(job.slug, ok=False,
                                        reason=say("cli.build_dask_timed_out", job.lang, seconds=f"{self.timeout:g}"))
                        continue
                    try:
                        value = future.result()
                    except Exception as exc:  # the task failed, or its worker was lost twice
                        value = exc
                    if isinstance(value, JobResult):
                        yield value
                    else:
                        yield JobResult(job.slug, ok=False, reason=say("cli.build_dask_failed", job.lang,
                                                                       error=f"{type(value).__name__}: {value}"))
        finally:
            if futures:
                client.cancel(list(futures))
            if own:
                client.close()


def dask_address(spec: str) -> str:
    """``dask://HOST:PORT`` (or ``tcp://``, ``tls://``) as the scheduler address Dask takes; a clear error otherwise."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(spec)
        port = parts.port
        ok = bool(parts.hostname) and port is not None and 0 < port < 65536 and parts.path in ("", "/") and \
            not parts.query and not parts.fragment and not parts.username
    except ValueError:
        ok, port = False, None
    if not ok:
        raise UserError(f"the executor address '{spec}' is not dask://HOST:PORT (a host name and a port number)",
                        words=("file.bad_executor_address", {"executor": spec}))
    scheme = "tcp" if parts.scheme == "dask" else parts.scheme
    host = f"[{parts.hostname}]" if ":" in str(parts.hostname) else parts.hostname
    return f"{scheme}://{host}:{port}"


def make_executor(spec: str | None, *, workers: int | None = None, recycle_after: int = 50, timeout: float = 300.0,
                  preload: Iterable[str] = ()) -> Executor:
    """The executor named by ``--executor``: ``local`` (default), ``inline`` or ``dask://HOST:PORT``."""
    if spec in (None, "", "local"):
        return LocalPool(workers, recycle_after=recycle_after, timeout=timeout, preload=preload)
    if spec == "inline":
        return InlineExecutor()
    if spec.startswith(("dask://", "tcp://", "tls://")):
        return DaskExecutor(dask_address(spec), timeout=timeout)
    raise UserError(f"unknown executor '{spec}': use local, inline or dask://HOST:PORT",
                    words=("file.unknown_executor", {"executor": spec}))
