"""What a person sees while a database builds, and the summary after.

On a terminal: a progress bar with counts, the case being built and an ETA.
Elsewhere (CI logs, pipes): one plain line per finished case, since a
redrawn bar turns into noise in a log file. Both end with the same table.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from keykis.library.database import BuildReport
from keykis.library.job import Job, JobResult
from keykis.terminal import clean_line


def _plain(text: object) -> Text:
    """Text from a case (a folder name, a failure reason) for Rich: no markup, no control characters."""
    return Text(clean_line(str(text)))


class PlainProgress:
    """One line per finished case: ``[ 12/100] built slug (1.4 s)``."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.done = self.total = 0

    def begin(self, total: int, todo: int) -> None:
        """Say how much there is to do."""
        self.total, self.done = todo, 0
        print(f"{total} case(s), {todo} to build, {total - todo} unchanged", file=self.stream, flush=True)

    def started(self, job: Job) -> None:
        """Nothing to print when a case starts."""

    def finished(self, result: JobResult) -> None:
        """Print one line for the finished case."""
        self.done += 1
        width = len(str(self.total))
        state = "built " if result.ok else "FAILED"
        tail = f": {clean_line(result.reason)}" if not result.ok else "".join(
            f"\n    {clean_line(note)}" for note in result.notes)
        print(f"[{self.done:>{width}}/{self.total}] {state} {clean_line(result.slug)} ({result.seconds:.1f} s){tail}",
              file=self.stream, flush=True)

    def end(self) -> None:
        """Nothing left to print."""


class BarProgress:
    """A rich progress bar: counts, current case, elapsed time and ETA."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[current]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                            console=console, transient=False)
        self.task: Any = None
        self.running: list[str] = []

    def begin(self, total: int, todo: int) -> None:
        """Start the bar for ``todo`` cases."""
        if todo:
            self.bar.start()
            self.task = self.bar.add_task("building", total=todo, current="")

    def started(self, job: Job) -> None:
        """Show the case now being built."""
        self.running.append(job.slug)
        self._show()

    def finished(self, result: JobResult) -> None:
        """Advance the bar; print a failure above it."""
        if result.slug in self.running:
            self.running.remove(result.slug)
        if not result.ok:
            self.console.print(Text("failed", style="red") + Text(" ") + _plain(f"{result.slug}: {result.reason}"),
                               highlight=False)
        self.bar.advance(self.task)
        self._show()

    def _show(self) -> None:
        if self.task is not None:
            self.bar.update(self.task, current=", ".join(self.running[-3:]))

    def end(self) -> None:
        """Stop the bar."""
        if self.task is not None:
            self.bar.update(self.task, current="")
            self.bar.stop()


def make_progress(stream: TextIO | None = None, *, quiet: bool = False) -> PlainProgress | BarProgress | None:
    """A bar on a terminal, plain lines elsewhere, nothing when ``quiet``."""
    stream = stream or sys.stderr
    if quiet:
        return None
    if stream.isatty():
        return BarProgress(Console(file=stream))
    return PlainProgress(stream)


def summary_table(report: BuildReport) -> Table:
    """The table printed at the end of a build: counts, then each failure with its reason."""
    table = Table(show_edge=False)
    table.add_column("result")
    table.add_column("cases", justify="right")
    table.add_column("time", justify="right")
    for status in ("built", "unchanged", "failed", "removed"):
        outcomes = [o for o in report.outcomes if o.status == status]
        if outcomes or status in ("built", "unchanged", "failed"):
            spent = sum(o.seconds for o in outcomes)
            table.add_row(status, str(len(outcomes)), f"{spent:.1f} s" if status in ("built", "failed") else "")
    table.add_row("catalogue", _plain(report.catalogue), "")
    table.add_row("total", str(sum(o.status != "removed" for o in report.outcomes)), f"{report.seconds:.1f} s")
    return table


def failures_table(report: BuildReport) -> Table | None:
    """Each failed case with its reason and time, or None when nothing failed."""
    failed = [o for o in report.outcomes if o.status == "failed"]
    if not failed:
        return None
    table = Table(title="failed", title_justify="left", show_edge=False)
    table.add_column("case")
    table.add_column("reason", overflow="fold")
    table.add_column("time", justify="right")
    for o in sorted(failed, key=lambda o: o.slug):
        table.add_row(_plain(o.slug), _plain(o.reason), f"{o.seconds:.1f} s")
    return table


def print_summary(report: BuildReport, stream: TextIO | None = None) -> None:
    """Print the summary (and the failures) to ``stream`` (default stdout)."""
    stream = stream or sys.stdout
    console = Console(file=stream, width=None if stream.isatty() else 120, highlight=False)
    console.print(Text("keykis build → ") + _plain(report.outdir))
    console.print(summary_table(report))
    failures = failures_table(report)
    if failures is not None:
        console.print(failures)
    if report.stopped:
        console.print("stopped at the first failure (--fail-fast); the catalogue was not updated")
