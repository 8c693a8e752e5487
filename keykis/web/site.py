"""A static site of a case library: index pages per language with facets, a page per case, offline search.

``build_site`` writes, under ``OUTDIR``::

    index.html                    the languages of the site
    ru/ kk/ en/index.html         every case, facets (discipline, language, level, setting), search
    ru/level-master.html ...      one page per facet value (the facets work without JavaScript)
    cases/<slug>/index.html       the student handout, the concept graph inline, links to the PDFs
    assets/                       screen.css, print.css, search.js, search-index.js

Teacher material never goes there: ``guidelines`` (``--with-guidelines DIR``)
writes the guidelines of each case to a separate folder, meant to sit behind
an institution's login. Like the PDF build, the site is incremental: each
case page is keyed by the bytes of its case folder, the PDFs it links and
the inputs shared by all pages (templates, schemas, vocabulary, code), kept
in ``OUTDIR/.keykis-site.json``; an unchanged case is not rendered again,
and a file is rewritten only when its bytes change.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from keykis import atomic, safe_read
from keykis.errors import KeykisError, UserError
from keykis.gate import ReadyCase, require_case
from keykis.method import load_data
from keykis.model import Case, case_number, find_cases, load_case
from keykis.outputs import refuse_overlap
from keykis.paths import schemas_dir, templates_dir
from keykis.render.engine import render_html
from keykis.vocabulary import LANGS, error_message, known, label, say
from keykis.web.editions import GUIDELINES, HANDOUT, render_edition
from keykis.web.search_index import case_terms, index_script
from keykis.web.text import text_by_language
from keykis.yamlsafe import json_too_deep

MANIFEST = ".keykis-site.json"
MANIFEST_MAX = 64 * 1024 * 1024
"""Cap for reading the site's record (a thousand cases take a few megabytes)."""
FORMAT = 1
ASSETS = ("screen.css", "search.js")
"""Files of ``templates/web/`` copied into ``assets/`` as they are."""
PRINT_CSS = "print.css"
PUBLIC_PDFS = ("handout.pdf", "graph.pdf")
"""PDFs of a built case a student may be given, linked from its page when the build made them. Never
``guidelines.pdf``, nor ``case.pdf``: the printed research edition holds the author's answers."""
FACETS = ("discipline", "language", "level", "setting")
_PACKAGE = Path(__file__).resolve().parent.parent
_SKIP = {"__pycache__", ".git", ".mypy_cache"}


@dataclass
class SiteOptions:
    """How to build a site (the options of ``keykis site``)."""

    outdir: Path
    lang: str = "ru"
    """Language of the site's front page."""
    pdfs: Path | None = None
    """A built database (``keykis build -o``): each case's public PDFs are copied beside its page."""
    guidelines: Path | None = None
    """Where the teacher guidelines go (never inside ``outdir``); None: nowhere."""
    force: bool = False
    """Render every case, changed or not."""
    messages: str = "en"
    """Language of the reasons a case was left out."""


@dataclass
class SiteReport:
    """What a site build did."""

    outdir: Path
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(slug, reason) of cases that could not be rendered (their old page, if any, is removed)."""
    removed: list[str] = field(default_factory=list)
    written: int = 0
    """Files written (a file whose bytes did not change is not rewritten)."""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether every case made it into the site."""
        return not self.failed


# -- hashing -------------------------------------------------------------------
def _files(root: Path, suffixes: tuple[str, ...] = ()) -> list[Path]:
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP and not d.startswith("."))
        out += [Path(dirpath) / n for n in sorted(filenames)
                if not n.startswith(".") and (not suffixes or n.endswith(suffixes))]
    return out


def _hash(files: Iterable[Path], root: Path, *extra: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for text in extra:
        h.update(text.encode() + b"\0")
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0")
        for chunk in safe_read.iter_chunks(f, limit=safe_read.MAX_ASSET_BYTES, root=root):
            h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()


def shared_key(opts: SiteOptions) -> str:
    """Hash of everything every page depends on: templates, schemas, vocabulary, the code, the options."""
    code = [f for f in _files(_PACKAGE, (".py", ".yaml", ".dic")) if f.relative_to(_PACKAGE).parts[0] not in ("tui", "cli")]
    return "-".join((
        _hash(_files(templates_dir()), templates_dir()),
        _hash(_files(schemas_dir()), schemas_dir()),
        _hash(code, _PACKAGE, str(opts.guidelines is not None), str(opts.pdfs is not None)),
    ))


def _case_key(shared: str, folder: Path, pdfs: dict[str, Path]) -> str:
    extra = [f"{name}={os.stat(p).st_size}:{os.stat(p).st_mtime_ns}" for name, p in sorted(pdfs.items())]
    return _hash(_files(folder), folder, shared, *extra)


# -- writing -------------------------------------------------------------------
class _Writer:
    """Writes files atomically, and only those whose bytes changed."""

    def __init__(self) -> None:
        self.written = 0

    def write(self, path: Path, data: str | bytes) -> None:
        raw = data.encode() if isinstance(data, str) else data
        try:
            if path.is_file() and path.stat().st_size == len(raw) and path.read_bytes() == raw:
                return
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, raw)
        self.written += 1

    def copy(self, source: Path, target: Path) -> None:
        try:
            same = target.stat().st_size == source.stat().st_size and target.stat().st_mtime_ns >= source.stat().st_mtime_ns
        except OSError:
            same = False
        if not same:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_with(target, lambda tmp: shutil.copyfile(source, tmp))
            self.written += 1


# -- one case -------------------------------------------------------------------
@cache
def _disciplines() -> dict[str, tuple[str, dict[str, str]]]:
    """Any name or alias of a controlled discipline (case-folded) -> (its id, its names in ru, kk and en)."""
    out: dict[str, tuple[str, dict[str, str]]] = {}
    for entry in load_data("disciplines.yaml").get("disciplines") or []:
        names = {k: str(v) for k, v in (entry.get("name") or {}).items()}
        for alias in [*names.values(), *(entry.get("aliases") or [])]:
            out[str(alias).casefold()] = (str(entry.get("id")), names)
    return out


def discipline(name: str) -> tuple[str, dict[str, str]]:
    """A discipline's id and names by language; a name not in ``schemas/disciplines.yaml`` keeps its own words."""
    found = _disciplines().get(name.strip().casefold())
    if found:
        return found
    return "d-" + hashlib.blake2b(name.strip().casefold().encode(), digest_size=4).hexdigest(), {}


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def case_entry(case: Case, slug: str) -> dict[str, Any]:
    """What the index pages and the search need of a case: titles, facets, keywords (no abstract: it is an answer)."""
    meta = case.meta
    setting: dict[str, Any] = meta["setting"] if isinstance(meta.get("setting"), dict) else {}
    titles = {case.language: case.title}
    extra = case.data.get("titles")
    for k, v in (extra.items() if isinstance(extra, dict) else ()):
        if k in LANGS and _str(v) and k not in titles:
            titles[k] = _str(v)
    disciplines = []
    for d in case.data.get("disciplines") or []:
        if isinstance(d, dict) and _str(d.get("name")):
            did, names = discipline(d["name"])
            disciplines.append({"id": did, "name": _str(d["name"]), "names": names})
    keywords: dict[str, Any] = case.data["keywords"] if isinstance(case.data.get("keywords"), dict) else {}
    return {
        "slug": slug, "number": case_number(case), "language": case.language,
        "languages": [lang for lang in LANGS if lang in titles],
        "titles": titles, "level": _str(meta.get("level")), "size": _str(meta.get("size")),
        "setting": {k: v for k, v in setting.items() if isinstance(v, (str, int))},
        "disciplines": disciplines,
        "keywords": {k: [_str(w) for w in v if _str(w)] for k, v in keywords.items() if k in LANGS and isinstance(v, list)},
        "pdfs": [],
    }


def _facet_values(entry: dict[str, Any]) -> dict[str, list[str]]:
    setting = entry.get("setting") or {}
    return {
        "discipline": [d["id"] for d in entry.get("disciplines") or []],
        "language": [entry["language"]],  # the language the case is written in (its titles may be in more)
        "level": [entry["level"]] if entry.get("level") else [],
        "setting": [str(setting["government_level"])] if setting.get("government_level") else [],
    }


def _render_case(case: ReadyCase, slug: str, opts: SiteOptions, pdfs: dict[str, Path], out: _Writer) -> dict[str, Any]:
    """Write the case's page (and its guidelines page when asked); return its entry with its search terms."""
    entry = case_entry(case, slug)
    folder = opts.outdir / "cases" / slug
    for name, source in pdfs.items():
        out.copy(source, folder / name)
    entry["pdfs"] = sorted(pdfs)
    handout = render_edition(case, HANDOUT)
    page = render_html("web/case.html.j2", e=handout, entry=entry, root="../../", edition=HANDOUT, lang=case.language)
    out.write(folder / "index.html", page)
    parts: list[tuple[str, str, str]] = [("title", lang, t) for lang, t in entry["titles"].items()]
    parts += [("keywords", lang, " ".join(words)) for lang, words in entry["keywords"].items()]
    parts += [("facets", case.language, d["name"]) for d in entry["disciplines"]]
    parts += [("facets", case.language, " ".join(str(v) for v in entry["setting"].values()))]
    parts += [("body", lang, text) for lang, text in text_by_language(handout.body, case.language)]
    entry["terms"] = case_terms(parts)
    if opts.guidelines is not None:
        teacher = render_edition(case, GUIDELINES)
        html = render_html("web/case.html.j2", e=teacher, entry={**entry, "pdfs": []}, root="../", edition=GUIDELINES,
                           lang=case.language)  # the PDFs are beside the student page, not here
        out.write(opts.guidelines / slug / "index.html", html)
    return entry


# -- the whole site ---------------------------------------------------------------
@cache
def _record_validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_data("site-manifest.schema.yaml"))


def _load_manifest(outdir: Path) -> dict[str, Any]:
    """The site's record of what it wrote, read as hostile (safe reader, depth limit, a schema per case).

    A record that does not fit is dropped, so that case's page is written again; an unreadable file
    counts as none.
    """
    try:
        text = safe_read.read_text(outdir / MANIFEST, limit=MANIFEST_MAX)
        data = None if json_too_deep(text) else json.loads(text)
    except (UserError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    cases = data.get("cases")
    valid = _record_validator().is_valid
    return {"format": FORMAT, "shared": data.get("shared") if isinstance(data.get("shared"), str) else None,
            "cases": {slug: record for slug, record in (cases.items() if isinstance(cases, dict) else ())
                      if valid(record) and record["entry"]["slug"] == slug}}


def _public_pdfs(opts: SiteOptions, slug: str) -> dict[str, Path]:
    if opts.pdfs is None:
        return {}
    found = {}
    for name in PUBLIC_PDFS:
        p = opts.pdfs / slug / name
        if p.is_file():
            found[name] = p
    return found


def build_site(paths: list[Path], opts: SiteOptions) -> SiteReport:
    """Build (or bring up to date) the static site of the cases under ``paths`` in ``opts.outdir``."""
    start = time.perf_counter()
    report = SiteReport(opts.outdir)
    for folder in (opts.outdir, opts.guidelines):
        if folder is not None:
            refuse_overlap(folder, paths)
            _refuse_strangers(folder)
    out = _Writer()
    manifest = _load_manifest(opts.outdir)
    shared = shared_key(opts)
    old: dict[str, Any] = manifest.get("cases") or {} if manifest.get("shared") == shared and not opts.force else {}
    entries: dict[str, dict[str, Any]] = {}
    keys: dict[str, str] = {}
    seen: set[str] = set()
    for file in find_cases(paths):
        folder = file.parent
        slug = folder.resolve().name
        if slug in seen or slug.startswith(".") or slug in ("assets", *LANGS):
            report.failed.append((slug, say("web.slug_taken", opts.messages, folder=str(folder))))
            continue
        seen.add(slug)
        pdfs = _public_pdfs(opts, slug)
        try:
            key = _case_key(shared, folder, pdfs)
        except KeykisError as exc:
            report.failed.append((slug, str(exc)))
            continue
        before = old.get(slug)
        page = opts.outdir / "cases" / slug / "index.html"
        teacher_ok = opts.guidelines is None or (opts.guidelines / slug / "index.html").is_file()
        if before and before.get("key") == key and page.is_file() and teacher_ok:
            entries[slug], keys[slug] = before["entry"], key
            report.unchanged.append(slug)
            continue
        try:
            entries[slug] = _render_case(require_case(load_case(file)), slug, opts, pdfs, out)
            keys[slug] = key
            report.built.append(slug)
        except (KeykisError, OSError, ValueError) as exc:
            said = exc.where() + error_message(exc, opts.messages) if isinstance(exc, UserError) else str(exc)
            report.failed.append((slug, said))
            shutil.rmtree(opts.outdir / "cases" / slug, ignore_errors=True)
    for slug in sorted(set(manifest.get("cases") or {}) - set(entries)):
        if slug and not slug.startswith(".") and "/" not in slug:
            shutil.rmtree(opts.outdir / "cases" / slug, ignore_errors=True)
            if opts.guidelines is not None:
                shutil.rmtree(opts.guidelines / slug, ignore_errors=True)
            if slug not in seen:
                report.removed.append(slug)
    ordered = [entries[s] for s in sorted(entries, key=lambda s: (entries[s]["number"], s))]
    _write_indexes(ordered, opts, out)
    if opts.guidelines is not None:
        _write_teacher_index(ordered, opts, out)
    data = {"format": FORMAT, "shared": shared,
            "cases": {s: {"key": keys[s], "entry": entries[s]} for s in sorted(entries)}}
    out.write(opts.outdir / MANIFEST, json.dumps(data, ensure_ascii=False, indent=0))
    if opts.guidelines is not None:
        out.write(opts.guidelines / MANIFEST, json.dumps({"format": FORMAT, "teacher": True}))
    report.written = out.written
    report.seconds = time.perf_counter() - start
    return report


def _refuse_strangers(folder: Path) -> None:
    """A site is written only into a new or empty folder, or one a site build wrote (it deletes stale pages)."""
    if folder.exists() and not folder.is_dir():
        raise UserError("the output must be a folder, and this is a file", path=str(folder),
                        words=("file.output_is_file", {}))
    if folder.is_dir() and not (folder / MANIFEST).is_file() and any(folder.iterdir()):
        raise UserError("this folder holds files a site build did not write; choose a new or empty folder",
                        path=str(folder), words=("web.not_a_site", {}))


def _title(entry: dict[str, Any], lang: str) -> tuple[str, str]:
    """(title, its language): in ``lang`` when the case has it, else in the case's own language."""
    titles = entry.get("titles") or {}
    if titles.get(lang):
        return titles[lang], lang
    return titles.get(entry["language"], entry["slug"]), entry["language"]


def facet_label(facet: str, value: str, lang: str, entries: list[dict[str, Any]]) -> str:
    """The printed name of a facet value in ``lang``."""
    if facet == "language":
        return label("language_self", value, lang) if known(f"enum.language_self.{value}") else value
    if facet == "level":
        return label("level", value, lang) if known(f"enum.level.{value}") else value
    if facet == "setting":
        return label("government_level", value, lang) if known(f"enum.government_level.{value}") else value
    for e in entries:
        for d in e.get("disciplines") or []:
            if d["id"] == value:
                return str(d["names"].get(lang) or d["name"])
    return value


def facets(entries: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Each facet with its values: ``{"id", "name", "values": [{"value", "label", "count", "page"}]}``."""
    out = []
    for facet in FACETS:
        counts: dict[str, int] = {}
        for e in entries:
            for v in _facet_values(e)[facet]:
                counts[v] = counts.get(v, 0) + 1
        values: list[dict[str, Any]] = [
            {"value": v, "label": facet_label(facet, v, lang, entries), "count": n, "page": f"{facet}-{v}.html"}
            for v, n in counts.items()]
        values.sort(key=lambda x: (-int(x["count"]), str(x["label"]).casefold()))
        if values:
            out.append({"id": facet, "name": say(f"web.facet_{facet}", lang), "values": values})
    return out


def listing(entries: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The cases as an index page lists them, in ``lang`` where the case has it."""
    rows = []
    for e in entries:
        title, title_lang = _title(e, lang)
        setting = e.get("setting") or {}
        gov = setting.get("government_level")
        line = [str(setting.get(k)) for k in ("country", "region") if setting.get(k)]
        if gov:
            line.append(facet_label("setting", str(gov), lang, entries))
        if setting.get("year"):
            line.append(str(setting["year"]))
        rows.append({
            "slug": e["slug"], "number": e["number"], "title": title, "title_lang": title_lang,
            "setting": " · ".join(line), "setting_lang": e["language"],
            "level": facet_label("level", e["level"], lang, entries) if e.get("level") else "",
            "languages": [(e["language"], facet_label("language", e["language"], lang, entries))],
            "disciplines": [facet_label("discipline", d["id"], lang, entries) for d in e.get("disciplines") or []],
            "keywords": (e.get("keywords") or {}).get(lang) or (e.get("keywords") or {}).get(e["language"]) or [],
            "keywords_lang": lang if (e.get("keywords") or {}).get(lang) else e["language"],
        })
    return rows


def _write_indexes(entries: list[dict[str, Any]], opts: SiteOptions, out: _Writer) -> None:
    tdir = templates_dir()
    for name in ASSETS:
        out.write(opts.outdir / "assets" / name, (tdir / "web" / name).read_bytes())
    out.write(opts.outdir / "assets" / PRINT_CSS, (tdir / PRINT_CSS).read_bytes())
    docs = []
    for e in entries:
        title, title_lang = _title(e, e["language"])
        docs.append({"u": f"cases/{quote(e['slug'])}/index.html", "t": title, "l": title_lang, "n": e["number"]})
    out.write(opts.outdir / "assets" / "search-index.js", index_script(docs, [e.get("terms") or {} for e in entries]))
    wanted: set[str] = set()
    for lang in LANGS:
        groups = facets(entries, lang)
        rows = listing(entries, lang)
        common = {"lang": lang, "root": "../", "facets": groups, "langs": LANGS}
        out.write(opts.outdir / lang / "index.html", render_html("web/index.html.j2", rows=rows, current=None, **common))
        wanted.add(f"{lang}/index.html")
        for group in groups:
            for value in group["values"]:
                chosen = [r for r, e in zip(rows, entries, strict=True) if value["value"] in _facet_values(e)[group["id"]]]
                page = opts.outdir / lang / value["page"]
                out.write(page, render_html("web/index.html.j2", rows=chosen, current=(group, value), **common))
                wanted.add(f"{lang}/{value['page']}")
        for stale in (opts.outdir / lang).glob("*.html"):
            if f"{lang}/{stale.name}" not in wanted:
                stale.unlink()
    out.write(opts.outdir / "index.html", render_html("web/front.html.j2", lang=opts.lang, langs=LANGS, root=""))


def _write_teacher_index(entries: list[dict[str, Any]], opts: SiteOptions, out: _Writer) -> None:
    assert opts.guidelines is not None
    tdir = templates_dir()
    out.write(opts.guidelines / "assets" / "screen.css", (tdir / "web" / "screen.css").read_bytes())
    out.write(opts.guidelines / "assets" / PRINT_CSS, (tdir / PRINT_CSS).read_bytes())
    rows = listing(entries, opts.lang)
    out.write(opts.guidelines / "index.html", render_html("web/teacher.html.j2", rows=rows, lang=opts.lang, root=""))
