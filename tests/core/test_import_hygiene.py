"""The core (model, schemas, checks, graph, rendering, build) never imports the UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import keykis

UI_PACKAGES = ("keykis.tui", "keykis.cli")


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(keykis.__path__, "keykis.")]
    return sorted(n for n in names if not n.startswith(UI_PACKAGES) and n != "keykis.__main__")


def test_core_modules_exist() -> None:
    mods = core_modules()
    assert {"keykis.model", "keykis.check", "keykis.graph", "keykis.yamlsafe"} <= set(mods)


@pytest.mark.slow
def test_core_never_imports_textual_or_rich() -> None:
    code = (
        "import importlib, sys\n"
        f"for m in {core_modules()!r}: importlib.import_module(m)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('textual', 'rich') or k.startswith('keykis.tui'))\n"
        "print(' '.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_check_command_does_not_load_the_ui_or_pdf_engine() -> None:
    code = (
        "import sys\n"
        "from keykis.cli import main\n"
        "rc = main(['check', 'cases/ozerny-service-centre', '--format', 'line'])\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in ('textual', 'weasyprint', 'rich')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_no_module_imports_another_modules_private_names() -> None:
    """A name with a leading underscore stays in its module; what others need gets a public name."""
    import ast
    from pathlib import Path

    root = Path(keykis.__file__).parent
    private = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("keykis"):
                private += [f"{path.relative_to(root.parent)}: {node.module}.{a.name}" for a in node.names
                            if a.name.startswith("_") and not a.name.startswith("__")]
    assert not private, "private names imported across modules:\n" + "\n".join(private)
