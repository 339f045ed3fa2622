"""The ASGI layer in front of every route: request bodies and response headers.

- **Body size** is counted as the bytes arrive, chunked or not: past the upload limit the
  request is answered 413 at once, before the rest is read (a ``Content-Length`` over the
  limit is refused before any byte).
- **Text** the store cannot keep (NUL, lone surrogates) and bodies that are not UTF-8 are
  refused with 400 naming the field: JSON and form bodies are checked whole here (they are
  small), query strings too; multipart text fields are checked by the upload service.
- **Headers**: every answer gets ``X-Content-Type-Options: nosniff``,
  ``X-Frame-Options: DENY``, a ``Content-Security-Policy`` and ``Cache-Control: no-store``
  (pages and answers belong to signed-in users); the API docs keep their own CSP-free page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import parse_qsl

from fastapi import HTTPException
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from countersight.exc import InputError
from countersight.service.text import check_text

SLACK = 65536  # multipart framing and form fields on top of the file itself
_BUFFERED = ("application/json", "application/x-www-form-urlencoded")
_DOCS = ("/docs", "/redoc", "/openapi.json")
# Routes that check their own text, naming fields in their own terms (service.matching).
_OWN_TEXT_CHECKS = ("/match/", "/search/")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


class TooLarge(HTTPException):
    """Raised from ``receive`` when a body passes the limit (FastAPI re-raises it)."""

    def __init__(self, detail: str) -> None:
        super().__init__(status_code=413, detail=detail)


def _json_answer(status: int, detail: str) -> list[Message]:
    body = json.dumps({"detail": detail, "status": status}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    return [
        {"type": "http.response.start", "status": status, "headers": headers},
        {"type": "http.response.body", "body": body},
    ]


def body_problem(media: str, body: bytes, text: bool = True) -> str | None:
    """Why a JSON or form body is refused: not UTF-8, or (with ``text``) holding text no
    store can keep."""
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"the request body is not UTF-8 (byte {exc.start})"
    if not text:
        return None
    try:
        if media == "application/json":
            if decoded.strip():
                check_text("", json.loads(decoded))
        else:
            for key, value in parse_qsl(decoded, keep_blank_values=True, errors="strict"):
                check_text(key, value)
    except UnicodeDecodeError:
        return "a form field is not UTF-8"
    except InputError as exc:
        return str(exc)
    except ValueError:
        return None  # malformed JSON: the route's own validation names the position
    return None


def query_problem(raw: bytes) -> str | None:
    """Why a query string is refused (a value with NUL or undecodable bytes)."""
    try:
        for key, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True, errors="strict"):
            check_text(key, value)
    except UnicodeDecodeError:
        return "the query string is not UTF-8"
    except InputError as exc:
        return str(exc)
    return None


class Guard:
    """Pure ASGI middleware: body limit, text checks and security headers."""

    def __init__(self, app: ASGIApp, limit_mb: Callable[[], int]) -> None:
        self.app = app
        self.limit_mb = limit_mb

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(scope, send)
        limit_mb = self.limit_mb()
        limit = limit_mb * 1024 * 1024 + SLACK
        too_large = f"the request body passed {limit_mb} MB, the upload limit"
        headers = Headers(scope=scope)
        own = str(scope.get("path", "")).startswith(_OWN_TEXT_CHECKS)
        problem = None if own else query_problem(scope.get("query_string", b""))
        length = headers.get("content-length", "")
        if problem:
            return await _answer(send, 400, problem)
        if length.isdigit() and int(length) > limit:
            return await _answer(send, 413, f"request body is {int(length):,} bytes; {too_large}")
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        over = [False]
        if media in _BUFFERED:
            body, more = await _read_body(receive, limit)
            if more:
                return await _answer(send, 413, too_large)
            if problem := body_problem(media, body, text=not own):
                return await _answer(send, 400, problem)
            receive = _replay(body, receive)
        else:
            receive = _counting(receive, limit, too_large, over)
        started = False

        async def tracking(message: Message) -> None:
            # Parsers may wrap the receive error (a task group's ExceptionGroup, a generic
            # "error parsing the body"): whatever they answer, a body past the limit is 413.
            nonlocal started
            if over[0]:
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _answer(send, 413, too_large)
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:
            if not over[0] or started:
                raise
            await _answer(send, 413, too_large)


async def _answer(send: Send, status: int, detail: str) -> None:
    for message in _json_answer(status, detail):
        await send(message)


async def _read_body(receive: Receive, limit: int) -> tuple[bytes, bool]:
    """The whole body, or (partial, True) as soon as it passes ``limit``."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(parts), False
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return b"", True
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts), False


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # later messages: http.disconnect

    return replay


def _counting(receive: Receive, limit: int, detail: str, over: list[bool]) -> Receive:
    size = 0

    async def counting() -> Message:
        nonlocal size
        message = await receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > limit:
                over[0] = True
                raise TooLarge(detail)
        return message

    return counting


def _with_headers(scope: Scope, send: Send) -> Send:
    path: str = scope.get("path", "")
    docs = path.startswith(_DOCS)

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in SECURITY_HEADERS.items():
                headers.setdefault(name, value)
            if not docs:
                headers.setdefault("content-security-policy", CSP)
                headers.setdefault("cache-control", "no-store")
        await send(message)

    return sending


__all__: list[str] = ["Guard", "body_problem", "query_problem"]
