"""``python -m keykis``."""

from keykis.cli import entry

entry()
