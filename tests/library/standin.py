"""A stand-in for ``keykis.render.render_case``: fast, and able to misbehave on request.

It writes small files named like the real outputs, holding the case title,
so the build's bookkeeping can be tested without laying out PDFs. A case
whose ``meta.short_title`` says ``hang``, ``crash`` or ``boom`` makes it
sleep, kill its process or raise; ``KEYKIS_STANDIN_DELAY`` (seconds) slows
every case down, for killing a build half-way.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any


def render(case: Any, outdir: Path, *, editions: Any = ("student", "teacher"), html: bool = False,
           archival: bool = False, lang: str | None = None) -> SimpleNamespace:
    """Write case.pdf, graph.svg, graph.pdf and guidelines.pdf stand-ins."""
    mode = str(case.meta.get("short_title", ""))
    time.sleep(float(os.environ.get("KEYKIS_STANDIN_DELAY", "0")))
    if mode == "hang":
        time.sleep(60)
    elif mode == "crash":
        os._exit(3)
    elif mode == "boom":
        raise RuntimeError("the layout engine gave up")
    outdir = Path(outdir)
    (outdir / "case.pdf").write_text(f"CASE {case.title}\narchival={archival}\n", encoding="utf-8")
    (outdir / "graph.svg").write_text("<svg/>", encoding="utf-8")
    (outdir / "graph.pdf").write_text("GRAPH", encoding="utf-8")
    pages = {"case.pdf": 3, "graph.pdf": 1}
    if "teacher" in editions:
        (outdir / "guidelines.pdf").write_text("GUIDELINES", encoding="utf-8")
        pages["guidelines.pdf"] = 5
    return SimpleNamespace(outputs=[outdir / n for n in pages], pages=pages)


SPEC = f"{__name__}:render"
"""The ``renderer`` option that points a build at this stand-in."""


def render_editions(case: Any, outdir: Path, *, editions: Any = ("handout", "research", "teacher"), html: bool = False,
                    archival: bool = False, lang: str | None = None) -> SimpleNamespace:
    """Write graph.svg, graph.pdf and one file per edition, as the real renderer names them, and append
    ``<case folder> <file>`` to ``written.log`` beside OUTDIR as each is written (the order documents appear).

    The log's place comes from the staging folder (``OUTDIR/.staging/<slug>.*``), not from the environment:
    a worker pool's fork server keeps the environment of the first build in the test process.
    """
    from keykis.render import FILES

    outdir = Path(outdir)
    log = outdir.parents[2] / "written.log" if outdir.parent.name == ".staging" else None
    pages = {}
    for name in ("graph.svg", "graph.pdf", *(FILES[e] for e in editions)):
        (outdir / name).write_text(f"{name} {case.title}\n", encoding="utf-8")
        if name.endswith(".pdf"):
            pages[name] = 2
        if log:
            with open(log, "a", encoding="utf-8") as f:
                f.write(f"{outdir.name.split('.')[0]} {name}\n")
    return SimpleNamespace(outputs=[outdir / n for n in pages], pages=pages)
