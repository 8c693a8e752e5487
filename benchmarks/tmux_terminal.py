"""A real terminal for the keyboard runs: one tmux session, keys sent one at a time, the screen read back."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterable


class Terminal:
    """One tmux session of ``width``×``height`` running ``command``.

    After each key it waits ``pause`` seconds, or ``slow`` after a key in
    ``slow_keys`` (one that opens or closes something).
    """

    def __init__(self, name: str, command: str, *, width: int = 80, height: int = 24, pause: float = 0.3,
                 slow: float = 1.2, slow_keys: Iterable[str] = ("Enter", "C-n", "C-b", "Escape")) -> None:
        self.name, self.pause, self.slow, self.slow_keys = name, pause, slow, frozenset(slow_keys)
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, check=False)
        subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command],
                       check=True)

    def keys(self, *keys: str) -> None:
        """Press keys (tmux key names), one at a time."""
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(self.slow if key in self.slow_keys else self.pause)

    def type(self, text: str) -> None:
        """Type text literally."""
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        time.sleep(self.pause + len(text) * 0.01)

    def screen(self) -> str:
        """What the terminal shows now."""
        out = subprocess.run(["tmux", "capture-pane", "-t", self.name, "-p"], capture_output=True, text=True,
                             check=True).stdout
        return out.rstrip("\n")

    def wait_for(self, pattern: str, timeout: float = 30.0) -> bool:
        """Wait until ``pattern`` (a regular expression) is on the screen."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if re.search(pattern, self.screen()):
                return True
            time.sleep(0.2)
        return False

    def close(self) -> None:
        """End the session."""
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True, check=False)
