"""``countersight update``: fetch the catalogue's lists, verify them, load them atomically.

For each list: download every file (or find it in a local folder with ``--from``), check
each file is complete (:func:`~countersight.sources.catalogue.check_file`), parse it with
the list's loader, then refuse it when it holds fewer records than the catalogue's floor or
under half the records of the version loaded now (``force`` overrides both: a publisher
may really shrink a list). ``allow_small`` lifts the floor alone, for a known excerpt: the
list loads with a warning naming its file and count, and its provenance says so; the
completeness checks and the shrink rule still apply. Lists that pass are written together
in one transaction, with their fetch provenance; a list that fails keeps its loaded
version, untouched.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx2

from countersight.exc import CountersightError, InputError, mention
from countersight.match.resolve import resolve_links
from countersight.model import Entity
from countersight.service.context import Context
from countersight.service.fetch import Fetched, FetchPolicy, fetch, make_client
from countersight.service.update_local import find_local
from countersight.sources import FORMATS, LoadedSource
from countersight.sources.catalogue import Catalogue, CatalogueEntry, check_file, mirrored, packaged
from countersight.store.store import SourceRecord


class Outcome(StrEnum):
    """What happened to one list."""

    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Change:
    """Records added, removed and changed against the loaded version (by record id)."""

    added: int
    removed: int
    changed: int


@dataclass(frozen=True, slots=True)
class ListUpdate:
    """One line of the summary table."""

    name: str
    dataset: str
    outcome: Outcome
    message: str = ""
    records: int | None = None
    previous_records: int | None = None
    change: Change | None = None
    published: str | None = None
    source: str = ""
    warning: str = ""


@dataclass(frozen=True, slots=True)
class UpdateOptions:
    """How to update: ``source_dir`` reads a local folder instead of the network;
    ``allow_small`` loads lists under the catalogue's floor (known excerpts), with a warning."""

    force: bool = False
    allow_small: bool = False
    source_dir: Path | None = None
    catalogue: Catalogue | None = None
    policy: FetchPolicy | None = None


Progress = Callable[[str, int, int | None], None]
"""Called as ``(list name, bytes just received, bytes expected or None)``."""


@dataclass(slots=True)
class _Prepared:
    entry: CatalogueEntry
    loaded: LoadedSource
    provenance: dict[str, Any]
    source: str
    notes: list[str] = field(default_factory=list)


def records_of(loaded: LoadedSource) -> int:
    """Records in a parsed list: organisations kept plus records skipped (the same count
    as :attr:`SourceRecord.records`)."""
    return len(loaded.entities) + sum(loaded.skipped.values())


def update_lists(
    ctx: Context,
    names: Sequence[str],
    options: UpdateOptions | None = None,
    progress: Progress | None = None,
) -> list[ListUpdate]:
    """Update the named lists (all default catalogue lists when none are named)."""
    opts = options or UpdateOptions()
    if opts.source_dir is not None and not opts.source_dir.is_dir():
        raise InputError("no such folder", file=str(opts.source_dir))
    entries = (opts.catalogue or packaged()).select(list(names))
    policy = opts.policy or FetchPolicy(
        ctx.settings.fetch_timeout, ctx.settings.fetch_retries, ctx.settings.fetch_backoff
    )
    results: list[ListUpdate] = []
    ready: list[tuple[_Prepared, ListUpdate]] = []
    client = make_client(policy) if opts.source_dir is None else None
    try:
        for entry in entries:
            previous = ctx.store.source(entry.dataset)
            try:
                prepared: _Prepared | None
                if client is None:
                    assert opts.source_dir is not None
                    prepared = _from_folder(entry, opts.source_dir, opts)
                else:
                    prepared = _download(ctx, client, entry, policy, previous, progress)
                if prepared is None:
                    results.append(_unchanged(entry, previous))
                    continue
                ready.append((prepared, _verify(ctx, prepared, previous, opts)))
            except CountersightError as exc:
                results.append(ListUpdate(entry.name, entry.dataset, Outcome.FAILED, exc.raw))
    finally:
        if client is not None:
            client.close()
    if ready:
        ctx.store.replace_datasets(
            [p.loaded for p, _ in ready],
            resolver=resolve_links,
            fetch={p.entry.dataset: p.provenance for p, _ in ready},
        )
        ctx.invalidate()
    results.extend(update for _, update in ready)
    order = [e.name for e in entries]
    return sorted(results, key=lambda r: order.index(r.name))


def _unchanged(entry: CatalogueEntry, previous: SourceRecord | None) -> ListUpdate:
    return ListUpdate(
        entry.name,
        entry.dataset,
        Outcome.UNCHANGED,
        "not modified since the last download (HTTP 304)",
        records=previous.records if previous else None,
        previous_records=previous.records if previous else None,
        published=_iso(previous.publisher_date) if previous else None,
    )


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _download(
    ctx: Context,
    client: httpx2.Client,
    entry: CatalogueEntry,
    policy: FetchPolicy,
    previous: SourceRecord | None,
    progress: Progress | None,
) -> _Prepared | None:
    """Fetch, check and parse one list; ``None`` when every file is unchanged (304)."""
    before = _previous_files(entry, previous)
    with tempfile.TemporaryDirectory(prefix="countersight-update-") as tmp:
        fetched: dict[str, Fetched] = {}
        for spec in entry.files:
            url = mirrored(spec.url, ctx.settings.list_mirror)
            target = Path(tmp) / spec.name
            on_bytes = (lambda n, total: progress(entry.name, n, total)) if progress else None
            old = before.get(spec.name)
            old = old if old and old.get("url") == url else None
            fetched[spec.name] = fetch(
                client, url, target, policy=policy, previous=old, on_bytes=on_bytes
            )
        if all(f.status == 304 for f in fetched.values()):
            return None
        for spec in entry.files:  # a mixed answer: fetch the unchanged files again
            if fetched[spec.name].status == 304:
                url = fetched[spec.name].url
                fetched[spec.name] = fetch(client, url, Path(tmp) / spec.name, policy=policy)
        paths = [Path(tmp) / spec.name for spec in entry.files]
        for spec, path in zip(entry.files, paths, strict=True):
            check_file(path, spec)
        loaded = _parse(entry, paths)
    provenance = {
        "entry": entry.name,
        "fetched_at": datetime.now(UTC).isoformat(),
        "files": {name: f.provenance() for name, f in fetched.items()},
    }
    source = ", ".join(f.url for f in fetched.values())
    return _Prepared(entry, loaded, provenance, source)


def _previous_files(entry: CatalogueEntry, previous: SourceRecord | None) -> dict[str, Any]:
    """The previous download's per-file validators, when it was this catalogue entry."""
    fetch_info = previous.fetch if previous is not None else None
    if not fetch_info or fetch_info.get("entry") != entry.name:
        return {}
    files = fetch_info.get("files")
    return files if isinstance(files, dict) else {}


def _parse(entry: CatalogueEntry, paths: list[Path]) -> LoadedSource:
    loaded = FORMATS[entry.format][1](paths, entry.dataset)
    if loaded.dataset != entry.dataset:
        raise InputError(
            f"the files hold dataset {loaded.dataset!r}, not {entry.dataset!r}",
            file=str(paths[0]),
        )
    return loaded


def _from_folder(entry: CatalogueEntry, folder: Path, opts: UpdateOptions) -> _Prepared:
    found = find_local(entry, folder, opts.force or opts.allow_small)
    provenance = {
        "entry": entry.name,
        "fetched_at": datetime.now(UTC).isoformat(),
        "from": found.label,
        "files": {f.name: {"sha256": f.sha256, "size": f.size} for f in found.loaded.files},
    }
    return _Prepared(entry, found.loaded, provenance, found.label, found.notes)


def under_floor_warning(label: str, count: int, floor: int) -> str:
    """The warning a list loaded under its floor carries (file, count and floor named)."""
    return (
        f"{label} holds {count} records, under the catalogue's floor of {floor}: loaded "
        f"as asked ({mention('allow_small')}), but it is an excerpt or a cut file, not the "
        "full list"
    )


def _floor(entry: CatalogueEntry, prepared: _Prepared, count: int, opts: UpdateOptions) -> str:
    """Apply the record floor: ``""`` when the list passes or ``force`` overrides it, the
    warning when ``allow_small`` lets it through, else refuse it."""
    if count >= entry.min_records or opts.force:
        return ""
    if opts.allow_small:
        return under_floor_warning(prepared.source, count, entry.min_records)
    raise InputError(
        f"{count} records, under the catalogue's floor of {entry.min_records} for this "
        f"list: an excerpt, an error page or a cut file ({mention('allow_small')} loads a "
        f"known excerpt with a warning; {mention('force')} loads it anyway)"
    )


def _verify(
    ctx: Context, prepared: _Prepared, previous: SourceRecord | None, opts: UpdateOptions
) -> ListUpdate:
    """Apply the record floor and the shrink rule; count what changed."""
    entry, loaded = prepared.entry, prepared.loaded
    count = records_of(loaded)
    warning = _floor(entry, prepared, count, opts)
    if previous is not None and count < previous.records / 2 and not opts.force:
        raise InputError(
            f"{count} records against {previous.records} in the loaded version: under half, "
            f"so probably truncated or not the same publication ({mention('force')} loads it "
            "anyway)"
        )
    if warning:
        prepared.provenance["under_floor"] = {"records": count, "floor": entry.min_records}
    change = diff(ctx.store.entities([entry.dataset]), loaded.entities)
    notes = [*prepared.notes, *loaded.warnings]
    return ListUpdate(
        entry.name,
        entry.dataset,
        Outcome.UPDATED,
        "; ".join(notes),
        records=count,
        previous_records=previous.records if previous else None,
        change=change,
        published=_iso(loaded.publisher_date),
        source=prepared.source,
        warning=warning,
    )


def diff(old: Sequence[Entity], new: Sequence[Entity]) -> Change:
    """Organisations added, removed and changed between two versions of a dataset."""
    before = {e.id: e.to_dict() for e in old}
    after = {e.id: e.to_dict() for e in new}
    changed = sum(1 for key in before.keys() & after.keys() if before[key] != after[key])
    return Change(
        added=len(after.keys() - before.keys()),
        removed=len(before.keys() - after.keys()),
        changed=changed,
    )
