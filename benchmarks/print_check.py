"""Print the figures of the print check for every PDF under a folder (``out/`` of ``make demo``).

    .venv/bin/python benchmarks/print_check.py out [more folders...]
    .venv/bin/python benchmarks/print_check.py --study /tmp/study   # the worksheet, review and feedback pages too

One line per document: pages, smallest glyph in points, glyphs below 6 and 7 pt,
pages under a quarter full (the last page excepted), internal codes printed,
fonts not embedded, hyphenated line ends per 100 lines of body text, lines
past the margin, tight spans; then what the words measure
(``keykis.render.proof_words``): lines ending on a one-letter word, lines
starting with a dash, pages whose last line is hyphenated across the page
break, pages opening on a stranded source line or table key, rule ids and
absolute paths printed, and answer sentences found in a student handout
(read against the case file the research edition beside it carries); on a
graph page (from the ``graph.svg`` beside it), labels of different edges
standing side by side and edges drawn through a region's name; on a
handout or a case, the same for the concept graph printed in its text (type
under 7 pt from the figure's marks, labels from its drawing). With
``--study DIR`` a student's worksheet, a class review and the feedback PDFs of
a bundled case are first written to DIR in ru, kk and en
(``benchmarks/study_pages.py``) and measured the same way. Then what the
figures and tables measure (``benchmarks.proof_floats``): pages left more
than a third empty before a figure or table, and tables under half a page
split across pages. Needs the development dependencies (pdfplumber).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.proof import documents, report  # noqa: E402

if __name__ == "__main__":
    folders = sys.argv[1:] or ["out"]
    if "--study" in folders:
        at = folders.index("--study")
        study = Path(folders[at + 1])
        from benchmarks.study_pages import write_study_pages

        write_study_pages(study)
        folders[at:at + 2] = [str(study)]
    for folder in folders:
        root = Path(folder)
        print(f"## {root}")
        print(report(documents(root), root))
