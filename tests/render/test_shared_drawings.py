"""During a build the workers keep Graphviz drawings for each other, by the hash of the DOT source."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from keykis.render import graph_dot

SOURCE = 'digraph { "акимат" -> "жители" [label="услуга"] }\n'


def test_a_drawing_is_kept_in_the_shared_folder_and_read_back_from_it(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / ".graphs"
    monkeypatch.setenv(graph_dot.SHARED_ENV, str(shared))
    monkeypatch.setattr(graph_dot, "_cache", {})
    svg = graph_dot.draw(SOURCE)
    kept = shared / f"{hashlib.sha256(SOURCE.encode()).hexdigest()}.svg"
    assert kept.read_bytes() == svg and b"<svg" in svg
    # another worker (its own memory empty) takes the drawing from the folder instead of drawing it again
    kept.write_bytes(svg.replace("услуга".encode(), "обслуживание".encode()))
    monkeypatch.setattr(graph_dot, "_cache", {})
    assert "обслуживание".encode() in graph_dot.draw(SOURCE)
    assert not list(shared.glob("*.tmp"))


def test_without_a_build_nothing_is_written_beside_the_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(graph_dot.SHARED_ENV, raising=False)
    monkeypatch.setattr(graph_dot, "_cache", {})
    monkeypatch.chdir(tmp_path)
    assert b"<svg" in graph_dot.draw(SOURCE)
    assert list(tmp_path.iterdir()) == []
