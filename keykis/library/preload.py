"""Warm-up imported once by the fork server that starts build workers.

Workers are forked from a server process that imports this module first,
so each new worker (and each recycled one) starts with the method schemas
parsed, the checker's validators compiled and WeasyPrint imported, instead
of paying about a second for them on its first case.
"""

from __future__ import annotations

from pathlib import Path


def warm() -> None:
    """Fill the per-process caches a build worker needs."""
    from keykis.check import check_case
    from keykis.model import Case, find_cases, load_case

    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # a build that never renders (stand-ins, checks only) can do without it
        pass
    examples = find_cases([Path(__file__).resolve().parents[2] / "cases"])
    case = load_case(examples[0]) if examples else Case({"keykis": 1, "id": "warm-up", "title": ""})
    check_case(case)


warm()
