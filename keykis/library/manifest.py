"""The build manifest: what each output was built from.

``OUTDIR/manifest.json`` lists, per case, the hash of its inputs, its
outputs (with sizes), page counts and its catalogue card, plus the hashes of
the shared inputs and of the catalogue. Cases finished during a build are
appended to ``OUTDIR/manifest.journal`` one JSON line at a time, so a build
killed half-way keeps the work it did; the next build folds the journal in.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from keykis import atomic, safe_read
from keykis.card import Card, no_card
from keykis.errors import UserError
from keykis.yamlsafe import json_too_deep

MANIFEST = "manifest.json"
JOURNAL = "manifest.journal"
FORMAT = 1
MANIFEST_MAX = 64 * 1024 * 1024
"""Cap for reading ``manifest.json`` and its journal (a thousand cases take about 5 MB)."""


@dataclass
class Entry:
    """One built case, as recorded in the manifest."""

    slug: str
    """Folder name under OUTDIR (the case folder's name)."""
    key: str
    """Hash of everything the outputs depend on."""
    source: str
    """The case folder the outputs were built from."""
    outputs: dict[str, int] = field(default_factory=dict)
    """Output file names (relative to ``OUTDIR/<slug>``) and their sizes in bytes."""
    pages: dict[str, int] = field(default_factory=dict)
    """Page counts per PDF."""
    hashes: dict[str, str] = field(default_factory=dict)
    """SHA-256 of each output, by name: the build deletes or replaces a file only when it still has this hash."""
    card: Card = field(default_factory=no_card)
    """The catalogue card (see ``keykis.library.catalogue``)."""
    seconds: float = 0.0
    """How long the build of this case took."""

    def outputs_present(self, outdir: Path) -> bool:
        """Whether every recorded output is on disk with its recorded size."""
        folder = outdir / self.slug
        for name, size in self.outputs.items():
            try:
                if os.stat(folder / name).st_size != size:
                    return False
            except OSError:
                return False
        return True


@dataclass
class Manifest:
    """All entries of one OUTDIR, and the hashes of the shared inputs."""

    entries: dict[str, Entry] = field(default_factory=dict)
    shared: dict[str, str] = field(default_factory=dict)
    """Hashes of the inputs shared by all cases, by name."""
    catalogue: str = ""
    """Hash the catalogue files were built from."""
    index: str = ""
    """Hash the search index was built from (the catalogue's and every case's input hash)."""
    _saved: tuple[object, ...] | None = field(default=None, repr=False, compare=False)
    """What ``manifest.json`` on disk holds (None: unknown, or a journal is still to be folded in)."""

    def _state(self) -> tuple[object, ...]:
        # Entries are replaced, never changed in place: their identities say which ones are new.
        return dict(self.shared), self.catalogue, self.index, {slug: id(e) for slug, e in self.entries.items()}

    def changed(self) -> bool:
        """Whether ``manifest.json`` would differ from the file on disk (or a journal waits)."""
        return self._saved is None or self._state() != self._saved

    def record(self, outdir: Path, entry: Entry) -> None:
        """Add a built case and append it to the journal right away."""
        self.entries[entry.slug] = entry
        self._saved = None  # the journal must be folded in
        with (outdir / JOURNAL).open("a", encoding="utf-8") as f:
            f.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def save(self, outdir: Path) -> bool:
        """Write ``manifest.json`` atomically and drop the folded-in journal; only if something changed.

        A no-op rebuild of a thousand cases used to spend most of its time
        writing the same 8 MB of JSON (twice). Returns whether it wrote.
        """
        if not self.changed() and not (outdir / JOURNAL).exists():
            return False
        data = {
            "format": FORMAT,
            "shared": self.shared,
            "catalogue": self.catalogue,
            "index": self.index,
            "cases": {slug: asdict(e) for slug, e in sorted(self.entries.items())},
        }
        atomic.write_text(outdir / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1))
        (outdir / JOURNAL).unlink(missing_ok=True)
        self._saved = self._state()
        return True


def _str_map(value: object, kind: type) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    if not all(isinstance(k, str) and isinstance(v, kind) and not isinstance(v, bool) for k, v in value.items()):
        return None
    return dict(value)


def entry_from(slug: object, data: object) -> Entry | None:
    """An entry read from a manifest or its journal, or None when any field has the wrong type.

    The manifest lives in a folder others can write to, so it is read as hostile: a list where a card
    belongs, NULLs or a number for a name drop the entry (the case is built again), never the build.
    """
    if not isinstance(data, dict) or not isinstance(slug, str) or data.get("slug", slug) != slug:
        return None
    outputs, pages = _str_map(data.get("outputs", {}), int), _str_map(data.get("pages", {}), int)
    hashes = _str_map(data.get("hashes", {}), str)
    card, key, source = data.get("card", {}), data.get("key"), data.get("source")
    seconds = data.get("seconds", 0.0)
    if outputs is None or pages is None or hashes is None or not isinstance(card, dict):
        return None
    if not isinstance(key, str) or not isinstance(source, str) or not isinstance(seconds, (int, float)):
        return None
    if card and not isinstance(card.get("slug", slug), str):
        return None
    return Entry(slug, key, source, outputs, pages, hashes, card or no_card(), float(seconds))  # type: ignore[arg-type]


def _json(path: Path) -> object:
    try:
        text = safe_read.read_text(path, limit=MANIFEST_MAX)
        return None if json_too_deep(text) else json.loads(text)
    except (ValueError, UserError, RecursionError):
        return None


def load_manifest(outdir: Path) -> Manifest:
    """The manifest of ``outdir`` with its journal folded in; empty if there is none or it is unreadable.

    Read through the safe reader (a FIFO or ``/dev/zero`` in its place is refused at once, the size is
    capped) and checked field by field; whatever does not fit is dropped and built again.
    """
    m = Manifest()
    data = _json(outdir / MANIFEST)
    if isinstance(data, dict) and data.get("format") == FORMAT:
        shared = _str_map(data.get("shared") or {}, str)
        m.shared = shared or {}
        m.catalogue = data["catalogue"] if isinstance(data.get("catalogue"), str) else ""
        m.index = data["index"] if isinstance(data.get("index"), str) else ""
        cases = data.get("cases")
        for slug, e in (cases.items() if isinstance(cases, dict) else ()):
            entry = entry_from(slug, e)
            if entry is not None:
                m.entries[slug] = entry
        m._saved = m._state()
    try:
        lines = safe_read.read_text(outdir / JOURNAL, limit=MANIFEST_MAX).splitlines()
    except UserError:
        lines = []
    if lines:
        m._saved = None
    for line in lines:
        try:
            raw = None if json_too_deep(line) else json.loads(line)
        except (ValueError, RecursionError):
            continue  # a line cut short by a kill
        entry = entry_from(raw.get("slug") if isinstance(raw, dict) else None, raw)
        if entry is not None:
            m.entries[entry.slug] = entry
    return m
