"""A new case skeleton: every step present, ready to fill in by hand or in the editor."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from keykis import atomic
from keykis.errors import UserError
from keykis.method import method
from keykis.model import CASE_FILE
from keykis.paths import schemas_dir
from keykis.vocabulary import say

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _step_comment(step_id: str, lang: str, indent: str) -> str:
    step = method().step_by_id[step_id]
    return f"{indent}# {say('editor.step', lang)} {step.n}. {step.title[lang]}: {step.prompt[lang]}"


def skeleton_text(slug: str, lang: str = "ru", *, schema_ref: str = "../../schemas/case.schema.json") -> str:
    """The text of a new ``case.yaml`` with the step prompts as comments in ``lang``."""
    template = (schemas_dir() / "case.skeleton.yaml").read_text(encoding="utf-8")
    lines = []
    for line in template.splitlines():
        match = re.fullmatch(r"(\s*)\{step:(\w+)\}", line)
        lines.append(_step_comment(match.group(2), lang, match.group(1)) if match else line)
    return "\n".join(lines).format(
        slug=slug, today=date.today().isoformat(), schema=schema_ref, lang=lang, hint=say("skeleton.hint", lang)
    ) + "\n"


MAX_SLUG = 64
"""Longest case id: it is a folder name, a URL part and a file name prefix on every system."""


def check_slug(slug: str) -> str:
    """Return ``slug`` if it is a plain case id (one folder name); raise ``UserError`` otherwise.

    ``../evil``, ``/abs/path``, ``a/b`` and names longer than ``MAX_SLUG`` are refused, so
    ``keykis new`` never writes outside the collection folder.
    """
    if len(slug) > MAX_SLUG:
        raise UserError(f"the case id is {len(slug)} characters long; use at most {MAX_SLUG}",
                        words=("file.id_too_long", {"length": len(slug), "limit": MAX_SLUG}))
    if not _SLUG.match(slug):
        shown = slug if slug.isprintable() else slug.encode("unicode_escape").decode()
        raise UserError(f"'{shown}' is not a usable case id: use one name of lowercase latin letters, digits and '-' "
                        "(no folders, no '..')", words=("file.bad_id", {"id": shown}))
    return slug


def new_case(folder: Path, *, lang: str = "ru") -> Path:
    """Write ``folder/case.yaml`` for a new case; refuse to overwrite anything."""
    slug = check_slug(folder.name)
    target = folder / CASE_FILE
    if target.exists():
        raise UserError("a case already exists here; nothing was changed", words=("file.case_exists", {}), path=str(target))
    folder.mkdir(parents=True, exist_ok=True)
    schema = Path(os.path.relpath(schemas_dir() / "case.schema.json", folder.resolve())).as_posix()
    if schema.startswith("../../../"):
        schema = (schemas_dir() / "case.schema.json").as_posix()
    number = f'\nmeta:\n  number: "{next_number(folder.parent)}"\n'
    text = skeleton_text(slug, lang, schema_ref=schema).replace("\nmeta:\n", number, 1)
    atomic.write_text(target, text)
    return target


_NUMBER = re.compile(r"^  number:\s*[\"']?(\d+)[\"']?\s*$", re.MULTILINE)


def next_number(collection: Path) -> int:
    """The next free case number of the collection in ``collection``: one more than the largest given.

    Numbers are assigned once, here, and stored in the case; they are never
    recomputed (a case that leaves the collection leaves its number unused).
    """
    found = [0]
    for file in sorted(collection.glob(f"*/{CASE_FILE}"))[:100000]:
        try:
            found += [int(n) for n in _NUMBER.findall(file.read_text(encoding="utf-8", errors="replace"))]
        except OSError:
            continue
    return max(found) + 1
