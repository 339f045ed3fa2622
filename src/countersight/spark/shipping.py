"""What the driver ships to the executors, and how an executor opens it once per process.

The driver writes a *bundle*: the match engine (view and index, pickled as the on-disk index
cache is) and a copy of the SQLite store for the decisions and provenance that screening
reads. Executors open the bundle once per Python worker and reuse it for every partition.
A PostgreSQL store is not copied: executors connect to it with the same URL.
"""

from __future__ import annotations

import os
import pickle
import secrets
import shutil
import sqlite3
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from countersight.match.engine import Matcher
from countersight.service.context import Context, Engine
from countersight.settings import Settings
from countersight.store import Store


@dataclass(frozen=True, slots=True)
class Bundle:
    """Where the shipped files are, and the settings the executors screen with."""

    engine_file: str
    store_url: str  # "" when the store travels as a SQLite copy
    store_file: str  # "" for a PostgreSQL store
    settings: Settings


def write_bundle(ctx: Context, folder: Path) -> Bundle:
    """Build the engine on the driver and write the files the executors need."""
    folder.mkdir(parents=True, exist_ok=True)
    engine = ctx.engine()
    # Spark registers shipped files by name for the life of its context: one name per bundle.
    token = secrets.token_hex(6)
    engine_path = folder / f"countersight-engine-{token}.pkl"
    with engine_path.open("wb") as handle:
        pickle.dump((engine.view, engine.matcher.index), handle, protocol=pickle.HIGHEST_PROTOCOL)
    url = ctx.store.url
    if url.startswith("sqlite"):
        store_path = folder / f"countersight-store-{token}.db"
        _copy_sqlite(url.split("///", 1)[1], store_path)
        return Bundle(str(engine_path), "", str(store_path), ctx.settings)
    return Bundle(str(engine_path), url, "", ctx.settings)


def _copy_sqlite(source: str, target: Path) -> None:
    """A consistent copy of a SQLite database (its WAL included), via SQLite's backup."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


_OPENED: dict[str, Context] = {}
_LOCK = threading.Lock()


def open_bundle(engine_file: str, store_file: str, bundle: Bundle) -> Context:
    """The executor's context: the shipped engine over a private copy of the store.

    ``engine_file`` and ``store_file`` are the local paths Spark gave the shipped files.
    """
    with _LOCK:
        found = _OPENED.get(engine_file)
        if found is not None:
            return found
        url = bundle.store_url
        if not url:
            private = Path(f"{store_file}.{os.getpid()}")
            if not private.exists():
                shutil.copyfile(store_file, private)
            url = f"sqlite:///{private}"
        with open(engine_file, "rb") as handle:
            view, index = pickle.load(handle)
        settings = replace(bundle.settings, db=url, workers=1)
        context = Context(settings=settings, store=Store(url))
        context._engine = Engine(view, Matcher(index, context.thresholds))
        _OPENED[engine_file] = context
        return context


__all__ = ["Bundle", "open_bundle", "write_bundle"]
