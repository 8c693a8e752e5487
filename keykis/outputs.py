"""Outputs never touch sources: the one guard every writing command goes through.

``build``, ``render`` and ``review`` write into folders a user names. A slip
(``-o .``, ``-o cases``, ``--csv cases/x/case.yaml``) must never cost the
author a file, so before anything is written:

- ``refuse_overlap`` refuses an output that *is* an input, *contains* one or
  *lies inside* an input folder (a case folder, a folder of cases, a worksheet);
- a file is written over only when keykis wrote it: the folder keeps a small
  ledger (``.keykis-outputs.json``) of the files a command wrote there with
  their SHA-256, and ``publish`` moves freshly made files in only where the
  name is free or holds exactly what the ledger says keykis wrote.

The build keeps the same record per case in its manifest and uses
``foreign_files`` and ``remove_owned`` to delete only what it wrote.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from keykis import atomic
from keykis.errors import UserError
from keykis.safe_read import MAX_ASSET_BYTES, iter_chunks
from keykis.yamlsafe import json_too_deep

LEDGER = ".keykis-outputs.json"
"""The ledger of files keykis wrote into a folder (name relative to the folder -> SHA-256)."""
_LEDGER_MAX = 4 * 1024 * 1024

__all__ = ["LEDGER", "digest", "foreign_files", "owned_here", "publish", "refuse_overlap",
           "remove_owned", "staging", "write_ledger"]


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return path.absolute()


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def refuse_overlap(output: Path, inputs: Iterable[Path]) -> None:
    """Raise a ``UserError`` when ``output`` is an input, contains one, or lies inside an input folder.

    Paths are compared after following links, so ``-o ./cases/../cases`` or a link to a case folder
    is caught as well.
    """
    out = _real(output)
    given = [(g, _real(g)) for g in inputs]
    for g, src in given:
        if out == src:
            raise UserError(f"the output is an input ({g}); choose another place for it", path=str(output),
                            words=("file.output_is_input", {"input": str(g)}))
    for g, src in given:
        if out in src.parents:
            raise UserError(f"the output contains an input ({g}); choose a folder outside the sources",
                            path=str(output), words=("file.output_contains_input", {"input": str(g)}))
    for g, src in given:
        if src in out.parents and src.is_dir():
            raise UserError(f"the output lies inside an input folder ({g}); choose a folder outside it",
                            path=str(output), words=("file.output_inside_input", {"input": str(g)}))


def digest(path: Path) -> str:
    """SHA-256 of a regular file (``""`` for anything else, or a file that cannot be read)."""
    h = hashlib.sha256()
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return ""
        for chunk in iter_chunks(path, limit=max(MAX_ASSET_BYTES, st.st_size)):
            h.update(chunk)
    except (OSError, UserError):
        return ""
    return h.hexdigest()


def _ledger(folder: Path) -> dict[str, str]:
    """The folder's ledger; empty when missing or damaged (then nothing in the folder counts as keykis's)."""
    try:
        st = os.lstat(folder / LEDGER)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _LEDGER_MAX:
            return {}
        text = b"".join(iter_chunks(folder / LEDGER, limit=_LEDGER_MAX)).decode("utf-8")
        data = None if json_too_deep(text) else json.loads(text)
    except (OSError, ValueError, UserError, RecursionError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _files(folder: Path) -> list[str]:
    """Every entry under ``folder`` that is not a folder (links too), relative, ``/``-separated."""
    out = []
    for root, dirs, names in os.walk(folder):
        for d in list(dirs):
            if os.path.islink(os.path.join(root, d)):
                names.append(d)
                dirs.remove(d)
        out += [Path(root, n).relative_to(folder).as_posix() for n in names]
    return sorted(out)


def owned_here(folder: Path, owned: Mapping[str, str] = {}) -> dict[str, str]:  # noqa: B006 (read only)
    """What keykis wrote into ``folder``: its ledger, and ``owned`` (a manifest's record) over it."""
    return {**_ledger(folder), **owned}


def foreign_files(folder: Path, owned: Mapping[str, str]) -> list[str]:
    """Files under ``folder`` that keykis did not write as they are now (empty: all are keykis's).

    A file is keykis's when ``owned`` or the folder's own ledger lists it with its current SHA-256.
    """
    if not os.path.lexists(folder):
        return []
    if os.path.islink(folder) or not folder.is_dir():
        return ["."]
    mine = owned_here(folder, owned)
    return [name for name in _files(folder)
            if name != LEDGER and (not mine.get(name) or digest(folder / name) != mine[name])]


def remove_owned(folder: Path, owned: Mapping[str, str]) -> list[str]:
    """Delete the files of ``folder`` keykis wrote (hash verified), then its empty folders.

    Returns what was left (the author's files); the folder itself goes only when nothing is left.
    """
    if not os.path.lexists(folder) or os.path.islink(folder) or not folder.is_dir():
        return []
    mine = owned_here(folder, owned)
    left = []
    for name in _files(folder):
        path = folder / name
        if name == LEDGER:
            continue
        if mine.get(name) and digest(path) == mine[name]:
            path.unlink(missing_ok=True)
        else:
            left.append(name)
    if not left:
        (folder / LEDGER).unlink(missing_ok=True)
    for root, _dirs, _names in sorted(os.walk(folder), key=lambda w: -len(w[0])):
        try:
            os.rmdir(root)
        except OSError:
            pass
    return left


def write_ledger(folder: Path, owned: Mapping[str, str]) -> None:
    """Record in ``folder`` that keykis wrote these files with these hashes."""
    atomic.write_text(folder / LEDGER, json.dumps(dict(owned), ensure_ascii=False, indent=1, sort_keys=True))


@contextmanager
def staging(folder: Path) -> Iterator[Path]:
    """A fresh folder inside ``folder`` to make outputs in before ``publish`` moves them out.

    If the block fails, the staging folder goes, and so do the folders this made on the way
    (a refused or failed command leaves no empty output folder behind).
    """
    made = []
    for f in (folder, *folder.parents):
        if os.path.lexists(f):
            break
        made.append(f)
    staged = atomic.make_temp_dir(folder, ".keykis-")
    try:
        yield staged
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        for f in made:
            try:
                f.rmdir()
            except OSError:
                break
        raise
    shutil.rmtree(staged, ignore_errors=True)


def _refuse_strangers(staged: Path, folder: Path) -> list[str]:
    """The names made in ``staged``, after checking that none would replace a file keykis did not write."""
    made = _files(staged)
    ledger = _ledger(folder)
    for name in made:
        target = folder / name
        if os.path.lexists(target) and (not ledger.get(name) or digest(target) != ledger[name]):
            raise UserError("a file of this name is already there and keykis did not write it; "
                            "move it away or choose another output", path=str(target),
                            words=("file.not_ours", {}))
    return made


def _move(staged: Path, folder: Path, made: list[str]) -> list[Path]:
    ledger = _ledger(folder)
    written = []
    for name in made:
        target = folder / name
        atomic.make_dir(target.parent)
        ledger[name] = digest(staged / name)
        os.replace(staged / name, target)
        written.append(target)
    atomic.sync_dir(folder)
    write_ledger(folder, ledger)
    return written


def publish(staged: Path, folder: Path) -> list[Path]:
    """Move every file made in ``staged`` into ``folder``, where each name is free or keykis's own.

    Nothing moves when one name holds a file keykis did not write (the author's file, or one changed
    since): a ``UserError`` names it. The ledger of ``folder`` records what was written. ``staged``
    is removed either way.
    """
    return publish_all([(staged, folder)])


def publish_all(pairs: list[tuple[Path, Path]]) -> list[Path]:
    """:func:`publish` for several staged folders at once: every target is checked before any file moves,
    so a refused name leaves every output folder as it was."""
    try:
        made = [_refuse_strangers(staged, folder) for staged, folder in pairs]
        return [path for (staged, folder), names in zip(pairs, made, strict=True)
                for path in _move(staged, folder, names)]
    finally:
        for staged, _folder in pairs:
            shutil.rmtree(staged, ignore_errors=True)
