"""Monitoring: keep a screened file as a watch, re-screen it after list updates, and tell
the user what changed (a digest), on the command line and to a signed webhook.

A digest names the rows newly flagged (with the list entries behind each flag), the rows
cleared and the rows whose candidates changed. Webhook bodies are JSON signed with
HMAC-SHA256 under the watch's own secret (header ``X-Countersight-Signature:
sha256=<hex>``); a delivery that fails is retried with backoff and stays pending, to be
retried by the next update or ``countersight watch deliver``, until the receiver accepts it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import httpx2

from countersight.exc import InputError
from countersight.files import read_bytes
from countersight.inputs.columns import parse_overrides
from countersight.model.lists import list_label
from countersight.service.context import Context
from countersight.service.fetch import FetchPolicy, make_client
from countersight.service.screening import ScreenOptions, compare, screen
from countersight.store import watches as store_watches
from countersight.store.watches import Watch

SIGNATURE_HEADER = "X-Countersight-Signature"


@dataclass(frozen=True, slots=True)
class ReadSpec:
    """How a watch's file is read, as ``screen`` reads it (see :class:`ScreenOptions`)."""

    sheet: str | None = None
    kind: str | None = None
    decimal: str | None = None
    encoding: str | None = None
    skip_invalid: bool = False
    identifiers_only: bool = False

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> ReadSpec:
        """The reading options kept with a watch (those kept before some were: defaults)."""
        return cls(**{k: options[k] for k in cls.__dataclass_fields__ if k in options})


@dataclass(frozen=True, slots=True)
class WatchSpec:
    """What ``watch add`` was given."""

    name: str
    file: Path
    holdings: tuple[str, ...] = ()
    mapping: tuple[str, ...] = ()
    webhook_url: str | None = None
    by: str = "unknown"
    reading: ReadSpec = ReadSpec()


def sign(secret: str, body: bytes) -> str:
    """The signature header value: ``sha256=`` and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def holding_files(specs: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    """Look-through files (``KEY=FILE`` specs) as a watch keeps them: key, name, bytes."""
    out = []
    for spec in specs:
        key, _, file = spec.rpartition("=")
        path = Path(file)
        data = read_bytes(path)
        out.append({"key": key, "file_name": path.name, "content_b64": _b64(data)})
    return out


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def kept_options(options: ScreenOptions) -> dict[str, Any]:
    """A screening's input options in the shape a watch keeps them (fund files read in)."""
    return {
        "holdings": holding_files(options.holdings),
        "mapping": [f"{field}={column}" for field, column in options.overrides.items()],
        **asdict(
            ReadSpec(
                sheet=options.sheet,
                kind=options.kind,
                decimal=options.decimal,
                encoding=options.encoding,
                skip_invalid=options.skip_invalid,
                identifiers_only=options.identifiers_only,
            )
        ),
    }


def check_name(name: str) -> None:
    if not name.strip() or "/" in name or len(name) > 128:
        raise InputError(f"a watch name must be a word of at most 128 characters, not {name!r}")


def add_watch(ctx: Context, spec: WatchSpec) -> tuple[Watch, dict[str, Any]]:
    """Screen the file now (the baseline) and keep it as a watch."""
    check_name(spec.name)
    if spec.webhook_url and not spec.webhook_url.startswith(("https://", "http://")):
        raise InputError(f"the webhook URL must be http(s): {spec.webhook_url!r}")
    parse_overrides(list(spec.mapping))  # a bad --map fails before anything is kept
    now = datetime.now(UTC)
    watch = Watch(
        name=spec.name,
        file_name=spec.file.name,
        content=read_bytes(spec.file),
        options={
            "holdings": holding_files(spec.holdings),
            "mapping": list(spec.mapping),
            **asdict(spec.reading),
        },
        webhook_url=spec.webhook_url,
        secret=secrets.token_hex(32) if spec.webhook_url else None,
        created_by=spec.by,
        created_at=now,
        last_result={},
        last_screened_at=now,
    )
    document = screen_watch(ctx, watch)
    watch = Watch(**{**store_watches.as_row(watch), "last_result": document})
    store_watches.add_watch(ctx.store, watch)
    return watch, document


def screen_watch(ctx: Context, watch: Watch) -> dict[str, Any]:
    """Screen a watch's kept files against the current lists (no run is saved)."""
    with tempfile.TemporaryDirectory(prefix="countersight-watch-") as tmp:
        folder = Path(tmp)
        main = folder / "input" / watch.file_name
        main.parent.mkdir()
        main.write_bytes(watch.content)
        holdings = []
        for index, item in enumerate(watch.options.get("holdings", [])):
            path = folder / f"holding-{index}" / item["file_name"]
            path.parent.mkdir()
            path.write_bytes(base64.b64decode(item["content_b64"]))
            holdings.append(f"{item['key']}={path}" if item["key"] else str(path))
        reading = ReadSpec.from_options(watch.options)
        options = ScreenOptions(
            overrides=parse_overrides(list(watch.options.get("mapping", []))),
            holdings=holdings,
            encoding=reading.encoding,
            sheet=reading.sheet,
            decimal=reading.decimal,
            kind=reading.kind,
            skip_invalid=reading.skip_invalid,
            identifiers_only=reading.identifiers_only,
            by=watch.created_by,
            save=False,
        )
        document = screen(ctx, main, options)
    document["input"]["file"] = watch.file_name
    return cast(dict[str, Any], document)


def _listings(ctx: Context, entity_ids: list[str]) -> list[dict[str, Any]]:
    """The list entries behind the entities of a flag."""
    view = ctx.engine().view
    out: list[dict[str, Any]] = []
    for entity_id in entity_ids:
        entity = view.entities.get(entity_id)
        for m in entity.memberships if entity is not None else []:
            out.append(
                {
                    "entity": entity_id,
                    "caption": entity.caption if entity else entity_id,
                    "list": m.list,
                    "list_label": list_label(m.list),
                    "program": m.program,
                    "record": m.source_record_id,
                    "dataset": m.dataset,
                    "listed_on": m.listed_on.isoformat() if m.listed_on else None,
                }
            )
    return out


def _former_findings(row: dict[str, Any] | None) -> list[dict[str, Any]]:
    """What a cleared row was flagged for at the previous screening: entity and lists."""
    return [
        {"entity": m["id"], "caption": m["caption"], "lists": list(m.get("list_labels", []))}
        for m in (row or {}).get("matches", [])
        if m.get("status") == "flagged"
    ]


def make_digest(
    ctx: Context, watch: Watch, document: dict[str, Any], reason: str
) -> dict[str, Any] | None:
    """What changed since the watch's baseline; ``None`` when nothing did."""
    changes = compare(watch.last_result, document)
    if not (changes["new_flags"] or changes["cleared"] or changes["changed"]):
        return None
    new_flags = [
        {**flag, "listings": _listings(ctx, flag["entities_after"])}
        for flag in changes["new_flags"]
    ]
    before = {row["key"]: row for row in watch.last_result.get("rows", [])}
    cleared = [
        {**flag, "was": _former_findings(before.get(flag["key"]))} for flag in changes["cleared"]
    ]
    return {
        "watch": watch.name,
        "file": watch.file_name,
        "created_at": datetime.now(UTC).isoformat(),
        "previous_screening": watch.last_screened_at.isoformat(),
        "reason": reason,
        "new_flags": new_flags,
        "cleared": cleared,
        "changed": changes["changed"],
        "summary": document["summary"],
    }


def rescreen_all(ctx: Context, reason: str) -> list[tuple[str, dict[str, Any] | None]]:
    """Re-screen every watch; keep each digest (and queue its webhook delivery)."""
    out: list[tuple[str, dict[str, Any] | None]] = []
    for watch in store_watches.watches(ctx.store):
        document = screen_watch(ctx, watch)
        digest = make_digest(ctx, watch, document, reason)
        store_watches.record_screening(ctx.store, watch, document, digest)
        out.append((watch.name, digest))
    return out


def deliver_pending(
    ctx: Context, policy: FetchPolicy, client: httpx2.Client | None = None
) -> list[store_watches.Delivery]:
    """Try every pending delivery (with the policy's retries); returns those still pending."""
    secrets_by_watch = {w.name: w.secret for w in store_watches.watches(ctx.store)}
    own = client is None
    http = client or make_client(policy)
    try:
        for delivery in store_watches.pending_deliveries(ctx.store):
            body = store_watches.digest_body(ctx.store, delivery.digest_id)
            secret = secrets_by_watch.get(str(body.get("watch"))) or ""
            _deliver(ctx, http, delivery, _encode(body, delivery.id), secret, policy)
    finally:
        if own:
            http.close()
    return store_watches.pending_deliveries(ctx.store)


def _encode(body: dict[str, Any], delivery_id: int) -> bytes:
    payload = {**body, "delivery": delivery_id}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _deliver(
    ctx: Context,
    http: httpx2.Client,
    delivery: store_watches.Delivery,
    body: bytes,
    secret: str,
    policy: FetchPolicy,
) -> None:
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, body)}
    for attempt in range(policy.retries + 1):
        try:
            response = http.post(delivery.url, content=body, headers=headers)
            error = None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
        except httpx2.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        store_watches.record_attempt(ctx.store, delivery.id, error)
        if error is None:
            return
        if attempt < policy.retries:
            policy.sleep(policy.delay(attempt))
