"""What a person sees while a database builds, and the summary after.

On a terminal: a progress bar with counts, the case being built and an ETA.
Elsewhere (CI logs, pipes): one plain line per finished case, since a
redrawn bar turns into noise in a log file. Both end with the same table.
Every word either prints is in the messages language, as are the reasons.
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
from keykis.vocabulary import known, say


def _plain(text: object) -> Text:
    """Text from a case (a folder name, a failure reason) for Rich: no markup, no control characters."""
    return Text(clean_line(str(text)))


def _seconds(seconds: float, lang: str) -> str:
    return say("cli.build_seconds", lang, seconds=f"{seconds:.1f}")


def catalogue_state(state: str, lang: str) -> str:
    """The catalogue's state (``built``, ``failed: <reason>``, …, see ``BuildReport.catalogue``) in ``lang``."""
    status, _, reason = state.partition(": ")
    key = f"cli.build_catalogue_{status}"
    return say(key, lang, error=reason) if known(key) else state


class PlainProgress:
    """One line per finished case: ``[ 12/100] built slug (1.4 s)``, in ``lang``."""

    def __init__(self, stream: TextIO | None = None, lang: str = "en") -> None:
        self.stream = stream or sys.stderr
        self.lang = lang
        self.done = self.total = 0

    def begin(self, total: int, todo: int) -> None:
        """Say how much there is to do."""
        self.total, self.done = todo, 0
        print(say("cli.build_plan", self.lang, total=total, todo=todo, unchanged=total - todo), file=self.stream, flush=True)

    def started(self, job: Job) -> None:
        """Nothing to print when a case starts."""

    def finished(self, result: JobResult) -> None:
        """Print one line for the finished case."""
        self.done += 1
        width = len(str(self.total))
        words = say("cli.build_one_built", self.lang), say("cli.build_one_failed", self.lang)
        state = words[0 if result.ok else 1].ljust(max(map(len, words)))  # the names line up
        tail = f": {clean_line(result.reason)}" if not result.ok else "".join(
            f"\n    {clean_line(note)}" for note in result.notes)
        print(f"[{self.done:>{width}}/{self.total}] {state} {clean_line(result.slug)} ({_seconds(result.seconds, self.lang)})"
              f"{tail}", file=self.stream, flush=True)

    def end(self) -> None:
        """Nothing left to print."""


class BarProgress:
    """A rich progress bar: counts, current case, elapsed time and ETA; its words in ``lang``."""

    def __init__(self, console: Console, lang: str = "en") -> None:
        self.console = console
        self.lang = lang
        self.bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[current]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                            console=console, transient=False)
        self.task: Any = None
        self.running: list[str] = []

    def begin(self, total: int, todo: int) -> None:
        """Start the bar for ``todo`` cases."""
        if todo:
            self.bar.start()
            self.task = self.bar.add_task(say("cli.build_building", self.lang), total=todo, current="")

    def started(self, job: Job) -> None:
        """Show the case now being built."""
        self.running.append(job.slug)
        self._show()

    def finished(self, result: JobResult) -> None:
        """Advance the bar; print a failure above it."""
        if result.slug in self.running:
            self.running.remove(result.slug)
        if not result.ok:
            self.console.print(Text(say("cli.build_one_failed", self.lang), style="red") + Text(" ") +
                               _plain(f"{result.slug}: {result.reason}"), highlight=False)
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


def make_progress(stream: TextIO | None = None, *, quiet: bool = False, lang: str = "en") -> PlainProgress | BarProgress | None:
    """A bar on a terminal, plain lines elsewhere, nothing when ``quiet``."""
    stream = stream or sys.stderr
    if quiet:
        return None
    if stream.isatty():
        return BarProgress(Console(file=stream), lang)
    return PlainProgress(stream, lang)


def summary_table(report: BuildReport, lang: str = "en") -> Table:
    """The table printed at the end of a build: counts, then each failure with its reason."""
    table = Table(show_edge=False)
    table.add_column(say("cli.build_result", lang))
    table.add_column(say("cli.build_cases", lang), justify="right")
    table.add_column(say("cli.build_time", lang), justify="right")
    for status in ("built", "unchanged", "failed", "removed"):
        outcomes = [o for o in report.outcomes if o.status == status]
        if outcomes or status in ("built", "unchanged", "failed"):
            spent = sum(o.seconds for o in outcomes)
            table.add_row(say(f"cli.build_{status}", lang), str(len(outcomes)),
                          _seconds(spent, lang) if status in ("built", "failed") else "")
    table.add_row(say("cli.build_catalogue", lang), _plain(catalogue_state(report.catalogue, lang)), "")
    table.add_row(say("cli.build_total", lang), str(sum(o.status != "removed" for o in report.outcomes)),
                  _seconds(report.seconds, lang))
    return table


def failures_table(report: BuildReport, lang: str = "en") -> Table | None:
    """Each failed case with its reason and time, or None when nothing failed."""
    failed = [o for o in report.outcomes if o.status == "failed"]
    if not failed:
        return None
    table = Table(title=say("cli.build_failed", lang), title_justify="left", show_edge=False)
    table.add_column(say("cli.build_case", lang))
    table.add_column(say("cli.build_reason", lang), overflow="fold")
    table.add_column(say("cli.build_time", lang), justify="right")
    for o in sorted(failed, key=lambda o: o.slug):
        table.add_row(_plain(o.slug), _plain(o.reason), _seconds(o.seconds, lang))
    return table


def print_summary(report: BuildReport, stream: TextIO | None = None, lang: str = "en") -> None:
    """Print the summary (and the failures) to ``stream`` (default stdout)."""
    stream = stream or sys.stdout
    console = Console(file=stream, width=None if stream.isatty() else 120, highlight=False)
    console.print(Text("keykis build → ") + _plain(report.outdir))
    console.print(summary_table(report, lang))
    failures = failures_table(report, lang)
    if failures is not None:
        console.print(failures)
    if report.stopped:
        console.print(say("cli.build_fail_fast", lang))
