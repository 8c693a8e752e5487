"""A live preview of one case in the browser: its editions as HTML, reloaded on every save.

The standard library's HTTP server, in threads, on ``127.0.0.1`` only (a
request naming another host is refused). A watcher thread looks at the case
file every ``POLL`` seconds (size, modification time and inode, so the
editor's atomic save counts); each change bumps a version number. The page
asks ``/events?since=N`` (a long poll: the answer waits until the version
passes N) and reloads itself when it does. Pages are rendered on request from
the file as it is on disk; a file that does not load shows its error, and the
page still reloads when it is fixed.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from keykis.errors import KeykisError, UserError
from keykis.model import case_file, load_case
from keykis.paths import templates_dir
from keykis.render.engine import render_html
from keykis.vocabulary import LANGS, error_message, say
from keykis.web.editions import EDITIONS, HANDOUT, render_edition

HOST = "127.0.0.1"
POLL = 0.03
"""Seconds between two looks at the case file."""
LONG_POLL = 20.0
"""Seconds an ``/events`` request waits before answering "nothing new"."""
ASSET_CACHE = "max-age=600"
"""Styles and the reload script are kept by the browser across reloads (the page itself never is)."""
ASSETS = {"screen.css": ("web/screen.css", "text/css"), "print.css": ("print.css", "text/css"),
          "reload.js": ("web/reload.js", "text/javascript")}


def _stamp(path: Path) -> tuple[int, int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (0, 0, 0)
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class Preview:
    """A preview server for one case; ``start()`` serves it in the background, ``stop()`` ends it."""

    def __init__(self, case: Path, *, port: int = 0, lang: str | None = None, messages: str = "en") -> None:
        self.file = case_file(case)
        self.lang = lang if lang in LANGS else None
        self.messages = messages
        self.version = 0
        self._stamp = _stamp(self.file)
        self._changed = threading.Condition()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._renders: dict[tuple[int, str], Future[str]] = {}
        self._last = HANDOUT
        """The edition last asked for: rendered ahead as soon as the file changes."""
        self.server = _Server((HOST, port), _handler(self))

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        """The address to open."""
        return f"http://{HOST}:{self.port}/"

    def start(self) -> Preview:
        """Serve and watch in background threads."""
        for target in (self.server.serve_forever, self._watch):
            t = threading.Thread(target=target, daemon=True, name=f"keykis-preview-{target.__name__}")
            t.start()
            self._threads.append(t)
        return self

    def stop(self) -> None:
        """Stop serving, release the waiting pages and close the socket."""
        self._stopping.set()
        with self._changed:
            self._changed.notify_all()
        self.server.shutdown()
        self.server.server_close()
        for t in self._threads:
            t.join(timeout=2)

    def __enter__(self) -> Preview:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- watching -----------------------------------------------------------
    def _watch(self) -> None:
        while not self._stopping.wait(POLL):
            stamp = _stamp(self.file)
            if stamp != self._stamp:
                self._stamp = stamp
                with self._changed:
                    self.version += 1
                    version = self.version
                    self._changed.notify_all()
                self._render_soon(version, self._last)  # while the browser is on its way back

    def wait_for_change(self, since: int, timeout: float = LONG_POLL) -> int:
        """The version once it is past ``since`` (or after ``timeout``, or when stopping)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.version <= since and not self._stopping.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return self.version

    # -- pages ------------------------------------------------------------------
    def page(self, edition: str) -> str:
        """The HTML of one edition as the case file is now (its error, if it does not load).

        A render the watcher started when the file changed is waited for rather than done twice.
        """
        self._last = edition
        return self._render_soon(self.version, edition).result()

    def _render_soon(self, version: int, edition: str) -> Future[str]:
        """The render of ``edition`` at ``version``: the one under way, or a new one (older ones are dropped)."""
        with self._lock:
            key = (version, edition)
            future = self._renders.get(key)
            if future is None:
                future = Future()
                self._renders = {k: f for k, f in self._renders.items() if k[0] >= version}
                self._renders[key] = future
                threading.Thread(target=self._fill, args=(future, version, edition), daemon=True).start()
            return future

    def _fill(self, future: Future[str], version: int, edition: str) -> None:
        try:
            future.set_result(self._render(version, edition))
        except BaseException as exc:  # handed to the request that waits for it
            future.set_exception(exc)

    def _render(self, version: int, edition: str) -> str:
        lang = self.lang or "en"
        try:
            from keykis.gate import require_case

            case = require_case(load_case(self.file))
            e = render_edition(case, edition, self.lang)
            lang = e.lang
            return render_html("web/preview.html.j2", e=e, edition=edition, editions=EDITIONS, lang=lang, root="/",
                               version=version, error="", entry={"pdfs": []})
        except (KeykisError, OSError, ValueError, RecursionError) as exc:  # a page that says what is wrong, no traceback
            lang = self.lang or self.messages
            message = error_message(exc, lang) if isinstance(exc, UserError) else str(exc)
            where = exc.where() if isinstance(exc, UserError) else ""
            return render_html("web/preview.html.j2", e=None, edition=edition, editions=EDITIONS, lang=lang, root="/",
                               version=version, error=where + message, entry={"pdfs": []})


class _Server(ThreadingHTTPServer):
    """The threaded server; a page that went away mid-answer (a reload, a closed tab) is no error."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "keykis-preview"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            pass  # the terminal shows the address, not every request

        def _send(self, status: int, body: bytes, kind: str, cache: str = "no-store", **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", cache)
            self.send_header("X-Content-Type-Options", "nosniff")
            for k, v in headers.items():
                self.send_header(k.replace("_", "-"), v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self) -> None:  # noqa: N802 - http.server's name
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            if host not in (HOST, "localhost"):
                self._send(HTTPStatus.FORBIDDEN, b"", "text/plain")
                return
            url = urlsplit(self.path)
            name = url.path.strip("/")
            if name == "":
                self._send(HTTPStatus.FOUND, b"", "text/plain", Location=f"/{HANDOUT}")
            elif name in EDITIONS:
                body = preview.page(name).encode()
                self._send(HTTPStatus.OK, body, "text/html; charset=utf-8")
            elif name == "events":
                try:
                    since = int((parse_qs(url.query).get("since") or ["0"])[0])
                except ValueError:
                    since = 0
                version = preview.wait_for_change(since)
                self._send(HTTPStatus.OK, str(version).encode(), "text/plain; charset=utf-8")
            elif name.startswith("assets/") and name[len("assets/"):] in ASSETS:
                source, kind = ASSETS[name[len("assets/"):]]
                self._send(HTTPStatus.OK, (templates_dir() / source).read_bytes(), f"{kind}; charset=utf-8",
                           cache=ASSET_CACHE)
            else:
                self._send(HTTPStatus.NOT_FOUND, say("web.not_found", preview.lang or preview.messages).encode(),
                           "text/plain; charset=utf-8")

    return Handler
