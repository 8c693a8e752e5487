"""Content hashes of everything a built case depends on.

Modification times cause both stale outputs and needless rebuilds, so the
build keys every output by the bytes of its inputs: the case folder, and the
inputs shared by all cases (templates, print CSS, method schemas, the vocabulary, the fonts
the CSS names, and the tool's own code and version). A change to a shared
input changes every case's key; a change to one case folder changes one.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from keykis import __version__, safe_read
from keykis.paths import schemas_dir, templates_dir

_PACKAGE = Path(__file__).resolve().parent.parent
_VOCABULARY = _PACKAGE / "vocabulary"
_SKIP_DIRS = {"__pycache__", ".git", ".mypy_cache"}
CATALOGUE_TEMPLATES = ("catalog.html.j2", "catalog.css")
"""Templates only the catalogue uses: a change to them rebuilds no case."""
WEB = "web"
"""The web site's templates (``templates/web/``): a change to them rebuilds no PDF."""
DEFAULT_FONTS = ("PT Serif", "PT Sans", "DejaVu Sans", "DejaVu Serif")


def _digest() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=16)


def _feed_file(h: hashlib.blake2b, path: Path, root: Path | None = None) -> None:
    for chunk in safe_read.iter_chunks(path, limit=safe_read.MAX_ASSET_BYTES, root=root):
        h.update(chunk)


def _walk(root: Path) -> list[Path]:
    """Every file of a case folder, refusing a name that is not UTF-8 and folders nested too deep."""
    from keykis.errors import CaseFileError
    from keykis.terminal import clean_line
    from keykis.yamlsafe import MAX_DEPTH

    files: list[Path] = []
    base = len(root.parts)
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if len(here.parts) - base > MAX_DEPTH:
            raise CaseFileError(f"folders are nested deeper than {MAX_DEPTH} levels here", path=clean_line(str(root)),
                                words=("file.folders_too_deep", {"depth": MAX_DEPTH}))
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
        names = sorted(n for n in filenames if not n.startswith(".") and not n.endswith(".pyc"))
        for name in [*dirnames, *names]:
            if not _utf8(name):
                raise CaseFileError("this name is not UTF-8 text; rename it", path=clean_line(str(here / name)),
                                    words=("file.name_not_utf8", {}))
        files.extend(here / n for n in names)
    return files


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def hash_files(files: Iterable[Path], *, root: Path, contained: bool = False) -> str:
    """One hash over the names (relative to ``root``) and bytes of ``files``.

    Files are read by the safe reader: a FIFO, a device or a file over the
    asset cap raises ``CaseFileError`` instead of blocking; with ``contained``
    a link leading outside ``root`` is refused too.
    """
    h = _digest()
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0")
        _feed_file(h, f, root if contained else None)
        h.update(b"\0")
    return h.hexdigest()


def hash_folder(folder: Path) -> str:
    """Hash of a case folder: ``case.yaml`` and every asset beside it."""
    return hash_files(_walk(folder), root=folder, contained=True)


def hash_text(*parts: str) -> str:
    """Hash of a few strings (options, versions, serialised data)."""
    h = _digest()
    for p in parts:
        h.update(p.encode() + b"\0")
    return h.hexdigest()


def _code_files() -> list[Path]:
    """The tool's own code that shapes outputs (the front doors do not)."""
    skip = ("tui", "cli", "search", WEB)
    return [f for f in _walk(_PACKAGE) if f.suffix == ".py" and f.relative_to(_PACKAGE).parts[0] not in skip]


def _font_families(texts: Iterable[str]) -> set[str]:
    families: set[str] = set()
    for text in texts:
        for decl in re.findall(r"font-family\s*:\s*([^;}{]+)", text):
            families.update(name.strip().strip("'\"") for name in decl.split(","))
    return {f for f in families if f and f.lower() not in ("serif", "sans-serif", "monospace", "inherit")}


@cache
def font_files(families: frozenset[str]) -> tuple[Path, ...]:
    """Installed font files of the given families, as fontconfig resolves them."""
    if not shutil.which("fc-list"):
        return ()
    out = subprocess.run(["fc-list", ":", "family", "file"], capture_output=True, text=True, check=False).stdout
    found = set()
    for line in out.splitlines():
        file, _, names = line.partition(": ")
        if any(n.strip() in families for n in names.split(",")):
            found.add(Path(file))
    return tuple(sorted(found))


def shared_inputs(*, catalogue: bool = False) -> dict[str, str]:
    """Hashes of the inputs shared by every case (or, with ``catalogue``, by the catalogue).

    Returns a mapping ``name -> hash`` so the manifest can say which one changed.
    """
    tdir, sdir = templates_dir(), schemas_dir()
    if catalogue:
        templates = [f for f in _walk(tdir) if f.name in CATALOGUE_TEMPLATES or f.suffix == ".css"]
    else:
        templates = [f for f in _walk(tdir) if f.name not in CATALOGUE_TEMPLATES and f.relative_to(tdir).parts[0] != WEB]
    styles = [f.read_text(encoding="utf-8", errors="replace") for f in templates if f.suffix in (".css", ".j2", ".html")]
    families = _font_families(styles) or set(DEFAULT_FONTS)
    fonts = font_files(frozenset(families))
    return {
        "templates": hash_files(templates, root=tdir),
        "schemas": hash_files(_walk(sdir), root=sdir),
        "vocabulary": hash_files([f for f in _walk(_VOCABULARY) if f.suffix == ".yaml"], root=_VOCABULARY),
        "fonts": hash_text(*sorted(families), *(hash_files([f], root=f.parent) for f in fonts)),
        "code": hash_files(_code_files(), root=_PACKAGE),
        "version": hash_text(__version__, _weasyprint_version()),
    }


def _weasyprint_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("weasyprint")
    except PackageNotFoundError:
        return "none"
