"""Recently opened cases, remembered between runs for the start screen."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keykis.casefile import atomic_write

LIMIT = 10


def state_file() -> Path:
    """Where the list lives: ``$KEYKIS_STATE_DIR`` or ``$XDG_STATE_HOME/keykis``."""
    base = os.environ.get("KEYKIS_STATE_DIR") or os.path.join(
        os.environ.get("XDG_STATE_HOME") or os.path.expanduser("~/.local/state"), "keykis")
    return Path(base) / "recent.json"


def recent() -> list[Path]:
    """Recent case files that still exist, newest first."""
    try:
        entries = json.loads(state_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(p) for p in entries if isinstance(p, str) and Path(p).is_file()][:LIMIT]


def remember(path: Path) -> None:
    """Put ``path`` first in the list (failures to write are ignored: it is a convenience)."""
    entries = [str(path.resolve())] + [str(p) for p in recent() if p.resolve() != path.resolve()]
    try:
        state_file().parent.mkdir(parents=True, exist_ok=True)
        atomic_write(state_file(), json.dumps(entries[:LIMIT], ensure_ascii=False, indent=1), backup=False)
    except OSError:
        pass
