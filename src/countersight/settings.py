"""Countersight's settings: one table, each with its environment variable, default and help.

Every setting is read from the environment when a :class:`Settings` object is built, never
captured at import time, so tests and long-running servers can build their own. The README's
settings table is checked against :data:`SETTINGS` by ``tests/test_docs.py``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "countersight"


@dataclass(frozen=True, slots=True)
class Setting:
    """One documented setting."""

    name: str
    env: str
    default: Any
    help: str

    def parse(self, raw: str) -> Any:
        """Convert the environment string to the type of the default."""
        if isinstance(self.default, bool):
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(self.default, int):
            return int(raw)
        if isinstance(self.default, float):
            return float(raw)
        return raw


def _default_db() -> str:
    data_dir = Path(platformdirs.user_data_dir(APP_NAME))
    return f"sqlite:///{data_dir / 'countersight.db'}"


def _default_cache() -> str:
    return platformdirs.user_cache_dir(APP_NAME)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "COUNTERSIGHT_DB",
        "",
        "Database URL: a sqlite:/// file or postgresql:// URL. "
        "Empty means a SQLite file in the user's data directory.",
    ),
    Setting(
        "cache_dir",
        "COUNTERSIGHT_CACHE_DIR",
        "",
        "Where the persisted match index is kept. Empty means the user's cache directory.",
    ),
    Setting(
        "match_threshold",
        "COUNTERSIGHT_MATCH_THRESHOLD",
        0.70,
        "Score at or above which a candidate is a match (and a screened row is flagged).",
    ),
    Setting(
        "review_threshold",
        "COUNTERSIGHT_REVIEW_THRESHOLD",
        0.50,
        "Score at or above which a candidate is shown for review.",
    ),
    Setting(
        "ownership_threshold",
        "COUNTERSIGHT_OWNERSHIP_THRESHOLD",
        50.0,
        "Smallest ownership share (percent) through which exposure is looked through "
        "(50 follows OFAC's 50 percent rule).",
    ),
    Setting(
        "max_depth",
        "COUNTERSIGHT_MAX_DEPTH",
        6,
        "Longest ownership or fund chain followed in look-through.",
    ),
    Setting(
        "workers",
        "COUNTERSIGHT_WORKERS",
        2,
        "Processes used by the batch matcher (1 disables multiprocessing).",
    ),
    Setting(
        "max_upload_mb",
        "COUNTERSIGHT_MAX_UPLOAD_MB",
        25,
        "Largest file the web app and API accept, in megabytes.",
    ),
    Setting(
        "screen_memory_mb",
        "COUNTERSIGHT_SCREEN_MEMORY_MB",
        2048,
        "Memory (megabytes, beyond the match index) one uploaded screening may use in the "
        "server; past it the screening fails with a message and the server carries on.",
    ),
    Setting(
        "screen_seconds",
        "COUNTERSIGHT_SCREEN_SECONDS",
        900.0,
        "Seconds one uploaded screening may run in the server before it is stopped and "
        "failed with a message.",
    ),
    Setting(
        "secret_key",
        "COUNTERSIGHT_SECRET_KEY",
        "",
        "Key that signs web sessions; empty makes a random key per server start.",
    ),
    Setting(
        "open_reads",
        "COUNTERSIGHT_OPEN_READS",
        False,
        "Let clients without a key or login match, search and read entities (writes still "
        "need an analyst).",
    ),
    Setting(
        "flag_products",
        "COUNTERSIGHT_FLAG_PRODUCTS",
        False,
        "Product hits (a description or trading name naming a covered maker) flag the row "
        "instead of sending it to review: for rules where buying covered equipment is itself "
        "the breach (NDAA section 889).",
    ),
    Setting(
        "list_mirror",
        "COUNTERSIGHT_LIST_MIRROR",
        "",
        "Base URL of an internal mirror of the official lists: `update` fetches each "
        "catalogue URL as MIRROR/host/path. Empty fetches from the publishers.",
    ),
    Setting(
        "fetch_timeout",
        "COUNTERSIGHT_FETCH_TIMEOUT",
        60.0,
        "Seconds `update` waits to connect or for the next bytes of a download.",
    ),
    Setting(
        "fetch_retries",
        "COUNTERSIGHT_FETCH_RETRIES",
        3,
        "Further attempts after a failed download (network error, timeout, HTTP 5xx).",
    ),
    Setting(
        "fetch_backoff",
        "COUNTERSIGHT_FETCH_BACKOFF",
        2.0,
        "Seconds before the first retry; doubled before each further one.",
    ),
    Setting(
        "refresh_every",
        "COUNTERSIGHT_REFRESH_EVERY",
        0.0,
        "Hours between background list updates in `serve` (0 turns them off). The server "
        "keeps answering from the current data until the new index is ready.",
    ),
    Setting(
        "stale_after_days",
        "COUNTERSIGHT_STALE_AFTER_DAYS",
        7,
        "Age in days (from its publication date) after which a loaded list is stale and "
        "screening output warns about it.",
    ),
    Setting(
        "job_inputs_days",
        "COUNTERSIGHT_JOB_INPUTS_DAYS",
        90,
        "Days the server keeps the file (and fund files) of an uploaded screening, so that it "
        "can be monitored later; when a screening finishes, the files of screenings older "
        "than this that no watch was made from are deleted. 0 keeps them forever.",
    ),
)

_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings. Build with :func:`load_settings`."""

    db: str = field(default_factory=_default_db)
    cache_dir: str = field(default_factory=_default_cache)
    match_threshold: float = 0.70
    review_threshold: float = 0.50
    ownership_threshold: float = 50.0
    max_depth: int = 6
    workers: int = 2
    max_upload_mb: int = 25
    screen_memory_mb: int = 2048
    screen_seconds: float = 900.0
    secret_key: str = ""
    open_reads: bool = False
    flag_products: bool = False
    list_mirror: str = ""
    fetch_timeout: float = 60.0
    fetch_retries: int = 3
    fetch_backoff: float = 2.0
    refresh_every: float = 0.0
    stale_after_days: int = 7
    job_inputs_days: int = 90


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Read every setting from ``env`` (default ``os.environ``), then apply ``overrides``.

    ``overrides`` with value ``None`` are ignored, so CLI options can be passed through as-is.
    """
    source = os.environ if env is None else env
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = source.get(setting.env)
        if raw is not None and raw != "":
            try:
                values[setting.name] = setting.parse(raw)
            except ValueError as exc:
                from countersight.exc import ConfigError

                raise ConfigError(f"{setting.env}={raw!r} is not a valid {setting.name}") from exc
    for key, value in overrides.items():
        if key not in _BY_NAME:
            raise KeyError(f"unknown setting {key!r}")
        if value is not None and value != "":
            values[key] = value
    if not values.get("db"):
        values["db"] = _default_db()
    if not values.get("cache_dir"):
        values["cache_dir"] = _default_cache()
    return Settings(**values)
