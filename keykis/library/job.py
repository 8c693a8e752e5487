"""One case's build job, the unit every executor runs.

A job is plain data (strings, tuples and the renderer, a module-level function
that pickles by its name) so that it pickles for a local worker process and
for a Dask worker alike; ``run_job`` is what the worker
executes: load, check, pass the gate (once: the renderer, the card and the
search terms are handed the ``ReadyCase``), render into a staging folder,
swap the folder in, and return the catalogue card. Any failure becomes a ``JobResult`` with a
one-line reason in the job's language, never an exception that could stop the other cases.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Concatenate

from keykis.card import Card, make_card, no_card
from keykis.errors import UserError
from keykis.gate import ReadyCase
from keykis.library import atomic
from keykis.outputs import digest, foreign_files, write_ledger
from keykis.render import render_case
from keykis.vocabulary import FALLBACK, LANGS, error_message, say

Renderer = Callable[Concatenate[ReadyCase, Path, ...], Any]
"""A module-level function with the signature of ``keykis.render.render_case`` (a stand-in in tests): it is
handed the case the job gated, never a bare one."""


def renderer_name(renderer: Renderer) -> str:
    """``module:function`` of a renderer: part of the build's fingerprint, and the module workers preload."""
    return f"{renderer.__module__}:{renderer.__qualname__}"


@dataclass(frozen=True)
class Job:
    """What to build for one case."""

    slug: str
    """Folder name under OUTDIR."""
    source: str
    """The case folder."""
    outdir: str
    """The database's OUTDIR."""
    key: str
    """Hash of all inputs, recorded when the job succeeds."""
    editions: tuple[str, ...] = ("handout", "research", "teacher")
    renderer: Renderer = render_case
    """What renders the case: ``keykis.render.render_case``, or a stand-in with its signature."""
    lang: str = "en"
    """Language of a failure reason: its words and the check messages it quotes."""
    owned: tuple[tuple[str, str], ...] = ()
    """The files of ``OUTDIR/<slug>`` an earlier build wrote, with their SHA-256: only these may be replaced."""
    carried: tuple[tuple[str, int], ...] = ()
    """Files of ``OUTDIR/<slug>`` this build's handout pass made, with their page counts: kept in the case's
    folder beside the editions this job renders (what the renderer writes again replaces them)."""
    checked: str = ""
    """SHA-256 of the case text the handout pass checked without errors: the same text is not checked again."""
    graphs: str = ""
    """A folder where this build's workers keep the Graphviz drawings for each other (``keykis.render.graph_dot``)."""


@dataclass
class JobResult:
    """What came of a job."""

    slug: str
    ok: bool
    reason: str = ""
    """Why it failed, in one line."""
    seconds: float = 0.0
    outputs: dict[str, int] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    """SHA-256 of every output, by name: what the build owns in ``OUTDIR/<slug>``."""
    pages: dict[str, int] = field(default_factory=dict)
    card: Card = field(default_factory=no_card)
    pid: int = 0
    """The worker process that ran the job."""
    notes: list[str] = field(default_factory=list)
    """The size rules applied to the printed page counts, when they do not hold."""
    checked: str = ""
    """SHA-256 of the case text that was checked without errors."""


def one_line(exc: BaseException) -> str:
    """``ClassName: first line of the message`` of an unexpected error (technical: never translated)."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


def user_reason(exc: UserError, lang: str) -> str:
    """A user error as a failure reason in ``lang``: ``path:line: `` and its vocabulary words.

    English keeps the error's own message, which is English already and at times more precise than
    its vocabulary words (the parser's finding in a YAML syntax error).
    """
    if lang == FALLBACK or lang not in LANGS:
        return str(exc)
    return exc.where() + error_message(exc, lang)


def _check_reason(case: Any, lang: str) -> str | None:
    from keykis.check import check_case

    errors = [f for f in check_case(case, lang=lang) if f.severity == "error"]
    if not errors:
        return None
    first = errors[0]
    return say("cli.build_check_errors", lang, count=len(errors), line=first.line, message=first.message, rule=first.rule)


def _listing(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in sorted(folder.rglob("*")) if p.is_file()}


def refuse_foreign(folder: Path, owned: dict[str, str]) -> None:
    """Raise a ``UserError`` when ``folder`` holds anything an earlier build did not write (an author's file)."""
    foreign = foreign_files(folder, owned)
    if foreign:
        shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
        raise UserError(f"the output already has a folder of this name with files the build did not write "
                        f"({shown}); move them away or rename the case folder", path=str(folder),
                        words=("file.folder_not_ours", {"files": shown}))


def _keep_terms(outdir: Path, key: str, case: ReadyCase) -> None:
    """The case's search terms for the index; if they cannot be kept, the catalogue step makes them."""
    from keykis.search.terms import write_terms

    try:
        write_terms(outdir, key, case)
    except (OSError, ValueError):
        pass


@contextmanager
def _shared_graphs(folder: str) -> Iterator[None]:
    """While rendering, Graphviz drawings are kept in ``folder`` for the build's other workers."""
    from keykis.render.graph_dot import SHARED_ENV

    before = os.environ.pop(SHARED_ENV, None)
    if folder:
        os.environ[SHARED_ENV] = folder
    try:
        yield
    finally:
        os.environ.pop(SHARED_ENV, None)
        if before is not None:
            os.environ[SHARED_ENV] = before


def run_job(job: Job) -> JobResult:
    """Build one case; return its result (never raises for a bad case)."""
    from keykis.gate import require_case
    from keykis.model import load_case

    start = time.perf_counter()
    result = JobResult(job.slug, ok=False, pid=os.getpid())
    staged: Path | None = None
    try:
        loaded = load_case(Path(job.source))
        text = hashlib.sha256(loaded.text.encode("utf-8")).hexdigest()
        with loaded.frozen():  # the check's schema rule and the gate share one validation of the case
            reason = None if job.checked == text else _check_reason(loaded, job.lang)
            if reason:
                result.reason = reason
                return result
            result.checked = text
            case = require_case(loaded)  # even with the schema rule switched off, no renderer or card meets a wrong type
        outdir = Path(job.outdir)
        staged = atomic.staging_dir(outdir, job.slug)
        for name, _ in job.carried:  # a copy, not a link: the renderer may write a carried name again
            shutil.copyfile(outdir / job.slug / name, staged / name)
        with _shared_graphs(job.graphs):
            rendered = job.renderer(case, staged, editions=job.editions, html=False, archival=True)
        result.pages = {name: pages for name, pages in job.carried if pages}
        result.pages.update({str(k): int(v) for k, v in (getattr(rendered, "pages", None) or {}).items()})
        from keykis.check import printed_size_notes

        result.notes = printed_size_notes(case, getattr(rendered, "sizes", None) or {}, job.lang)
        result.outputs = _listing(staged)
        result.hashes = {name: digest(staged / name) for name in result.outputs}
        write_ledger(staged, result.hashes)  # the folder says what the build owns even if the manifest is lost
        refuse_foreign(outdir / job.slug, dict(job.owned))
        atomic.swap_in(staged, outdir / job.slug)
        staged = None
        result.card = make_card(case, slug=job.slug, pages=result.pages, outputs=list(result.outputs))
        _keep_terms(outdir, job.key, case)
        result.ok = True
    except UserError as exc:
        result.reason = user_reason(exc, job.lang)
    except Exception as exc:  # a broken case must not stop the others
        result.reason = say("cli.build_render_failed", job.lang, error=one_line(exc))
    finally:
        if staged is not None:
            shutil.rmtree(staged, ignore_errors=True)
        result.seconds = time.perf_counter() - start
    return result
