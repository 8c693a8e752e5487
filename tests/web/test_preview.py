"""The live preview: the three editions over HTTP on 127.0.0.1, a version that moves on each save, errors shown."""

from __future__ import annotations

import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from keykis.model import load_case
from keykis.web.preview import Preview
from tests.helpers import CASES


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "ozerny-service-centre"
    shutil.copytree(CASES / "ozerny-service-centre", folder)
    return folder


def _get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:  # noqa: S310 - our own loopback server
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_serves_the_three_editions_on_loopback(case: Path) -> None:
    with Preview(case) as preview:
        assert preview.url.startswith("http://127.0.0.1:") and preview.port > 0
        status, handout = _get(preview.url)  # / leads to the handout
        assert status == 200 and "Раздаточный материал" in handout and 'lang="ru"' in handout
        assert "Может ли руководитель ЦОН сократить очереди" in handout
        assert 'role="img"' in handout and "/assets/reload.js" in handout
        _, research = _get(preview.url + "research")
        _, guidelines = _get(preview.url + "guidelines")
        synopsis = " ".join(str(load_case(case).data["guidelines"]["synopsis"]).split())
        assert synopsis[:40] in " ".join(guidelines.split()) and synopsis[:40] not in " ".join(handout.split())
        assert "Исследовательская редакция" in research
        status, css = _get(preview.url + "assets/screen.css")
        assert status == 200 and "max-width" in css
        assert _get(preview.url + "nothing")[0] == 404
        assert _get(preview.url + "handout", host="example.org")[0] == 403


def test_a_save_moves_the_version_and_wakes_a_waiting_page(case: Path) -> None:
    with Preview(case) as preview:
        seen: list[int] = []
        waiter = threading.Thread(target=lambda: seen.append(int(_get(preview.url + "events?since=0")[1])))
        waiter.start()
        file = case / "case.yaml"
        file.write_text(file.read_text(encoding="utf-8").replace("не хватало стульев", "не хватало скамеек"),
                        encoding="utf-8")
        waiter.join(timeout=30)
        assert seen and seen[0] >= 1
        _, page = _get(preview.url + "handout")
        assert "скамеек" in page and f'data-version="{preview.version}"' in page


def test_a_broken_file_shows_its_error_and_the_page_keeps_waiting(case: Path) -> None:
    (case / "case.yaml").write_text("keykis: 1\nid: x\ntitle: [unclosed\n", encoding="utf-8")
    with Preview(case, messages="en") as preview:
        status, page = _get(preview.url + "handout")
        assert status == 200 and "cannot be shown" in page and "case.yaml" in page
        assert "Traceback" not in page and "/assets/reload.js" in page


def test_stop_releases_a_waiting_page_and_the_port(case: Path) -> None:
    preview = Preview(case).start()
    answers: list[str] = []

    def wait() -> None:
        try:
            answers.append(_get(preview.url + "events?since=99")[1])
        except OSError:  # stopped before the request was taken: refused or reset, never a hang
            answers.append("closed")

    waiter = threading.Thread(target=wait)
    waiter.start()
    preview.stop()
    waiter.join(timeout=30)
    assert not waiter.is_alive() and answers
    with pytest.raises(OSError):
        _get(preview.url + "handout")


def test_a_file_that_went_missing_shows_an_error_page(case: Path) -> None:
    with Preview(case, messages="en") as preview:
        (case / "case.yaml").unlink()
        status, page = _get(preview.url + "research")
        assert status == 200 and "cannot be shown" in page and "Traceback" not in page
