"""List ages in ``sources`` and the warnings screening output carries."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from countersight.service.staleness import AgeBasis, freshness, list_warnings
from countersight.store.store import SourceRecord
from tests.conftest import ROOT, Cli
from tests.update.conftest import EU_A

TODAY = date(2026, 12, 3)
PORTFOLIO = ROOT / "examples" / "portfolio.csv"


def _source(
    dataset: str = "eu_fsf",
    kind: str = "eu-fsf",
    published: date | None = None,
    fetch: dict[str, Any] | None = None,
) -> SourceRecord:
    return SourceRecord(
        dataset=dataset,
        kind=kind,
        title=dataset,
        files=[],
        sha256="0" * 64,
        publisher_date=published,
        loaded_at=datetime(2026, 12, 3, tzinfo=UTC),
        entity_count=1,
        relation_count=0,
        skipped={},
        warnings=[],
        fetch=fetch,
    )


def test_age_counts_from_the_publication_date() -> None:
    fresh = freshness(_source(published=date(2026, 11, 26)), TODAY, 7)
    assert (fresh.age_days, fresh.basis, fresh.stale) == (7, AgeBasis.PUBLISHED, False)
    old = freshness(_source(published=date(2026, 11, 25)), TODAY, 7)
    assert (old.age_days, old.stale) == (8, True)


def test_undated_list_counts_from_its_download_not_a_local_copy() -> None:
    downloaded = _source(fetch={"fetched_at": "2026-11-20T10:00:00+00:00", "files": {}})
    fresh = freshness(downloaded, TODAY, 7)
    assert (fresh.basis, fresh.age_days, fresh.stale) == (AgeBasis.DOWNLOADED, 13, True)
    local = _source(fetch={"fetched_at": "2026-12-03T10:00:00+00:00", "from": "/media/x"})
    assert freshness(local, TODAY, 7).basis == AgeBasis.UNKNOWN
    assert freshness(_source(), TODAY, 7).age_days is None


def test_warnings() -> None:
    registry_only = [_source("registry", "registry", TODAY)]
    [only] = list_warnings(registry_only, 7, TODAY)
    assert only.startswith("no official sanctions or export-control list is loaded")
    current = [*registry_only, _source(published=date(2026, 12, 1))]
    assert list_warnings(current, 7, TODAY) == []
    stale = [*registry_only, _source(published=date(2026, 8, 5))]
    assert list_warnings(stale, 7, TODAY) == [
        "eu_fsf is 120 days old (published 2026-08-05), older than 7 days: update it "
        "(`countersight update`, or a team server's scheduled refresh)"
    ]
    assert list_warnings(stale, 365, TODAY) == []
    undated = [*registry_only, _source("us_ofac_sdn", "ofac-csv")]
    assert "its age is unknown" in list_warnings(undated, 7, TODAY)[0]


def test_sources_shows_age_and_screening_warns(
    cli: Cli, cli_env: dict[str, str], tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    screened = cli("screen", PORTFOLIO, "--json", "--no-save", "--out", report)
    assert screened.exit_code == 0, screened.output
    [warning] = json.loads(screened.output)["list_warnings"]
    assert warning.startswith("no official sanctions or export-control list is loaded")
    assert "<strong>Warning:</strong> no official sanctions" in report.read_text("utf-8")
    assert cli("load", EU_A).exit_code == 0
    cli.env = {**cli_env, "COUNTERSIGHT_STALE_AFTER_DAYS": "3650"}
    listed = json.loads(cli("sources", "--json").output)
    eu = next(s for s in listed if s["dataset"] == "eu_fsf")
    age = (datetime.now(UTC).date() - date(2026, 8, 5)).days
    assert (eu["age_days"], eu["age_basis"], eu["stale"]) == (age, "published", False)
    assert json.loads(cli("screen", PORTFOLIO, "--json", "--no-save").output)["list_warnings"] == []
    cli.env = {**cli_env, "COUNTERSIGHT_STALE_AFTER_DAYS": "7"}
    text = cli("screen", PORTFOLIO, "--no-save")
    flat = " ".join(text.output.split())
    assert f"warning: eu_fsf is {age} days old (published 2026-08-05)" in flat
    table = " ".join(cli("sources").output.split())
    assert "stale" in table.split("warning:")[0]  # the age cell of the one official list
    assert table.endswith(
        f"warning: eu_fsf is {age} days old (published 2026-08-05), older than 7 days: "
        "update it (`countersight update`, or a team server's scheduled refresh)"
    )
