"""During a build a document two passes make (the graph page) is laid out once, kept by the hash of its inputs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from keykis.render import graph_dot, render_case
from keykis.render.engine import PdfJob, job_key, write_pdf
from tests.render.pdfread import text

ROOT = Path(__file__).resolve().parents[2]
LAKE = '<html lang="ru"><body><h1 id="lake">Озёрный</h1><p>Центр обслуживания населения открыт с девяти.</p></body></html>'
STEPPE = '<html lang="ru"><body><h1 id="steppe">Степной</h1><p>Приём граждан ведёт заместитель акима.</p></body></html>'


def test_a_shared_document_is_kept_and_the_next_process_takes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / ".graphs"
    monkeypatch.setenv(graph_dot.SHARED_ENV, str(shared))
    first = PdfJob(html=LAKE, target=tmp_path / "a" / "graph.pdf", shared=True)
    pages, _ = write_pdf(first)
    key = job_key(first)
    assert pages == 1 and (shared / f"{key}.pdf").read_bytes() == first.target.read_bytes()
    assert "Центр обслуживания" in text(first.target)
    # the next process asks for the same inputs: it takes what is kept (here the other document), not a layout
    other = PdfJob(html=STEPPE, target=tmp_path / "other.pdf")
    write_pdf(other)
    shutil.copyfile(other.target, shared / f"{key}.pdf")
    again = PdfJob(html=LAKE, target=tmp_path / "b" / "graph.pdf", shared=True)
    assert write_pdf(again)[0] == 1
    assert "заместитель акима" in text(again.target)
    assert again.anchor_pages == {"lake": 0}  # what the first layout found travels with the file
    # other inputs, another layout
    changed = PdfJob(html=STEPPE.replace("Степной", "Луговой"), target=tmp_path / "c" / "graph.pdf", shared=True)
    write_pdf(changed)
    assert "Луговой" in text(changed.target) and job_key(changed) != key
    assert not list(shared.glob("*.tmp"))


def test_outside_a_build_or_unshared_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(graph_dot.SHARED_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    write_pdf(PdfJob(html=LAKE, target=tmp_path / "out" / "graph.pdf", shared=True))
    shared = tmp_path / ".graphs"
    monkeypatch.setenv(graph_dot.SHARED_ENV, str(shared))
    write_pdf(PdfJob(html=LAKE, target=tmp_path / "out" / "case.pdf"))
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["case.pdf", "graph.pdf"]


@pytest.mark.slow
def test_the_handout_pass_and_the_pass_after_it_make_one_graph_page(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / ".graphs"
    monkeypatch.setenv(graph_dot.SHARED_ENV, str(shared))
    case = ROOT / "cases" / "ozerny-service-centre"
    render_case(case, tmp_path / "first", editions=("handout",), archival=True)
    render_case(case, tmp_path / "second", editions=("research", "teacher"), archival=True)
    assert len(list(shared.glob("*.pdf"))) == 1  # one graph page kept: the second pass's inputs were the same
    assert text(tmp_path / "first" / "graph.pdf") == text(tmp_path / "second" / "graph.pdf")
    assert text(tmp_path / "second" / "guidelines.pdf")
