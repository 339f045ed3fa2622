"""Monitoring: a watch re-screened after a list update names the new flag, and a webhook
receiver on loopback gets one signed delivery, after a first 500."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from countersight.service import watches
from countersight.service.context import Context
from countersight.service.update import Outcome, UpdateOptions, update_lists
from countersight.store import watches as store_watches
from tests.conftest import Cli
from tests.update.conftest import (
    FAST,
    UK_0910,
    Publisher,
    excerpt_catalogue,
    uk_without_bnk,
    url_of,
)

UK_URL = url_of("gb_fcdo_sanctions")
OPTIONS = UpdateOptions(catalogue=excerpt_catalogue(), policy=FAST)


@dataclass
class Receiver:
    """A webhook receiver that answers 500 the first ``failures`` times."""

    failures: int = 1
    received: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append((body, dict(self.headers.items())))
            status = 500 if state.failures > 0 else 204
            state.failures -= 1
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/countersight"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def suppliers(tmp_path: Path) -> Path:
    path = tmp_path / "suppliers.csv"
    path.write_text("Supplier Name,Amount\nBNK (UK) Ltd,1200\nOxford Bus Company,300\n")
    return path


def test_new_designation_reaches_the_digest_and_a_signed_webhook(
    mirrored_ctx: Context, publisher: Publisher, receiver: Receiver, suppliers: Path
) -> None:
    publisher.serve(UK_URL, uk_without_bnk())
    [first] = update_lists(mirrored_ctx, ["gb_fcdo_sanctions"], OPTIONS)
    assert first.outcome == Outcome.UPDATED
    spec = watches.WatchSpec("suppliers", suppliers, webhook_url=receiver.url, by="analyst")
    watch, baseline = watches.add_watch(mirrored_ctx, spec)
    assert baseline["summary"]["flagged_rows"] == 0
    assert watch.secret is not None

    publisher.serve(UK_URL, UK_0910.read_bytes())
    [second] = update_lists(mirrored_ctx, ["gb_fcdo_sanctions"], OPTIONS)
    assert second.change is not None
    assert second.change.added == 1
    [(name, digest)] = watches.rescreen_all(mirrored_ctx, "lists updated: gb_fcdo_sanctions")
    assert name == "suppliers"
    assert digest is not None
    [flag] = digest["new_flags"]
    assert flag["name"] == "BNK (UK) Ltd"
    assert {(x["list"], x["record"]) for x in flag["listings"]} == {
        ("uk_sanctions_list", "BEL0107")
    }

    pending = watches.deliver_pending(mirrored_ctx, FAST)
    assert pending == []
    assert len(receiver.received) == 2  # a 500, then accepted
    body, headers = receiver.received[-1]
    expected = "sha256=" + hmac.new(watch.secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Countersight-Signature"] == expected
    payload = json.loads(body)
    assert payload["watch"] == "suppliers"
    assert payload["new_flags"][0]["listings"][0]["record"] == "BEL0107"
    [delivery] = store_watches.deliveries(mirrored_ctx.store)
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    # Nothing changed since: a second re-screen makes no digest and no delivery.
    assert watches.rescreen_all(mirrored_ctx, "again") == [("suppliers", None)]
    assert len(store_watches.deliveries(mirrored_ctx.store)) == 1


def test_failed_delivery_is_kept_and_retried_later(
    mirrored_ctx: Context, publisher: Publisher, receiver: Receiver, suppliers: Path
) -> None:
    publisher.serve(UK_URL, uk_without_bnk())
    update_lists(mirrored_ctx, ["gb_fcdo_sanctions"], OPTIONS)
    watches.add_watch(mirrored_ctx, watches.WatchSpec("s", suppliers, webhook_url=receiver.url))
    publisher.serve(UK_URL, UK_0910.read_bytes())
    update_lists(mirrored_ctx, ["gb_fcdo_sanctions"], OPTIONS)
    watches.rescreen_all(mirrored_ctx, "update")
    receiver.failures = 5
    no_retry = replace(FAST, retries=0)
    [still] = watches.deliver_pending(mirrored_ctx, no_retry)
    assert (still.attempts, still.last_error) == (1, "HTTP 500")
    receiver.failures = 0
    assert watches.deliver_pending(mirrored_ctx, no_retry) == []
    bodies = {b for b, _ in receiver.received}
    assert len(bodies) == 1  # the same digest each time


def test_watch_commands(cli: Cli, suppliers: Path) -> None:
    added = cli("watch", "add", "suppliers", suppliers, "--by", "analyst")
    assert added.exit_code == 0, added.output
    assert "watching suppliers: 2 rows, 0 flagged now" in added.output
    assert cli("watch", "add", "suppliers", suppliers).exit_code == 2
    listed = json.loads(cli("watch", "list", "--json").output)
    assert [w["name"] for w in listed] == ["suppliers"]
    assert "no changes" in cli("watch", "digest").output
    loaded = cli("load", UK_0910)
    assert loaded.exit_code == 0
    assert "new flag BNK (UK) Ltd: BNK (UK) Ltd on uk_sanctions_list" in loaded.output
    digest = " ".join(cli("watch", "digest").output.split())
    assert "suppliers (suppliers.csv)" in digest
    assert "lists loaded: gb_fcdo_sanctions" in digest
    assert "record BEL0107" in digest
    removed = cli("remove", "gb_fcdo_sanctions")
    assert "cleared BNK (UK) Ltd" in removed.output
    assert cli("watch", "remove", "suppliers").exit_code == 0
    assert json.loads(cli("watch", "list", "--json").output) == []
