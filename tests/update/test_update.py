"""``update`` against a publisher on loopback: each failure leaves the store as it was."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from countersight.service.context import Context
from countersight.service.update import ListUpdate, Outcome, UpdateOptions, update_lists
from countersight.settings import load_settings
from countersight.sources.catalogue import mirrored
from tests.storeutil import snapshot
from tests.update.conftest import (
    EU_A,
    FAST,
    UK_0910,
    Publisher,
    excerpt_catalogue,
    url_of,
)

EU_URL = url_of("eu_fsf")
UK_URL = url_of("gb_fcdo_sanctions")
OPTIONS = UpdateOptions(catalogue=excerpt_catalogue(), policy=FAST)


def _serve_both(publisher: Publisher) -> None:
    publisher.serve(EU_URL, EU_A.read_bytes())
    publisher.serve(UK_URL, UK_0910.read_bytes())


def _first_records(data: bytes, tag: str, keep: int) -> bytes:
    """The same real file with only its first ``keep`` records (a much smaller list)."""
    text = data.decode("utf-8")
    starts = [i for i in range(len(text)) if text.startswith(f"<{tag} ", i)]
    end_tag = f"</{tag}>"
    last_end = text.rindex(end_tag) + len(end_tag)
    cut = starts[keep]
    return (text[:cut] + text[last_end:]).encode("utf-8")


def _by_name(results: list[ListUpdate]) -> dict[str, ListUpdate]:
    return {r.dataset: r for r in results}


def test_first_update_loads_both_lists_with_provenance(
    mirrored_ctx: Context, publisher: Publisher
) -> None:
    _serve_both(publisher)
    results = _by_name(update_lists(mirrored_ctx, [], OPTIONS))
    assert results["eu_fsf"].outcome == Outcome.UPDATED
    assert results["eu_fsf"].records == 5
    assert results["eu_fsf"].change is not None
    assert (results["eu_fsf"].change.added, results["eu_fsf"].change.removed) == (1, 0)
    uk_change = results["gb_fcdo_sanctions"].change
    assert uk_change is not None
    assert uk_change.added == 2
    source = mirrored_ctx.store.source("eu_fsf")
    assert source is not None
    assert source.fetch is not None
    info = source.fetch["files"]["eu_fsf_1_1.xml"]
    assert info["url"] == mirrored(EU_URL, publisher.base)
    assert info["sha256"] == hashlib.sha256(EU_A.read_bytes()).hexdigest()
    assert info["etag"] == publisher.routes[next(iter(publisher.routes))].etag
    assert info["last_modified"] == "Wed, 05 Aug 2026 14:47:04 GMT"
    assert info["fetched_at"]


def test_unchanged_publication_answers_304_and_changes_nothing(
    mirrored_ctx: Context, publisher: Publisher
) -> None:
    _serve_both(publisher)
    update_lists(mirrored_ctx, [], OPTIONS)
    before = snapshot(mirrored_ctx.store)
    results = update_lists(mirrored_ctx, [], OPTIONS)
    assert {r.outcome for r in results} == {Outcome.UNCHANGED}
    conditional = [h for p, h in publisher.requests[-2:]]
    assert all("If-None-Match" in h and "If-Modified-Since" in h for h in conditional)
    assert snapshot(mirrored_ctx.store) == before


def test_a_newer_publication_replaces_and_counts_changes(
    mirrored_ctx: Context, publisher: Publisher
) -> None:
    _serve_both(publisher)
    update_lists(mirrored_ctx, ["gb_fcdo_sanctions"], OPTIONS)
    newer = UK_0910.read_bytes().replace(b"BNK UK Limited", b"BNK United Kingdom Limited")
    publisher.serve(UK_URL, newer)
    [result] = update_lists(mirrored_ctx, ["gb_fcdo_sanctions"], OPTIONS)
    assert result.outcome == Outcome.UPDATED
    assert result.change is not None
    assert (result.change.added, result.change.removed, result.change.changed) == (0, 0, 1)
    [bnk] = [e for e in mirrored_ctx.store.entities(["gb_fcdo_sanctions"]) if "BEL0107" in e.id]
    assert "BNK United Kingdom Limited" in bnk.name_values()


@pytest.mark.parametrize(
    ("mode", "needle"),
    [
        ("500", "HTTP 500"),
        ("truncate", "connection failed or broke off"),
        ("cut", "not well-formed XML"),
        ("slow", "timeout"),
        ("html", "web page (Content-Type text/html)"),
    ],
)
def test_misbehaving_publisher_leaves_the_store_unchanged(
    mirrored_ctx: Context, publisher: Publisher, mode: str, needle: str
) -> None:
    _serve_both(publisher)
    update_lists(mirrored_ctx, [], OPTIONS)
    publisher.serve(EU_URL, EU_A.read_bytes().replace(b"Parchin", b"Parchyn")).mode = mode
    publisher.slow_seconds = 1.5
    before = snapshot(mirrored_ctx.store)
    results = _by_name(update_lists(mirrored_ctx, ["eu_fsf"], OPTIONS))
    assert results["eu_fsf"].outcome == Outcome.FAILED
    assert needle in results["eu_fsf"].message
    assert snapshot(mirrored_ctx.store) == before


def test_not_modified_without_validators_is_refused(
    mirrored_ctx: Context, publisher: Publisher
) -> None:
    """A 304 to a first (unconditional) request would otherwise read as "unchanged"."""
    _serve_both(publisher)
    publisher.routes[next(p for p in publisher.routes if "europa" in p)].mode = "304"
    [result] = update_lists(mirrored_ctx, ["eu_fsf"], OPTIONS)
    assert result.outcome == Outcome.FAILED
    assert "304 Not Modified to a request without validators" in result.message
    assert mirrored_ctx.store.source("eu_fsf") is None


def test_server_errors_are_retried(mirrored_ctx: Context, publisher: Publisher) -> None:
    _serve_both(publisher)
    route = publisher.routes[next(p for p in publisher.routes if "europa" in p)]
    route.mode, route.fail_times = "500", 1
    [result] = update_lists(mirrored_ctx, ["eu_fsf"], OPTIONS)
    assert result.outcome == Outcome.UPDATED
    assert publisher.hits("europa") == 2


def test_not_found_is_not_retried(mirrored_ctx: Context, publisher: Publisher) -> None:
    [result] = update_lists(mirrored_ctx, ["eu_fsf"], OPTIONS)
    assert result.outcome == Outcome.FAILED
    assert "HTTP 404" in result.message
    assert publisher.hits("europa") == 1
    assert mirrored_ctx.store.source("eu_fsf") is None


def test_much_smaller_list_is_refused_unless_forced(
    mirrored_ctx: Context, publisher: Publisher
) -> None:
    _serve_both(publisher)
    update_lists(mirrored_ctx, ["eu_fsf"], OPTIONS)
    smaller = _first_records(EU_A.read_bytes(), "sanctionEntity", 2)
    publisher.serve(EU_URL, smaller)
    before = snapshot(mirrored_ctx.store)
    [result] = update_lists(mirrored_ctx, ["eu_fsf"], OPTIONS)
    assert result.outcome == Outcome.FAILED
    assert "2 records against 5 in the loaded version" in result.message
    assert snapshot(mirrored_ctx.store) == before
    [forced] = update_lists(mirrored_ctx, ["eu_fsf"], replace(OPTIONS, force=True))
    assert forced.outcome == Outcome.UPDATED
    assert forced.change is not None
    assert forced.change.removed == 1  # Parchin was the third record


def test_list_under_the_catalogue_floor_is_refused(
    mirrored_ctx: Context, publisher: Publisher
) -> None:
    _serve_both(publisher)
    results = update_lists(mirrored_ctx, ["eu_fsf"], replace(OPTIONS, catalogue=None))
    assert results[0].outcome == Outcome.FAILED
    assert "5 records, under the catalogue's floor of 2000" in results[0].message
    assert mirrored_ctx.store.source("eu_fsf") is None


def test_one_failed_list_does_not_block_the_others(
    mirrored_ctx: Context, publisher: Publisher
) -> None:
    _serve_both(publisher)
    publisher.routes[next(p for p in publisher.routes if "europa" in p)].mode = "500"
    results = _by_name(update_lists(mirrored_ctx, [], OPTIONS))
    assert results["eu_fsf"].outcome == Outcome.FAILED
    assert results["gb_fcdo_sanctions"].outcome == Outcome.UPDATED
    assert mirrored_ctx.store.source("eu_fsf") is None


def test_proxy_from_the_environment_is_used(
    ctx: Context, publisher: Publisher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no mirror the official URL is asked for, through HTTP_PROXY (trust_env)."""
    catalogue = excerpt_catalogue()
    entry = next(e for e in catalogue.lists if e.dataset == "eu_fsf")
    plain = entry.model_copy(
        update={"files": (entry.files[0].model_copy(update={"url": "http://fsf.test/x.xml"}),)}
    )
    publisher.serve("http://fsf.test/x.xml", EU_A.read_bytes())
    monkeypatch.setenv("HTTP_PROXY", publisher.base)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    options = replace(OPTIONS, catalogue=catalogue.model_copy(update={"lists": (plain,)}))
    [result] = update_lists(ctx, ["eu_fsf"], options)
    assert result.outcome == Outcome.UPDATED
    assert publisher.hits("/fsf.test/x.xml") == 1


def test_mirror_setting_rewrites_the_publisher_host() -> None:
    settings = load_settings(env={"COUNTERSIGHT_LIST_MIRROR": "https://mirror.internal/lists/"})
    assert settings.list_mirror == "https://mirror.internal/lists/"
    assert mirrored(EU_URL, settings.list_mirror) == (
        "https://mirror.internal/lists/webgate.ec.europa.eu/fsd/fsf/public/files/"
        "xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"
    )
    assert mirrored(EU_URL, "") == EU_URL


def test_fetch_settings_come_from_the_environment() -> None:
    settings = load_settings(
        env={
            "COUNTERSIGHT_FETCH_TIMEOUT": "5",
            "COUNTERSIGHT_FETCH_RETRIES": "0",
            "COUNTERSIGHT_FETCH_BACKOFF": "0.5",
            "COUNTERSIGHT_STALE_AFTER_DAYS": "30",
        }
    )
    assert (settings.fetch_timeout, settings.fetch_retries, settings.fetch_backoff) == (5, 0, 0.5)
    assert settings.stale_after_days == 30


def test_from_folder_picks_the_complete_copy(ctx: Context, tmp_path: Path) -> None:
    folder = tmp_path / "mirror"
    (folder / "old").mkdir(parents=True)
    (folder / "bad").mkdir()
    (folder / "old" / "uk.xml").write_bytes(UK_0910.read_bytes())
    (folder / "bad" / "uk-cut.xml").write_bytes(UK_0910.read_bytes()[:4000])
    (folder / "eu.xml").write_bytes(EU_A.read_bytes())
    results = _by_name(update_lists(ctx, [], replace(OPTIONS, source_dir=folder)))
    assert results["gb_fcdo_sanctions"].outcome == Outcome.UPDATED
    assert results["gb_fcdo_sanctions"].source.endswith("old/uk.xml")
    assert "uk-cut.xml" in results["gb_fcdo_sanctions"].message
    assert results["eu_fsf"].outcome == Outcome.UPDATED
    source = ctx.store.source("gb_fcdo_sanctions")
    assert source is not None
    assert source.fetch is not None
    assert source.fetch["from"].endswith("old/uk.xml")
