"""Download one list file over HTTP(S): conditional, streamed, retried.

A request carries the ETag and Last-Modified of the previous download, so an unchanged
publication answers ``304 Not Modified`` and nothing is transferred. The body streams to a
file while its sha256 is computed. Network errors, timeouts and HTTP 5xx are retried with
exponential backoff; any other status, an HTML page instead of a list, or a body shorter
than its ``Content-Length`` fails the download. Proxies come from the environment
(``HTTPS_PROXY``, ``HTTP_PROXY``, ``NO_PROXY``), as httpx reads them.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2

from countersight.exc import CountersightError

USER_AGENT = "countersight (official list update)"
_CHUNK = 1 << 16


class DownloadFailed(CountersightError):
    """A list file could not be downloaded completely."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Timeouts and retries. ``sleep`` is injectable so tests need not wait."""

    timeout: float = 60.0
    retries: int = 3
    backoff: float = 2.0
    sleep: Callable[[float], None] = field(default=time.sleep)

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (0-based)."""
        return float(self.backoff * (2**attempt))


@dataclass(frozen=True, slots=True)
class Fetched:
    """What one request got: a new file (status 200) or ``not modified`` (304)."""

    url: str
    status: int
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    size: int | None = None
    content_type: str | None = None
    fetched_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def provenance(self) -> dict[str, Any]:
        """The record kept in the store's ``sources.fetch``."""
        return {
            "url": self.url,
            "status": self.status,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "sha256": self.sha256,
            "size": self.size,
            "content_type": self.content_type,
            "fetched_at": self.fetched_at,
        }


class _Retry(Exception):
    """A failure worth another attempt."""


def make_client(policy: FetchPolicy) -> httpx2.Client:
    """An HTTP client with the policy's timeout that honours proxy environment variables."""
    return httpx2.Client(
        timeout=httpx2.Timeout(policy.timeout),
        follow_redirects=True,
        trust_env=True,
        headers={"User-Agent": USER_AGENT},
    )


def conditional_headers(previous: dict[str, Any] | None) -> dict[str, str]:
    """``If-None-Match`` / ``If-Modified-Since`` from the previous download's validators."""
    headers: dict[str, str] = {}
    if previous and previous.get("etag"):
        headers["If-None-Match"] = str(previous["etag"])
    if previous and previous.get("last_modified"):
        headers["If-Modified-Since"] = str(previous["last_modified"])
    return headers


def fetch(
    client: httpx2.Client,
    url: str,
    target: Path,
    *,
    policy: FetchPolicy,
    previous: dict[str, Any] | None = None,
    on_bytes: Callable[[int, int | None], None] | None = None,
) -> Fetched:
    """Download ``url`` to ``target`` (see the module docstring); raises
    :class:`DownloadFailed` naming the URL and the last problem."""
    headers = conditional_headers(previous)
    problem = ""
    for attempt in range(policy.retries + 1):
        try:
            return _attempt(client, url, target, headers, on_bytes)
        except _Retry as exc:
            problem = str(exc)
        except httpx2.TimeoutException:
            problem = f"no answer within {policy.timeout:g} s (timeout)"
        except httpx2.TransportError as exc:
            problem = f"connection failed or broke off: {exc or type(exc).__name__}"
        if attempt < policy.retries:
            policy.sleep(policy.delay(attempt))
    tries = policy.retries + 1
    raise DownloadFailed(f"{url}: {problem} ({tries} attempt{'s' if tries > 1 else ''})")


def _attempt(
    client: httpx2.Client,
    url: str,
    target: Path,
    headers: dict[str, str],
    on_bytes: Callable[[int, int | None], None] | None,
) -> Fetched:
    with client.stream("GET", url, headers=headers) as response:
        status = response.status_code
        etag = response.headers.get("etag")
        modified = response.headers.get("last-modified")
        if status == 304:
            if not headers:
                raise DownloadFailed(
                    f"{url}: HTTP 304 Not Modified to a request without validators"
                )
            return Fetched(url, 304, etag or (headers.get("If-None-Match")), modified)
        if status >= 500:
            raise _Retry(f"HTTP {status} {response.reason_phrase}")
        if status != 200:
            raise DownloadFailed(f"{url}: HTTP {status} {response.reason_phrase}")
        content_type = response.headers.get("content-type", "")
        if content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml"):
            raise DownloadFailed(
                f"{url}: the server sent a web page (Content-Type {content_type}), not the list"
            )
        length = response.headers.get("content-length")
        expected = int(length) if length and length.isdigit() else None
        digest = hashlib.sha256()
        size = 0
        with target.open("wb") as out:
            for chunk in response.iter_bytes(_CHUNK):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                if on_bytes is not None:
                    on_bytes(len(chunk), expected)
        encoded = response.headers.get("content-encoding", "identity") != "identity"
        if expected is not None and not encoded and size != expected:
            raise _Retry(f"the body ended after {size} of {expected} bytes")
        return Fetched(url, 200, etag, modified, digest.hexdigest(), size, content_type or None)
