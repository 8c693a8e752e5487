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

from keykis import atomic
from keykis.card import Card, no_card

MANIFEST = "manifest.json"
JOURNAL = "manifest.journal"
FORMAT = 1


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
    _saved: tuple[object, ...] | None = field(default=None, repr=False, compare=False)
    """What ``manifest.json`` on disk holds (None: unknown, or a journal is still to be folded in)."""

    def _state(self) -> tuple[object, ...]:
        # Entries are replaced, never changed in place: their identities say which ones are new.
        return dict(self.shared), self.catalogue, {slug: id(e) for slug, e in self.entries.items()}

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
            "cases": {slug: asdict(e) for slug, e in sorted(self.entries.items())},
        }
        atomic.write_text(outdir / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1))
        (outdir / JOURNAL).unlink(missing_ok=True)
        self._saved = self._state()
        return True


def load_manifest(outdir: Path) -> Manifest:
    """The manifest of ``outdir`` with its journal folded in; empty if there is none or it is unreadable."""
    m = Manifest()
    try:
        data = json.loads((outdir / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") == FORMAT:
            m.shared = dict(data.get("shared") or {})
            m.catalogue = str(data.get("catalogue") or "")
            m.entries = {slug: Entry(**e) for slug, e in (data.get("cases") or {}).items()}
            m._saved = m._state()
    except (OSError, ValueError, TypeError):
        m = Manifest()  # unreadable: written anew
    try:
        lines = (outdir / JOURNAL).read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    if lines:
        m._saved = None
    for line in lines:
        try:
            e = Entry(**json.loads(line))
        except (ValueError, TypeError):
            continue  # a line cut short by a kill
        m.entries[e.slug] = e
    return m
