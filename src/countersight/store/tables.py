"""The database schema (SQLAlchemy Core). Alembic migrations in ``migrations/`` create it;
``tests/store/test_migrations.py`` fails if the two drift apart.

Invariant: an entity row belongs to exactly one dataset, and a dataset's rows are replaced
together with its ``sources`` row in one transaction. ``links`` are derived from entities
(registry ↔ list merges) and rewritten in that same transaction.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("dataset", String(128), primary_key=True),
    Column("kind", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("files", JSON, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("publisher_date", Date, nullable=True),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("entity_count", Integer, nullable=False),
    Column("relation_count", Integer, nullable=False),
    Column("skipped", JSON, nullable=False),
    Column("warnings", JSON, nullable=False),
    # How the files were fetched by `countersight update` (URL, HTTP validators, sha256,
    # time), per file; NULL for a list loaded from local files.
    Column("fetch", JSON, nullable=True),
)

entities = Table(
    "entities",
    metadata,
    Column("dataset", String(128), primary_key=True),
    Column("id", String(255), primary_key=True),
    Column("schema", String(32), nullable=False),
    Column("caption", Text, nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_entities_id", "id"),
)

names = Table(
    "names",
    metadata,
    Column("dataset", String(128), nullable=False),
    Column("entity_id", String(255), nullable=False),
    Column("value", Text, nullable=False),
    Column("norm", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Index("ix_names_norm", "norm"),
    Index("ix_names_entity", "dataset", "entity_id"),
)

identifiers = Table(
    "identifiers",
    metadata,
    Column("dataset", String(128), nullable=False),
    Column("entity_id", String(255), nullable=False),
    Column("scheme", String(32), nullable=False),
    Column("value", String(255), nullable=False),
    Index("ix_identifiers_value", "scheme", "value"),
    Index("ix_identifiers_entity", "dataset", "entity_id"),
)

relations = Table(
    "relations",
    metadata,
    Column("dataset", String(128), nullable=False),
    Column("id", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("subject", String(255), nullable=False),
    Column("object", String(255), nullable=False),
    Column("share", Float, nullable=True),
    Column("data", JSON, nullable=False),
    Index("ix_relations_subject", "subject"),
    Index("ix_relations_object", "object"),
    Index("ix_relations_dataset", "dataset"),
)

links = Table(
    "links",
    metadata,
    Column("canonical_id", String(255), nullable=False),
    Column("member_dataset", String(128), nullable=False),
    Column("member_id", String(255), nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_links_canonical", "canonical_id"),
    Index("ix_links_member", "member_dataset", "member_id", unique=True),
)

runs = Table(
    "runs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("store_version", String(64), nullable=False),
    Column("created_by", String(128), nullable=True),
    Column("summary", JSON, nullable=False),
    Column("result", JSON, nullable=False),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("row_key", String(255), nullable=False),
    Column("entity_id", String(255), nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("note", Text, nullable=True),
    Column("decided_by", String(128), nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    # The finding acted on: its route (direct, brand, ownership, fund) and the entity the row
    # itself matched. NULL route: recorded before routes were kept (the row's own match).
    Column("route", String(16), nullable=True),
    Column("matched_entity", String(255), nullable=True),
    Index("ix_decisions_key", "row_key", "entity_id"),
)

users = Table(
    "users",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("key_hash", String(64), primary_key=True),
    Column("user_name", String(128), ForeignKey("users.name", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("label", Text, nullable=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_name", String(128), ForeignKey("users.name", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_sessions_user", "user_name"),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("progress", Float, nullable=False, default=0.0),
    Column("message", Text, nullable=True),
    Column("file_name", Text, nullable=False),
    Column("created_by", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("run_id", String(32), nullable=True),
    Column("owner", String(255), nullable=True),
)

# The input of a finished web/API screening (its file, fund files and reading options, in
# the watch ``options`` shape), kept so the screening can be monitored as a watch later.
job_inputs = Table(
    "job_inputs",
    metadata,
    Column("job_id", String(32), ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("options", JSON, nullable=False),
)

watches = Table(
    "watches",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("content", LargeBinary, nullable=False),
    # Look-through files and reading options: {"holdings": [{"key", "file_name",
    # "content_b64"}], "mapping": [...], "sheet": ..., "job": the screening it came from}
    Column("options", JSON, nullable=False),
    Column("webhook_url", Text, nullable=True),
    Column("secret", String(128), nullable=True),
    Column("created_by", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # The latest screening document of the watch: the baseline of the next digest.
    Column("last_result", JSON, nullable=False),
    Column("last_screened_at", DateTime(timezone=True), nullable=False),
)

digests = Table(
    "digests",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watch", String(128), ForeignKey("watches.name", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("body", JSON, nullable=False),
    Index("ix_digests_watch", "watch"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("digest_id", Integer, ForeignKey("digests.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("status", String(16), nullable=False),  # pending | delivered
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text, nullable=True),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    Index("ix_deliveries_status", "status"),
)
