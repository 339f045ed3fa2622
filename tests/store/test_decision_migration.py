"""Migration 0002: decisions stored before routes were kept survive the upgrade and still
apply to the row's own match."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from countersight.model.screening import Route
from countersight.store import Store, records
from countersight.store.migrate import alembic_config


def test_old_decisions_survive_the_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            text(
                "INSERT INTO decisions (row_key, entity_id, verdict, note, decided_by, "
                "decided_at, active) VALUES ('isin:CNE100000PM8', 'cs-hikvision', 'reject', "
                "'old', 'bob', :at, 1)"
            ),
            {"at": datetime(2026, 11, 1, tzinfo=UTC)},
        )
    engine.dispose()
    store = Store(url)  # migrates to head
    try:
        old = records.decisions(store)[("isin:CNE100000PM8", "cs-hikvision", None)]
        assert (old.verdict, old.note, old.route, old.matched_entity) == (
            "reject",
            "old",
            None,
            None,
        )
        new = records.add_decision(
            store, "isin:CNE100000PM8", "cs-cetc", "reject", "ann", route=Route.OWNERSHIP,
            matched_entity="cs-hikvision",
        )  # fmt: skip
        stored = records.decisions(store)[("isin:CNE100000PM8", "cs-cetc", new.route)]
        assert (stored.route, stored.matched_entity) == ("ownership", "cs-hikvision")
    finally:
        store.close()
