"""Conformance of what users write: runs, decisions, users, API keys and jobs, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from countersight.exc import InputError, NotFound
from countersight.store import Store, accounts, records
from countersight.store import jobs as jobs_store
from countersight.store import watches as watches_store
from countersight.store.watches import Watch


def test_runs_round_trip_with_their_own_id(store: Store) -> None:
    summary: dict[str, Any] = {"rows": 2, "exposed_share": 0.25}
    document: dict[str, Any] = {"summary": summary, "rows": [{"name": "海康威视"}]}
    run_id = records.add_run(store, "q3.csv", "a" * 64, "alice", summary, document)
    run = records.get_run(store, run_id)
    assert run["result"]["run"] == run_id
    assert run["result"]["rows"] == [{"name": "海康威视"}]
    assert [r["id"] for r in records.list_runs(store)] == [run_id]
    with pytest.raises(NotFound):
        records.get_run(store, "no-such-run")


def test_latest_decision_per_pair_applies(store: Store) -> None:
    records.add_decision(store, "isin:CNE100000PM8", "cs-hikvision", "reject", "bob")
    records.add_decision(store, "isin:CNE100000PM8", "cs-hikvision", "confirm", "alice", "filing")
    records.add_decision(store, "name:other", "cs-dahua", "reject", "bob")
    latest = records.decisions(store, ["isin:CNE100000PM8"])
    assert list(latest) == [("isin:CNE100000PM8", "cs-hikvision", None)]
    decision = latest[("isin:CNE100000PM8", "cs-hikvision", None)]
    assert (decision.verdict, decision.decided_by, decision.note) == ("confirm", "alice", "filing")
    assert len(records.decisions(store)) == 2
    assert records.decisions(store, []) == {}
    with pytest.raises(InputError, match="confirm or reject"):
        records.add_decision(store, "k", "cs-dahua", "maybe", "bob")


def test_users_keys_and_passwords(store: Store) -> None:
    accounts.add_user(store, "alice", "analyst", password="correct horse battery")
    key = accounts.new_api_key(store, "alice", label="ci")
    assert accounts.user_for_key(store, key) == accounts.User("alice", "analyst")
    assert accounts.user_for_key(store, key + "x") is None
    assert accounts.authenticate(store, "alice", "correct horse battery") is not None
    assert accounts.authenticate(store, "alice", "wrong password") is None
    assert accounts.authenticate(store, "nobody", "correct horse battery") is None
    with pytest.raises(InputError, match="exists"):
        accounts.add_user(store, "alice", "viewer")
    with pytest.raises(InputError, match="role"):
        accounts.add_user(store, "carol", "owner")
    accounts.remove_user(store, "alice")
    assert accounts.user_for_key(store, key) is None
    assert accounts.list_users(store) == []


def test_jobs_progress_and_listing(store: Store) -> None:
    first = jobs_store.create_job(store, "a.csv", "alice")
    second = jobs_store.create_job(store, "b.csv", "bob")
    jobs_store.update_job(store, first, status="running", progress=0.5, message="matching")
    job = jobs_store.get_job(store, first)
    assert (job["status"], job["progress"], job["message"]) == ("running", 0.5, "matching")
    assert {j["id"] for j in jobs_store.list_jobs(store)} == {first, second}
    with pytest.raises(NotFound):
        jobs_store.get_job(store, "missing")


def _finished(store: Store, name: str, age_days: float) -> str:
    """A finished job with its kept input, created ``age_days`` ago."""
    job_id = jobs_store.create_job(store, name, "alice")
    created = datetime.now(UTC) - timedelta(days=age_days)
    jobs_store.update_job(store, job_id, status="done", created_at=created)
    jobs_store.keep_input(store, job_id, name, b"name\nHikvision\n", {"sheet": None})
    return job_id


def test_kept_inputs_are_pruned_unless_recent_or_watched(store: Store) -> None:
    old = _finished(store, "old.csv", 100)
    watched = _finished(store, "watched.csv", 100)
    recent = _finished(store, "recent.csv", 10)
    when = datetime.now(UTC)
    watch = Watch(
        "w", "watched.csv", b"name\nHikvision\n", {"job": watched}, None, None, "alice",
        when, {}, when,
    )  # fmt: skip
    watches_store.add_watch(store, watch)
    assert jobs_store.prune_inputs(store, when - timedelta(days=90)) == 1
    with pytest.raises(NotFound, match="no longer kept"):
        jobs_store.job_input(store, old)
    assert jobs_store.job_input(store, watched)[0] == "watched.csv"
    assert jobs_store.job_input(store, recent)[1] == b"name\nHikvision\n"
    assert jobs_store.get_job(store, old)["status"] == "done"  # the job and its run stay
    assert jobs_store.prune_inputs(store, when - timedelta(days=90)) == 0
    watches_store.remove_watch(store, "w")
    assert jobs_store.prune_inputs(store, when - timedelta(days=5)) == 2
