"""How old each loaded official list is, and the warnings screening output carries.

A list's age counts from its publisher's date when the file carries one; otherwise from the
time ``update`` downloaded it from the publisher (the publisher's current version then).
A list read from a local file without a date has no known age, and says so: an old file
loaded today must not look fresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from countersight.model import REGISTRY_DATASET
from countersight.store.store import SourceRecord

NOT_OFFICIAL_KINDS = frozenset({"registry", "gleif", "ftm", "nport"})
"""Loaded data that is not an official list: the registry, company data, other datasets."""


class AgeBasis(StrEnum):
    """What a list's age is counted from."""

    PUBLISHED = "published"
    DOWNLOADED = "downloaded"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Freshness:
    """The age of one loaded official list."""

    dataset: str
    title: str
    since: date | None
    basis: AgeBasis
    age_days: int | None
    stale: bool

    def describe(self) -> str:
        """``12 days (published 2026-11-21)``, or why the age is unknown."""
        if self.age_days is None or self.since is None:
            return "unknown (the file carries no publication date)"
        return f"{self.age_days} days ({self.basis.value} {self.since.isoformat()})"


def is_official(source: SourceRecord) -> bool:
    return source.dataset != REGISTRY_DATASET and source.kind not in NOT_OFFICIAL_KINDS


def _downloaded_on(source: SourceRecord) -> date | None:
    """The download date, for a list ``update`` fetched over the network (not ``--from``)."""
    fetch = source.fetch or {}
    stamp = fetch.get("fetched_at")
    if not stamp or "from" in fetch:
        return None
    return datetime.fromisoformat(str(stamp)).date()


def freshness(source: SourceRecord, today: date, stale_after_days: int) -> Freshness:
    """Age of one list on ``today`` (see the module docstring)."""
    since, basis = source.publisher_date, AgeBasis.PUBLISHED
    if since is None:
        since, basis = _downloaded_on(source), AgeBasis.DOWNLOADED
    if since is None:
        return Freshness(source.dataset, source.title, None, AgeBasis.UNKNOWN, None, False)
    age = (today - since).days
    return Freshness(source.dataset, source.title, since, basis, age, age > stale_after_days)


def excerpt_warning(source: SourceRecord) -> str | None:
    """The warning for a list ``update --allow-small`` loaded under the catalogue's floor
    (shown in screenings by every front end, so it names no command-line option)."""
    small = (source.fetch or {}).get("under_floor")
    if not isinstance(small, dict):
        return None
    return (
        f"{source.dataset} holds only {small.get('records')} records, under the catalogue's "
        f"floor of {small.get('floor')}: an excerpt loaded on purpose, not the full list; a "
        "clear row is not clear of this list"
    )


def today_utc() -> date:
    return datetime.now(UTC).date()


def list_warnings(
    sources: list[SourceRecord], stale_after_days: int, today: date | None = None
) -> list[str]:
    """Warnings for screening output: no official list loaded, excerpts loaded under the
    floor, stale lists, undated lists."""
    day = today or today_utc()
    official = [s for s in sources if is_official(s)]
    if not official:
        return [
            "no official sanctions or export-control list is loaded: only Countersight's "
            "registry was screened against (load them: `countersight update`, or a team "
            "server's scheduled refresh)"
        ]
    warnings: list[str] = [w for w in map(excerpt_warning, official) if w]
    for source in official:
        fresh = freshness(source, day, stale_after_days)
        if fresh.stale:
            warnings.append(
                f"{source.dataset} is {fresh.age_days} days old ({fresh.basis.value} "
                f"{fresh.since}), older than {stale_after_days} days: update it "
                "(`countersight update`, or a team server's scheduled refresh)"
            )
        elif fresh.basis == AgeBasis.UNKNOWN:
            warnings.append(
                f"{source.dataset}: its age is unknown (loaded from a file without a "
                "publication date); check it is the current publication"
            )
    return warnings
