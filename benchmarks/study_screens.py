"""The screenshots of docs/student-guide.md and docs/instructor-guide.md.

The study screen is driven with Textual's Pilot at 80×24 and 160×45 on a copy
of a worksheet of the test class, and saved as SVG; the class review's first
pages are rendered from the 30-worksheet test class and saved as PNG.

    python benchmarks/study_screens.py
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "ozerny-service-centre"
CLASS = ROOT / "tests" / "study" / "data" / "class30"
IMG = ROOT / "docs" / "img"


async def screens(folder: Path) -> None:
    """Study screen SVGs: a fresh worksheet, a problem's form, the decision grid, the case side."""
    from keykis.tui.study import make_study_app
    from keykis.tui.study.screen import StudyScreen

    fresh = make_study_app(CASE, folder / "new.yaml", lang="ru", student="Айгерим Нурланова", group="ГМУ-21")
    async with fresh.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.5)
        fresh.save_screenshot(str(IMG / "study-new-80x24.svg"))
        await pilot.press("ctrl+n")
        await pilot.pause(0.8)
        await pilot.press("enter")
        await pilot.pause(0.8)
        fresh.save_screenshot(str(IMG / "study-problem-form-80x24.svg"))
    sheet = folder / "done.yaml"
    shutil.copy(CLASS / "01-21001.yaml", sheet)
    done = make_study_app(CASE, sheet, lang="ru")
    async with done.run_test(size=(160, 45)) as pilot:
        screen = done.screen
        assert isinstance(screen, StudyScreen)
        await pilot.pause(1.5)
        await screen.show_part("decision_matrix")
        await pilot.pause(0.8)
        screen.focus_part()
        await pilot.pause(0.3)
        done.save_screenshot(str(IMG / "study-decision-160x45.svg"))
        screen.query_one("#case-side").active = "mine"  # type: ignore[attr-defined]
        await pilot.pause(0.5)
        done.save_screenshot(str(IMG / "study-my-chain-160x45.svg"))


def review_pages(folder: Path) -> None:
    """The first pages of review.pdf and one feedback PDF, as PNG."""
    keykis = Path(sys.executable).with_name("keykis")
    subprocess.run([str(keykis), "review", str(CASE), str(CLASS), "-o", str(folder / "r"), "--lang", "ru",
                    "--feedback", str(folder / "f")], capture_output=True, check=False)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(folder / "r" / "review.pdf"),
                    str(IMG / "review-page")], check=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(folder / "f" / "23-22010.pdf"),
                    str(IMG / "review-feedback")], check=True)


def main() -> None:
    """Write every screenshot into docs/img."""
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(screens(Path(tmp)))
        review_pages(Path(tmp))


if __name__ == "__main__":
    main()
