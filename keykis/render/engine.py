"""HTML to PDF: one Jinja environment, one font configuration, parsed CSS.

Setting these up costs more than rendering a short case, so each is created
once per process, on first use, and shared by every edition, the database
build and the worksheet review. Every fetch goes through
:class:`~keykis.render.fetcher.SafeFetcher`; every output is written to a
temporary file beside the target and renamed into place, so a reader never
sees half a PDF.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from keykis import atomic, vocabulary
from keykis.paths import templates_dir
from keykis.render import floats, markup, typography
from keykis.render.assets import asset_url
from keykis.vocabulary.dates import long_date

if TYPE_CHECKING:  # the fetcher imports WeasyPrint: only where a page is laid out
    from keykis.render.fetcher import SafeFetcher

STYLESHEET = "print.css"
ARCHIVAL_VARIANT = "pdf/a-3b"

_env: jinja2.Environment | None = None
_fonts: Any = None
_css: dict[str, Any] = {}


def environment() -> jinja2.Environment:
    """The Jinja environment of the templates folder: autoescaping, Markdown filters, ``say`` and ``label``."""
    global _env
    if _env is None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir()),
            autoescape=True, undefined=jinja2.ChainableUndefined, trim_blocks=True, lstrip_blocks=True,
        )
        env.filters.update(md=_md, inline=_inline, plain=markup.plain, signed=signed, after_colon=_after_colon,
                           filename=filename, long_date=long_date, capital=capital)
        env.globals.update(say=vocabulary.say, label=vocabulary.label)
        _env = env
    return _env


def filename(value: Any) -> str:
    """A file's name without its folders: what a printed page shows of a path (never a folder or an absolute path)."""
    return PurePath(str(value)).name if value not in (None, "") else ""


def capital(value: Any) -> str:
    """``value`` with its first letter in capitals, the rest as it is: a phrase that opens a line
    («редакция от 7 декабря 2026 г.» → «Редакция от…»)."""
    text = str(value)
    return text[:1].upper() + text[1:]


def signed(value: Any) -> str:
    """A score with its sign and a true minus: ``+2``, ``−1``, ``0``."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return ""
    return f"{number:+d}".replace("-", "\u2212") if number else "0"


def _lang(context: Any) -> str:
    """Language of the case's own text (its quotes), from ``c.case.language``."""
    case = getattr(context.get("c"), "case", None)
    return str(getattr(case, "language", "") or "ru")


def _citations(context: Any) -> Any:
    """Reference numbers of the edition being rendered (``c.citations``), if any."""
    c = context.get("c")
    numbers = getattr(c, "citations", None)
    return numbers if isinstance(numbers, dict) else None


def _exhibits(context: Any) -> Any:
    """Printed names of the case's exhibits by appendix id (``c.exhibits``), if any."""
    names = getattr(context.get("c"), "exhibits", None)
    return names if isinstance(names, dict) else None


def _printed_ids(context: Any) -> Any:
    """Printed numbers of the case's item ids (``c.printed_ids``), if any."""
    ids = getattr(context.get("c"), "printed_ids", None)
    return ids if isinstance(ids, dict) else None


@jinja2.pass_context
def _md(context: Any, text: object) -> Any:
    return markup.markdown(text, _citations(context), _printed_ids(context), lang=_lang(context),
                           exhibits=_exhibits(context))


@jinja2.pass_context
def _inline(context: Any, text: object) -> Any:
    return markup.inline(text, _citations(context), _printed_ids(context), lang=_lang(context),
                         exhibits=_exhibits(context))


_common: dict[int, tuple[Any, frozenset[str]]] = {}


def _common_words(context: Any) -> frozenset[str]:
    """Words the rendered case writes in lower case (and the interface's words), once per case object."""
    case = getattr(context.get("c"), "case", None)
    if case is None or not hasattr(case, "iter_texts"):
        return frozenset()
    held = _common.get(id(case))
    if held is None or held[0] is not case:
        texts = [text for _, text in case.iter_texts()]
        _common.clear()  # one case at a time: a build renders a case's editions one after another
        held = _common[id(case)] = (case, typography.common_words(texts, _lang(context)))
    return held[1]


@jinja2.pass_context
def _after_colon(context: Any, text: object) -> Any:
    """A value printed after a generated ``Label:``, in sentence case (``typography.after_colon``)."""
    lang = _lang(context)
    value = typography.after_colon(str(text), lang, _common_words(context) if lang != "ru" else frozenset())
    return Markup(value) if isinstance(text, Markup) else value


def render_html(template: str, **context: Any) -> str:
    """Render ``templates/<template>`` with ``context``."""
    return environment().get_template(template).render(**context)


def font_config() -> Any:
    """The process's WeasyPrint font configuration."""
    global _fonts
    if _fonts is None:
        from weasyprint.text.fonts import FontConfiguration

        from keykis.render import hyphenation

        hyphenation.register()
        _fonts = FontConfiguration()
    return _fonts


def stylesheet(name: str = STYLESHEET) -> Any:
    """A stylesheet of the templates folder, parsed once per process."""
    if name not in _css:
        from weasyprint import CSS

        from keykis.render.fetcher import SafeFetcher

        fetcher = SafeFetcher([templates_dir()])
        _css[name] = CSS(filename=str(templates_dir() / name), font_config=font_config(), url_fetcher=fetcher)
    return _css[name]


@dataclass
class PdfJob:
    """One HTML document to turn into one PDF file."""

    html: str
    """The document, as rendered from a template."""
    target: Path
    """Where the PDF goes (written atomically)."""
    roots: list[Path] = field(default_factory=list)
    """Folders files may be read from, besides the templates."""
    assets: Mapping[str, tuple[bytes, str]] = field(default_factory=dict)
    """In-memory files served as ``keykis-asset:<name>`` (bytes, media type)."""
    archival: bool = False
    """Write PDF/A-3b instead of a plain tagged PDF."""
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
    """Files embedded in the PDF: (name, bytes, description)."""
    stylesheets: tuple[str, ...] = (STYLESHEET,)
    """Stylesheets of the templates folder to apply."""
    anchor_pages: dict[str, int] = field(default_factory=dict)
    """Filled by ``write_pdf``: the 0-based page on which each anchor (element id) starts."""
    tagged: bool = True
    """Write a tagged PDF (structure for screen readers); parts joined later are untagged (the join drops tags)."""
    floats: bool = False
    """Let figures and tables float to the next page while the text runs on (``keykis.render.floats``)."""
    shared: bool = False
    """Another process of the same build makes the very same document (the graph page of a case, in the handout
    pass and in the pass after it): during a build it is kept in the build's shared folder by the hash of all
    it is made from (:func:`job_key`), and laid out only by whichever process comes first."""


def job_key(job: PdfJob) -> str:
    """The hash of everything a job's PDF is made from: its HTML, stylesheets, folders, the assets it shows and
    its options."""
    digest = hashlib.sha256()
    for part in (job.html, *job.stylesheets, *map(str, job.roots), repr((job.archival, job.tagged, job.floats))):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for name, (data, media) in sorted(job.assets.items()):
        if asset_url(name) not in job.html:
            continue  # an asset the document does not show (the fan matrix beside the graph page)
        digest.update(f"{name}\0{media}\0{len(data)}\0".encode("utf-8", "surrogatepass") + data)
    for name, data, desc in job.attachments:
        digest.update(f"{name}\0{desc}\0{len(data)}\0".encode("utf-8", "surrogatepass") + data)
    return digest.hexdigest()


def _shared_folder(job: PdfJob) -> Path | None:
    from keykis.render.graph_dot import SHARED_ENV

    folder = os.environ.get(SHARED_ENV) if job.shared else None
    return Path(folder) if folder else None


def _kept(job: PdfJob, folder: Path, key: str) -> tuple[int, SafeFetcher] | None:
    """The PDF another process of the build made from the same inputs, copied to ``job.target``; None if there is none."""
    try:
        data = (folder / f"{key}.pdf").read_bytes()
        facts = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        pages, anchors, refused = int(facts["pages"]), dict(facts["anchors"]), list(facts["refused"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    write_atomic(job.target, data)
    for anchor, page in anchors.items():
        job.anchor_pages.setdefault(str(anchor), int(page))
    from keykis.render.fetcher import SafeFetcher

    fetcher = SafeFetcher([templates_dir(), *job.roots], job.assets)
    fetcher.refused.extend(str(url) for url in refused)
    return pages, fetcher


def _keep(job: PdfJob, folder: Path, key: str, pages: int, fetcher: SafeFetcher) -> None:
    """Keep a written PDF for the build's other processes (the facts file last: a reader finds both or neither)."""
    from keykis.render.graph_dot import keep_shared

    keep_shared(str(folder / f"{key}.pdf"), job.target.read_bytes())
    facts = {"pages": pages, "anchors": job.anchor_pages, "refused": fetcher.refused}
    keep_shared(str(folder / f"{key}.json"), json.dumps(facts).encode())


def write_pdf(job: PdfJob) -> tuple[int, SafeFetcher]:
    """Lay out ``job.html`` and write the PDF; return its page count and the fetcher used.

    A ``shared`` job that another process of the build has already made is copied instead of laid out again.
    """
    folder = _shared_folder(job)
    key = job_key(job) if folder is not None else ""
    if folder is not None:
        kept = _kept(job, folder, key)
        if kept is not None:
            return kept
    pages, fetcher = _write_pdf(job)
    if folder is not None:
        _keep(job, folder, key, pages, fetcher)
    return pages, fetcher


def _write_pdf(job: PdfJob) -> tuple[int, SafeFetcher]:
    from weasyprint import HTML, Attachment

    from keykis.render.fetcher import SafeFetcher

    fetcher = SafeFetcher([templates_dir(), *job.roots], job.assets)
    document = HTML(string=typography.typeset_html(job.html), base_url=templates_dir().as_uri() + "/", url_fetcher=fetcher)
    sheets = [stylesheet(s) for s in job.stylesheets]
    images: dict[str, Any] = {}  # parsed once for every layout pass

    def layout() -> Any:
        return document.render(font_config=font_config(), stylesheets=sheets, cache=images)

    with _quiet_weasyprint():
        rendered = floats.settle(document, layout) if job.floats else layout()
    options: dict[str, Any] = {"pdf_tags": job.tagged}
    if job.archival:
        options["pdf_variant"] = ARCHIVAL_VARIANT
    if job.attachments:
        options["attachments"] = [
            Attachment(file_obj=io.BytesIO(data), name=name, description=desc, relationship="Source",
                       url_fetcher=fetcher)
            for name, data, desc in job.attachments
        ]
    write_atomic(job.target, rendered.write_pdf(**options))
    for number, page in enumerate(rendered.pages):
        for anchor in page.anchors:
            job.anchor_pages.setdefault(anchor, number)
    return len(rendered.pages), fetcher


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write ``data`` to ``target`` atomically (see ``keykis.atomic``)."""
    atomic.write_bytes(target, data.encode() if isinstance(data, str) else data)


class _quiet_weasyprint:  # noqa: N801 - used as a context manager
    """Keep WeasyPrint's warnings about refused URLs out of the user's terminal."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("weasyprint")
        self.level = self.logger.level
        self.logger.setLevel(logging.ERROR)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.level)
