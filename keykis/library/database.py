"""Build a whole case database: plan, run, record, catalogue.

The plan compares each case's input hash with the manifest and runs only
the cases whose inputs changed (or whose outputs went missing); results are
recorded as they arrive, so an interrupted build keeps what it finished.
The catalogue files are remade only when a card or a catalogue input changed.
Every failure reason is worded in the messages language (``BuildOptions.messages``).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import stat
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from keykis import safe_read
from keykis.card import Card
from keykis.errors import UserError
from keykis.library import atomic
from keykis.library.executors import Executor, make_executor
from keykis.library.fingerprint import hash_folder, hash_text, shared_inputs
from keykis.library.job import Job, JobResult, Renderer, one_line, refuse_foreign, renderer_name, user_reason
from keykis.library.manifest import JOURNAL, MANIFEST, MANIFEST_MAX, Entry, Manifest, load_manifest
from keykis.model import find_cases
from keykis.outputs import digest, owned_here, refuse_overlap, remove_owned, write_ledger
from keykis.render import render_case
from keykis.terminal import clean_line
from keykis.vocabulary import say
from keykis.yamlsafe import json_too_deep

LOCK = ".keykis-build.lock"
RESERVED = frozenset({"manifest.json", "manifest.journal", "catalog.json", "catalog.pdf", "index.sqlite", "site"})
"""Names the build writes at the top of OUTDIR: no case folder may have them (nor a name starting with '.')."""


def usable_slug(slug: str) -> bool:
    """Whether a case folder name can be an output folder: not a build output's name, not hidden, one plain name."""
    return bool(slug) and slug not in RESERVED and not slug.startswith(".") and "/" not in slug and "\\" not in slug


@dataclass
class BuildOptions:
    """How to build a database (the options of ``keykis build``)."""

    outdir: Path
    workers: int | None = None
    """Worker processes for the local pool (default: all cores)."""
    force: bool = False
    """Rebuild every case, changed or not."""
    fail_fast: bool = False
    """Stop at the first failed case."""
    editions: tuple[str, ...] = ("handout", "research", "teacher")
    executor: str | Executor | None = None
    """``local``, ``inline``, ``dask://HOST:PORT`` or a ready executor."""
    timeout: float = 300.0
    """Seconds one case may take before its worker is killed."""
    recycle_after: int = 50
    """Documents a worker builds before it is replaced."""
    renderer: Renderer = render_case
    """What renders one case (``keykis.render.render_case``; a stand-in in tests)."""
    lang: str = "ru"
    """Language of the catalogue."""
    messages: str = "en"
    """Language of the failure reasons (and of the check messages they quote)."""


@dataclass
class Outcome:
    """What happened to one case in this build."""

    slug: str
    status: str
    """``built``, ``unchanged``, ``failed`` or ``removed``."""
    reason: str = ""
    seconds: float = 0.0


@dataclass
class BuildReport:
    """The result of a build, for the summary table and the exit code."""

    outdir: Path
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    catalogue: str = "unchanged"
    """``built``, ``unchanged``, ``failed: <reason>`` or ``skipped``: a state, its word (and the reason's) in the
    messages language when printed (``keykis.cli.build_progress``)."""
    stopped: bool = False
    """True when ``--fail-fast`` stopped the build early."""

    def count(self, status: str) -> int:
        """How many cases ended with ``status``."""
        return sum(o.status == status for o in self.outcomes)

    @property
    def ok(self) -> bool:
        """Whether nothing failed."""
        return not self.count("failed") and not self.catalogue.startswith("failed") and not self.stopped


class Progress(Protocol):
    """Receives build events (see ``keykis.cli.build_progress``)."""

    def begin(self, total: int, todo: int) -> None: ...  # noqa: D102
    def started(self, job: Job) -> None: ...  # noqa: D102
    def finished(self, result: JobResult) -> None: ...  # noqa: D102
    def end(self) -> None: ...  # noqa: D102


@contextmanager
def _locked(outdir: Path) -> Iterator[None]:
    if outdir.exists() and not outdir.is_dir():
        raise UserError("the output must be a folder, and this is a file", path=str(outdir),
                        words=("file.output_is_file", {}))
    outdir.mkdir(parents=True, exist_ok=True)
    with (outdir / LOCK).open("w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UserError("another build is writing to this folder", path=str(outdir),
                            words=("file.build_locked", {})) from None
        yield


def refuse_strangers_files(outdir: Path) -> None:
    """Refuse an output folder whose ``manifest.json`` or catalogue files are someone else's.

    A ``manifest.json`` that is JSON but not a build's (a web app's manifest) is never overwritten; the
    catalogue files are the build's only beside its manifest. A damaged manifest (not JSON at all) is
    the build's own, made again.
    """
    path = outdir / MANIFEST
    if os.path.lexists(path):
        try:
            text = safe_read.read_text(path, limit=MANIFEST_MAX)
            data = None if json_too_deep(text) else json.loads(text)
        except (ValueError, UserError, RecursionError):
            return  # damaged, or not a file: the build's own (a folder there is reported when it is written)
        if data is not None and not (isinstance(data, dict) and "format" in data and isinstance(data.get("cases", {}), dict)):
            raise UserError("manifest.json here was not written by a keykis build; choose another output folder",
                            path=str(path), words=("file.manifest_not_ours", {}))
        return
    if (outdir / JOURNAL).exists():
        return
    mine = owned_here(outdir)
    for name in sorted(RESERVED - {MANIFEST, JOURNAL}):
        if os.path.lexists(outdir / name) and name not in mine:
            raise UserError(f"{name} is already in the output folder and no keykis build wrote it; "
                            "choose another output folder", path=str(outdir / name),
                            words=("file.catalogue_not_ours", {"name": name}))


def _printable_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _links_out(folder: Path, roots: list[Path]) -> bool:
    """Whether a case folder (or a folder on its way) is a link that leads outside every given collection."""
    if not any(os.path.islink(p) for p in (folder, *folder.parents)):
        return False
    real = folder.resolve()
    return not any(real == r or r in real.parents for r in roots)


def discover(paths: list[Path], lang: str = "en") -> tuple[dict[str, Path], list[Outcome]]:
    """Case folders by slug (folder name); a second folder with a taken name is a failure, said in ``lang``."""
    files = find_cases(paths)
    if not files:
        raise UserError("no case.yaml found here", words=("file.no_cases", {}), path=", ".join(map(str, paths)))
    found: dict[str, Path] = {}
    clashes = []
    roots = [p.resolve() for p in paths]
    for f in files:
        folder = f.parent
        slug = folder.resolve().name
        if not _printable_name(str(folder)):
            clashes.append(Outcome(clean_line(folder.name), "failed",
                                   say("cli.build_name_not_utf8", lang, folder=clean_line(str(folder)))))
        elif _links_out(folder, roots):
            clashes.append(Outcome(folder.name, "failed", say("cli.build_link_outside", lang, folder=folder)))
        elif not usable_slug(slug):
            clashes.append(Outcome(slug, "failed", say("cli.build_reserved_name", lang, folder=folder)))
        elif slug in found:
            clashes.append(Outcome(slug, "failed", say("cli.build_name_used", lang, folder=folder, other=found[slug])))
        else:
            found[slug] = folder
    return _numbered(found, clashes, lang)


def _number_of(folder: Path) -> str:
    """``meta.number`` of the case in ``folder`` ("" when it has none or cannot be read here)."""
    from keykis import yamlsafe
    from keykis.errors import KeykisError

    try:
        data, _ = yamlsafe.load_mapping(folder / "case.yaml")
    except (KeykisError, OSError):
        return ""  # the render reports what is wrong with the file
    meta = data.get("meta")
    return str(meta.get("number") or "").strip() if isinstance(meta, dict) else ""


def _numbered(found: dict[str, Path], clashes: list[Outcome], lang: str) -> tuple[dict[str, Path], list[Outcome]]:
    """A case whose number another case of the collection already has is a failure (numbers are never reused)."""
    taken: dict[str, str] = {}
    for slug in sorted(found):
        number = _number_of(found[slug])
        if number and number in taken:
            clashes.append(Outcome(slug, "failed", say("cli.build_number_used", lang, folder=found[slug], number=number,
                                                       other=found[taken[number]])))
        elif number:
            taken[number] = slug
    return {s: f for s, f in found.items() if s not in {o.slug for o in clashes}}, clashes


def owned_by(entry: Entry, outdir: Path) -> dict[str, str]:
    """The files of ``entry``'s output folder the build wrote, by name, with their SHA-256.

    Builds before the ownership ledger recorded only each output's size. Such an entry's outputs are
    adopted when each is, at its listed name inside the case's output folder, a regular file (no link
    on the way) of exactly the listed size; anything else in the folder stays a stranger's.
    """
    folder = outdir / entry.slug
    if entry.hashes or not usable_slug(entry.slug) or os.path.islink(folder):
        return entry.hashes
    adopted = {}
    for name, size in entry.outputs.items():
        parts = Path(name).parts
        if not parts or Path(name).is_absolute() or any(p in (".", "..") or p.startswith(".") for p in parts):
            continue
        if any(os.path.islink(folder.joinpath(*parts[:i])) for i in range(1, len(parts) + 1)):
            continue
        try:
            st = os.stat(folder / name, follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and st.st_size == size:
            adopted[name] = digest(folder / name)
    return adopted


def _plan(found: dict[str, Path], manifest: Manifest, opts: BuildOptions, shared_key: str) -> tuple[list[Job], list[Outcome]]:
    """Jobs for the changed cases; outcomes for the unchanged ones and for those whose files cannot be read."""
    jobs, unchanged = [], []
    for slug, folder in found.items():
        try:
            key = hash_text(shared_key, hash_folder(folder))
        except UserError as exc:  # a FIFO, a device, a link out of the folder, an unreadable file
            unchanged.append(Outcome(slug, "failed", user_reason(exc, opts.messages)))
            continue
        entry = manifest.entries.get(slug)
        if not opts.force and entry and entry.key == key and entry.outputs_present(opts.outdir):
            unchanged.append(Outcome(slug, "unchanged"))
        else:
            owned = owned_by(entry, opts.outdir) if entry else {}
            try:
                refuse_foreign(opts.outdir / slug, owned)
            except UserError as exc:  # a stranger's folder with the case's name: left alone, the case not built
                unchanged.append(Outcome(slug, "failed", user_reason(exc, opts.messages)))
                continue
            jobs.append(Job(slug, str(folder), str(opts.outdir), key, opts.editions, opts.renderer, opts.messages,
                            tuple(sorted(owned.items()))))
    return jobs, unchanged


def _prune(manifest: Manifest, found: dict[str, Path], outdir: Path) -> list[Outcome]:
    """Remove the outputs of cases no longer in the database: only the files the build wrote, as it wrote them."""
    gone = []
    for slug in sorted(set(manifest.entries) - set(found)):
        if usable_slug(slug):  # a damaged manifest never makes the build delete outside its own case folders
            remove_owned(outdir / slug, owned_by(manifest.entries[slug], outdir))
        del manifest.entries[slug]
        gone.append(Outcome(slug, "removed"))
    return gone


def build_database(paths: list[Path], opts: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build every case under ``paths`` into ``opts.outdir`` with its catalogue and search index."""
    try:
        return _build(paths, opts, progress)
    except OSError as exc:  # the output folder: read-only, full, or a wrong kind of entry where the build writes
        where = exc.filename or opts.outdir
        raise UserError(f"cannot write the build: {exc.strerror or exc}; fix this and build again "
                        "(finished cases are kept)", path=str(where),
                        words=("file.build_write_failed", {"error": exc.strerror or exc})) from None


def _build(paths: list[Path], opts: BuildOptions, progress: Progress | None) -> BuildReport:
    start = time.perf_counter()
    report = BuildReport(opts.outdir)
    found, report.outcomes = discover(paths, opts.messages)
    refuse_overlap(opts.outdir, [*paths, *found.values()])
    with _locked(opts.outdir):
        atomic.clear_staging(opts.outdir)
        refuse_strangers_files(opts.outdir)
        manifest = load_manifest(opts.outdir)
        shared = shared_inputs()
        shared_key = hash_text(*(f"{k}={v}" for k, v in sorted(shared.items())), *opts.editions, renderer_name(opts.renderer),
                               opts.messages)
        jobs, unchanged = _plan(found, manifest, opts, shared_key)
        report.outcomes += unchanged + _prune(manifest, found, opts.outdir)
        manifest.shared = shared
        _run(jobs, manifest, opts, report, progress)
        # Built cases are in the journal already: manifest.json is written once, after the catalogue
        # (a build killed in the catalogue folds the journal in next time), and only if it changed.
        try:
            report.catalogue = "skipped" if report.stopped else _catalogue(manifest, opts)
        finally:
            manifest.save(opts.outdir)
        atomic.clear_staging(opts.outdir)
    report.seconds = time.perf_counter() - start
    return report


GRAPHS = ".graphs"
"""Under OUTDIR during a build: the Graphviz drawings its workers share (removed when the build ends)."""

HANDOUT = "handout"
"""The edition a class needs first: a build makes every case's handout before any other document."""


def _handouts_first(jobs: list[Job]) -> tuple[list[Job], dict[str, Job]]:
    """The handout pass (one handout job per case) and, by case, what is left after it.

    A build of the handout and other editions runs in two passes, so a class can start on the
    handouts while the research editions and guidelines are still being laid out. Each handout is
    swapped into its case folder when made (its ledger says the build owns it), and the second job
    carries it over beside the other editions. A build of one edition, or without the handout, is
    one pass.
    """
    rest = {j.slug: replace(j, editions=tuple(e for e in j.editions if e != HANDOUT)) for j in jobs
            if HANDOUT in j.editions and len(j.editions) > 1}
    if not rest:
        return jobs, {}
    return [replace(j, editions=(HANDOUT,)) if j.slug in rest else j for j in jobs], rest


def _run(jobs: list[Job], manifest: Manifest, opts: BuildOptions, report: BuildReport, progress: Progress | None) -> None:
    if progress:
        progress.begin(len(report.outcomes) + len(jobs), len(jobs))
    if not jobs:
        if progress:
            progress.end()
        return
    executor = opts.executor if opts.executor is not None and not isinstance(opts.executor, str) else make_executor(
        opts.executor, workers=opts.workers, recycle_after=opts.recycle_after, timeout=opts.timeout,
        preload=[opts.renderer.__module__])
    graphs = Path(jobs[0].outdir) / GRAPHS
    jobs = [replace(j, graphs=str(graphs)) for j in jobs]
    by_slug = {j.slug: j for j in jobs}
    first, rest = _handouts_first(jobs)
    second: list[Job] = []
    served: dict[str, JobResult] = {}
    try:
        if rest:
            with closing(_results(executor, first, None)) as results:
                for r in results:
                    if r.ok and r.slug in rest:  # the handout is in place; the rest of the case comes next
                        served[r.slug] = r
                        second.append(replace(rest[r.slug], owned=tuple(sorted(r.hashes.items())), checked=r.checked,
                                              carried=tuple((name, r.pages.get(name, 0)) for name in r.outputs)))
                    elif not _recorded(r, by_slug, manifest, opts, report, progress):
                        return
        with closing(_results(executor, second if rest else first, progress.started if progress else None)) as results:
            for r in results:
                if r.slug in served:
                    handout = served[r.slug]
                    r.notes = [*handout.notes, *(n for n in r.notes if n not in handout.notes)]
                    r.seconds += handout.seconds
                if not _recorded(r, by_slug, manifest, opts, report, progress):
                    return
    finally:
        shutil.rmtree(graphs, ignore_errors=True)
        if progress:
            progress.end()


def _results(executor: Executor, jobs: list[Job], started: Callable[[Job], None] | None) -> Generator[JobResult, None, None]:
    """The executor's results for ``jobs``, its run closed when the caller stops early."""
    results = executor.run(jobs, started)
    try:
        yield from results
    finally:
        close = getattr(results, "close", None)
        if close:
            close()


def _recorded(r: JobResult, by_slug: dict[str, Job], manifest: Manifest, opts: BuildOptions, report: BuildReport,
              progress: Progress | None) -> bool:
    """Record a case's result; False when ``--fail-fast`` stops the build here."""
    if r.ok:
        job = by_slug[r.slug]
        manifest.record(opts.outdir, Entry(r.slug, job.key, job.source, r.outputs, r.pages, r.hashes, r.card,
                                           round(r.seconds, 3)))
        report.outcomes.append(Outcome(r.slug, "built", seconds=r.seconds))
    else:
        report.outcomes.append(Outcome(r.slug, "failed", r.reason, r.seconds))
    if progress:
        progress.finished(r)
    if not r.ok and opts.fail_fast:
        report.stopped = True
        return False
    return True


def _failed(exc: Exception, lang: str) -> str:
    """The catalogue's state when it could not be made: ``failed: `` and what went wrong (a user error in ``lang``)."""
    return f"failed: {user_reason(exc, lang) if isinstance(exc, UserError) else one_line(exc)}"


def _catalogue(manifest: Manifest, opts: BuildOptions) -> str:
    """Remake catalog.json, the search index and catalog.pdf if any of their inputs changed."""
    from keykis.library import catalogue

    cards: list[Card] = [e.card for _, e in sorted(manifest.entries.items())]
    inputs = shared_inputs(catalogue=True)
    salt = hash_text(*(f"{k}={v}" for k, v in sorted(inputs.items())))
    key = hash_text(json.dumps(cards, ensure_ascii=False, sort_keys=True), opts.lang, salt)
    index_key = hash_text(key, *(e.key for _, e in sorted(manifest.entries.items())))  # a case's text is indexed too
    if not opts.force and key == manifest.catalogue and catalogue.present(opts.outdir):
        if index_key != manifest.index:
            try:
                _index(manifest, opts.outdir, cards)
            except Exception as exc:  # noqa: BLE001 — the old index still answers; the next build tries again
                return _failed(exc, opts.messages)
            manifest.index = index_key
            write_ledger(opts.outdir, {**owned_here(opts.outdir),
                                       catalogue.INDEX: digest(opts.outdir / catalogue.INDEX)})
        return "unchanged"
    try:
        catalogue.write_all(cards, opts.outdir, lang=opts.lang, salt=salt,
                            write_index=lambda: _index(manifest, opts.outdir, cards))
    except Exception as exc:  # the cases are built; say what went wrong with the catalogue
        manifest.catalogue = manifest.index = ""
        return _failed(exc, opts.messages)
    finally:  # the catalogue files are the build's even if the manifest is lost later
        names = (catalogue.CATALOG_JSON, catalogue.CATALOG_PDF, catalogue.INDEX)
        write_ledger(opts.outdir, {**owned_here(opts.outdir),
                                   **{n: digest(opts.outdir / n) for n in names if (opts.outdir / n).is_file()}})
    manifest.catalogue, manifest.index = key, index_key
    return "built"


def _index(manifest: Manifest, outdir: Path, cards: list[Card]) -> None:
    """Write the search index: the cards and each case's terms (kept by its worker, else stemmed here)."""
    from keykis.gate import require_case
    from keykis.library.catalogue import INDEX
    from keykis.model import load_case
    from keykis.search.index import write_index
    from keykis.search.terms import case_terms, keep_terms, prune_terms, read_terms

    texts: dict[str, str] = {}
    for slug, entry in manifest.entries.items():
        terms = read_terms(outdir, entry.key)
        if terms is None:
            try:
                terms = case_terms(require_case(load_case(Path(entry.source))))
            except Exception:  # noqa: BLE001 — a case that cannot be read now is found by its card alone
                terms = ""
            else:
                try:
                    keep_terms(outdir, entry.key, terms)  # kept for the next build (older terms are stemmed again)
                except OSError:
                    pass
        texts[slug] = terms
    write_index(cards, outdir / INDEX, texts)
    prune_terms(outdir, {e.key for e in manifest.entries.values()})
