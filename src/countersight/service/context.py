"""The service context: settings, the store, and the matcher built for the store's version.

CLI, API and web all start here. :func:`open_context` opens (and migrates) the store and
makes sure the embedded registry is loaded and current; :meth:`Context.engine` returns the
canonical view and matcher, from memory, from the on-disk cache, or freshly built.

The on-disk cache is keyed by the store's URL and data version and shared by every process
using the same cache dir: it is written once (temp file, then rename) under a file lock, so
when several server workers need the same new version, one builds it and the others load
it. A server's context (``background_refresh``) never makes a request wait for a build: it
notices a new version, builds or loads its engine on a background thread while requests are
answered from the previous one, then swaps it in.

One snapshot per use-case: a request or a screening takes the engine once (or works on
:meth:`Context.pinned`), so a load that lands meanwhile cannot mix two versions of the data,
and a batch costs one store round trip for the version, not one per query.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from countersight import native
from countersight.match.engine import Matcher, Thresholds
from countersight.match.groups import group_names
from countersight.match.index import ENGINE_VERSION, MatchIndex
from countersight.match.resolve import resolve_links
from countersight.model import REGISTRY_DATASET
from countersight.model.view import DataView, build_view
from countersight.settings import Settings, load_settings
from countersight.sources import registry
from countersight.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Engine:
    """A canonical view and the matcher over it, for one store version."""

    view: DataView
    matcher: Matcher


@dataclass
class Context:
    """Everything a use-case needs. Cheap to share between threads."""

    settings: Settings
    store: Store
    # Set by a server: once it has an engine, requests keep it while the engine for a newer
    # version is built (or loaded from the shared cache) in the background, then swapped in.
    background_refresh: bool = False
    _engine: Engine | None = field(default=None, repr=False)
    _warming: str | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _pinned: bool = field(default=False, repr=False)

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(self.settings.match_threshold, self.settings.review_threshold)

    def engine(self) -> Engine:
        """The view and matcher for the current store version (built at most once); on a
        pinned context, always the engine it was pinned to; on a context refreshed in the
        background, the current engine until the next one is ready (see :meth:`warm`)."""
        if self._pinned and self._engine is not None:
            return self._engine
        version = self.store.version()
        with self._lock:
            current = self._engine
            if current is not None and current.view.version == version:
                return current
            if current is not None and self.background_refresh:
                self._start_warming(version)
                return current
            self._engine = self._load_engine(version)
            return self._engine

    def warm(self) -> bool:
        """Start building the engine for the store's current version in the background, if
        there is an engine in use and it is for another version. Returns True when it
        started (or found under way) the next one."""
        version = self.store.version()
        with self._lock:
            if self._engine is None or self._engine.view.version == version:
                return False
            self._start_warming(version)
            return True

    def serving_version(self) -> str | None:
        """The data version requests are answered from now (None before the first engine)."""
        engine = self._engine
        return engine.view.version if engine is not None else None

    def _start_warming(self, version: str) -> None:
        """Build ``version``'s engine on a thread, unless one is on its way (lock held)."""
        if self._warming == version:
            return
        self._warming = version
        threading.Thread(target=self._warm, args=(version,), name="index-warm", daemon=True).start()

    def _warm(self, version: str) -> None:
        try:
            fresh = self._load_engine(version)
        except Exception:  # the previous engine keeps answering; the next request retries
            log.exception("building the match index for data version %s failed", version)
            fresh = None
        with self._lock:
            if self._warming == version:
                self._warming = None
            current = self._engine
            if fresh is not None and (current is None or _newer(version, current.view.version)):
                self._engine = fresh
                log.info("answering from data version %s", version)

    def pinned(self) -> Context:
        """This context fixed to the current engine: every :meth:`engine` call on the copy
        returns the same view and matcher, whatever loads land meanwhile. Take one per
        screening or request; the store and settings are shared."""
        return replace(self, _engine=self.engine(), _lock=threading.Lock(), _pinned=True)

    def at_version(self, version: str) -> Context:
        """A context pinned to the engine of data ``version``, from the shared cache (or
        built): how a screening in another process uses the snapshot its server had."""
        engine = self._load_engine(version)
        return replace(self, _engine=engine, _lock=threading.Lock(), _pinned=True)

    def invalidate(self) -> None:
        """Drop the engine so the next use rebuilds it (unless refreshed in the background:
        then the next use warms the new one while the current one answers)."""
        with self._lock:
            if not self.background_refresh:
                self._engine = None

    def refresh(self) -> Engine:
        """Build the engine for the store's current version, then swap it in: until then,
        every request is answered by the previous one."""
        fresh = self._load_engine(self.store.version())
        with self._lock:
            current = self._engine
            if current is not None and _newer(current.view.version, fresh.view.version):
                return current  # a newer one was swapped in meanwhile
            self._engine = fresh
            return fresh

    def _cache_file(self, version: str) -> Path:
        url_key = hashlib.sha1(self.store.url.encode("utf-8")).hexdigest()[:12]
        name = f"index-{url_key}-{version}-{ENGINE_VERSION}-{native.flavour()}.pkl"
        return Path(self.settings.cache_dir) / name

    def _load_engine(self, version: str) -> Engine:
        """The engine from the shared cache, or built and cached: one process builds a
        version while the others wait on the cache's lock, then load what it wrote."""
        path = self._cache_file(version)
        cached = self._read_cache(path)
        if cached is not None:
            return cached
        with _cache_lock(path.parent / f"index-{path.name.split('-')[1]}.lock"):
            return self._read_cache(path) or self._build(version, path)

    def _read_cache(self, path: Path) -> Engine | None:
        if not path.exists():
            return None
        try:
            with path.open("rb") as handle:
                view, index = pickle.load(handle)
            return Engine(view, Matcher(index, self.thresholds))
        except Exception:  # a stale or corrupt cache is rebuilt, never trusted
            log.warning("ignoring unreadable index cache %s", path)
            return None

    def _build(self, version: str, path: Path) -> Engine:
        log.info("building the match index for data version %s", version)
        view = build_view(
            version, self.store.entities(), self.store.relations(), self.store.links()
        )
        entities = list(view.entities.values())
        index = MatchIndex.build(
            entities, version, workers=self.settings.workers, groups=group_names(view, entities)
        )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in _older_caches(path, version):
                old.unlink(missing_ok=True)
            remove_orphaned_temp_files(path.parent)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")  # processes may race
            with tmp.open("wb") as handle:
                pickle.dump((view, index), handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            log.warning("could not write the index cache to %s", path)
        return Engine(view, Matcher(index, self.thresholds))


def _older_caches(path: Path, version: str) -> list[Path]:
    """This store's cached indexes older than ``version`` (or of another engine version);
    newer ones, written meanwhile by another process, stay."""
    prefix = f"index-{path.name.split('-')[1]}-"
    suffix = f"-{ENGINE_VERSION}-{native.flavour()}.pkl"
    older = []
    for other in path.parent.glob(prefix + "*.pkl"):
        if other == path:
            continue
        if not other.name.endswith(suffix) or _newer(version, other.name[len(prefix) :]):
            older.append(other)
    return older


def _newer(version: str, than: str) -> bool:
    """Whether data version ``version`` came after ``than`` (versions are ``N-timestamp``,
    N counting every write)."""

    def number(value: str) -> int:
        head = value.split("-")[0]
        return int(head) if head.isdigit() else 0

    return number(version) > number(than)


@contextmanager
def _cache_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes sharing the cache dir (``flock``; held until the
    block ends, released by the kernel if the process dies). Without ``fcntl`` (not POSIX)
    or a writable cache dir, no lock: at worst two processes build the same index."""
    try:
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+b")
    except (ImportError, OSError):
        yield
        return
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphaned_temp_files(folder: Path) -> list[Path]:
    """Remove index files half-written by a process that is gone (killed during a build):
    ``index-....<pid>.tmp`` whose pid no longer runs. Returns what was removed."""
    removed = []
    for tmp in folder.glob("index-*.tmp"):
        pid = tmp.suffixes[-2].lstrip(".") if len(tmp.suffixes) >= 2 else ""
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def ensure_registry(store: Store) -> bool:
    """Load the embedded registry when the store lacks it or has an older version.
    Returns True when it (re)loaded. Comparing versions hashes the files' bytes; the YAML
    is parsed only when they changed."""
    current = store.source(REGISTRY_DATASET)
    if current is not None and current.sha256 == registry.files_digest():
        return False
    store.replace_dataset(registry.load(), resolver=resolve_links)
    return True


def open_context(settings: Settings | None = None) -> Context:
    """Open the configured store, migrate it, and make sure the registry is loaded."""
    resolved = settings or load_settings()
    store = Store(resolved.db)
    ensure_registry(store)
    return Context(settings=resolved, store=store)
