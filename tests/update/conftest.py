"""A publisher on loopback: serves real list files with ETags, and misbehaves on demand.

Files are served under ``/{publisher host}{path}``, the layout ``COUNTERSIGHT_LIST_MIRROR``
fetches from, so the catalogue's own URLs reach this server. Each path can be told to
answer 500, to cut its body short, to answer slowly, to send an HTML page, or to serve
different bytes (a newer or a much smaller publication).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from countersight.service.context import Context, open_context
from countersight.service.fetch import FetchPolicy
from countersight.settings import Settings
from countersight.sources.catalogue import Catalogue, packaged

TEST_DATA = Path(__file__).resolve().parents[1] / "data"
EU_A = TEST_DATA / "eu" / "eu-fsf-2026-08-05-excerpt-a.xml"
UK_0910 = TEST_DATA / "uk" / "uk-sanctions-list-2026-09-10-excerpt.xml"


@dataclass
class Route:
    body: bytes
    content_type: str = "application/xml"
    # Misbehaviour: "500", "304" (always), "truncate" (Content-Length larger than the body sent),
    # "cut" (no Content-Length, connection closed half-way), "slow", "html".
    mode: str | None = None
    fail_times: int | None = None  # misbehave this many times, then answer properly

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class Publisher:
    """The fake publisher's state, shared with its request handler threads."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""
    slow_seconds: float = 2.0

    def serve(self, url: str, body: bytes, content_type: str = "application/xml") -> Route:
        """Serve ``body`` for the catalogue URL ``url``."""
        parts = urlsplit(url)
        path = f"/{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        self.routes[path] = Route(body, content_type)
        return self.routes[path]

    def hits(self, fragment: str) -> int:
        return sum(1 for path, _ in self.requests if fragment in path)


def _handler(publisher: Publisher) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            path = self.path
            if path.startswith("http://"):  # asked as a proxy: absolute URI
                parts = urlsplit(path)
                path = f"/{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")
            publisher.requests.append((path, dict(self.headers.items())))
            route = publisher.routes.get(path)
            if route is None:
                self._send(404, b"not found", "text/plain")
                return
            mode = route.mode
            if mode and route.fail_times is not None:
                if route.fail_times <= 0:
                    mode = None
                else:
                    route.fail_times -= 1
            if mode == "304" or (mode is None and self.headers.get("If-None-Match") == route.etag):
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if mode == "500":
                self._send(500, b"internal error", "text/plain")
            elif mode == "html":
                self._send(200, b"<html><body>Please log in</body></html>", "text/html")
            elif mode == "slow":
                time.sleep(publisher.slow_seconds)
                self._send(200, route.body, route.content_type, route.etag)
            elif mode == "truncate":
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body[: len(route.body) // 2])
                self.close_connection = True
            elif mode == "cut":
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(route.body[: len(route.body) // 2])
                self.close_connection = True
            else:
                self._send(200, route.body, route.content_type, route.etag)

        def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", "Wed, 05 Aug 2026 14:47:04 GMT")
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def publisher(monkeypatch: pytest.MonkeyPatch) -> Iterator[Publisher]:
    """A started fake publisher on 127.0.0.1 (no proxy from the environment applies)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    state = Publisher()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def mirrored_ctx(settings: Settings, publisher: Publisher) -> Iterator[Context]:
    """A service context whose list mirror is the fake publisher."""
    context = open_context(replace(settings, list_mirror=publisher.base))
    yield context
    context.store.close()


FAST = FetchPolicy(timeout=0.5, retries=1, backoff=0.0)


def excerpt_catalogue() -> Catalogue:
    """The packaged catalogue's EU and UK entries with a floor the excerpts pass."""
    entries = [
        e.model_copy(update={"min_records": 1})
        for e in packaged().lists
        if e.dataset in ("eu_fsf", "gb_fcdo_sanctions")
    ]
    return Catalogue(lists=tuple(entries))


def url_of(dataset: str) -> str:
    entry = next(e for e in packaged().lists if e.dataset == dataset and e.default)
    return entry.files[0].url


def uk_without_bnk() -> bytes:
    """The UK excerpt as it was before BNK (UK) Ltd was designated."""
    text = UK_0910.read_text(encoding="utf-8")
    record = text.index("<UniqueID>BEL0107</UniqueID>")
    start = text.rindex("<Designation>", 0, record)
    end = text.index("</Designation>", record) + len("</Designation>")
    return (text[:start] + text[end:]).encode("utf-8")
