"""A case whose strings carry HTML, CSS, file links, template and DOT syntax renders them as text.

A real HTTP listener on localhost counts connections and a secret file sits
beside (not inside) the case folder: rendering must touch neither.
"""

from __future__ import annotations

import copy
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from keykis.model import Case, load_case
from keykis.render import render_case
from keykis.render.graph_dot import concept_dot, quote
from tests.helpers import EXAMPLE
from tests.render.pdfread import text

pytestmark = pytest.mark.slow
SECRET = "TOP-SECRET-CANARY-7731"


@pytest.fixture()
def listener() -> Iterator[tuple[str, list[int]]]:
    """A TCP listener on localhost that counts every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    hits: list[int] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", hits
    stop.set()
    thread.join(2)
    server.close()


def _hostile_case(tmp_path: Path, base: str) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    data = copy.deepcopy(load_case(EXAMPLE).data)
    data["title"] = "Может ли <script>alert(1)</script> {{ 7*7 }} руководитель?"
    data["narrative"]["internal"] = (
        f'<img src="file://{secret}"> <link rel="stylesheet" href="{base}/x.css">'
        f'<style>@import url("{base}/i.css"); body {{ background: url(file://{secret}) }}</style> '
        f"[ссылка](file://{secret}) [сеть]({base}/page) {{% include 'case.html.j2' %}} {{{{ c.case.data }}}}"
    )
    data["theory"] = f"![картинка]({base}/img.png) ![файл](file://{secret}) url({base}/bg.png)"
    data["actors"][0]["alias"] = 'Иванов"]; x [label="pwned'
    data["actors"][1]["name"] = "<b>Операторы</b> \\N \\G"
    data["relations"][0]["label"] = 'a" -> b [URL="file:///etc/passwd"'
    data["references"][0]["url"] = f"file://{secret}"
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "case.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return folder


def test_hostile_strings_render_as_text(tmp_path: Path, listener: tuple[str, list[int]]) -> None:
    base, hits = listener
    folder = _hostile_case(tmp_path, base)
    out = tmp_path / "out"
    result = render_case(folder, out, html=True)
    assert result.pages["case.pdf"] >= 1 and result.pages["guidelines.pdf"] >= 5
    case_text = text(out / "case.pdf").replace("«", '"').replace("»", '"')  # typographic quotes of the text
    assert "<script>alert(1)</script>" in case_text and "{{ 7*7 }}" in case_text and " 49 " not in case_text
    assert "{% include 'case.html.j2' %}" in case_text and "{{ c.case.data }}" in case_text
    assert f'<img src="file://{tmp_path}' in case_text
    all_text = case_text + text(out / "guidelines.pdf") + text(out / "graph.pdf") + (out / "graph.svg").read_text()
    assert SECRET not in all_text
    assert 'Иванов"]; x [label="pwned' in text(out / "graph.pdf")
    assert hits == [], "a network connection was made"
    html = (out / "case.html").read_text()
    assert "<script>" not in html and "<style>" not in html and "<link" not in html
    assert 'href="file:' not in html and f'href="{base}/page"' in html


def test_dot_labels_are_quoted() -> None:
    assert quote('a"b\\N') == '"a\\"b\\\\N"'
    case = Case(copy.deepcopy(load_case(EXAMPLE).data))
    case.data["actors"][0]["alias"] = 'x"]; evil [shape=none image="/etc/passwd"]; y ["'
    dot = concept_dot(case, "ru")
    assert "image=" not in dot.replace('image=\\"', "")
    assert 'x\\"]; evil' in dot
