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


STEPS_LIMIT = 50


def _steps_file() -> Path:
    return state_file().with_name("last-steps.json")


def _last_steps() -> dict[str, str]:
    try:
        entries = json.loads(_steps_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(entries, dict) else {}


def last_step(path: Path) -> str | None:
    """The step of ``path`` the author last changed something in (None when not known)."""
    return _last_steps().get(str(path.resolve()))


def remember_step(path: Path, step_id: str) -> None:
    """Remember the step of ``path`` where the author is writing, for the next opening (kept out of the case file)."""
    key = str(path.resolve())
    entries = {key: step_id, **{k: v for k, v in _last_steps().items() if k != key}}
    try:
        _steps_file().parent.mkdir(parents=True, exist_ok=True)
        atomic_write(_steps_file(), json.dumps(dict(list(entries.items())[:STEPS_LIMIT]), ensure_ascii=False, indent=1),
                     backup=False)
    except OSError:
        pass
