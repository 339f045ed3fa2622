"""Background list refresh for the server (``COUNTERSIGHT_REFRESH_EVERY`` hours).

Each cycle runs ``update`` over the catalogue's default lists. When a list changed, the new
match index is built while requests are still answered from the old one, then swapped in;
watches are re-screened and their webhooks delivered. A cycle that fails keeps the previous
data and is reported in :meth:`Refresher.state` (``/readyz`` details) and in the log;
readiness is unaffected.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from typing import Any

from countersight.exc import CountersightError, word
from countersight.service.context import Context
from countersight.service.update import Outcome, UpdateOptions, update_lists

log = logging.getLogger(__name__)


class Refresher:
    """Runs :meth:`run_once` every ``interval`` seconds on a daemon thread."""

    def __init__(self, ctx: Context, interval: float, options: UpdateOptions | None = None):
        self.ctx = ctx
        self.interval = interval
        self.options = options or UpdateOptions()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state: dict[str, Any] = {"last_run": None, "ok": None, "lists": {}, "error": None}
        self._state_lock = threading.Lock()
        ctx.background_refresh = True

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="list-refresh", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.run_once()

    def state(self) -> dict[str, Any]:
        """The last cycle: when, whether every list updated or was unchanged, per list."""
        with self._state_lock:
            return dict(self._state)

    def run_once(self) -> dict[str, Any]:
        """One refresh cycle; never raises (the server must keep running)."""
        started = datetime.now(UTC).isoformat()
        error: str | None = None
        lists: dict[str, str] = {}
        try:
            results = update_lists(self.ctx, [], self.options)
            lists = {r.dataset: r.outcome.value for r in results}
            failed = [f"{r.dataset}: {r.message}" for r in results if r.outcome == Outcome.FAILED]
            if failed:
                error = "; ".join(failed)
                log.warning("list refresh kept the previous data for %s", word(error))
            if any(r.outcome == Outcome.UPDATED for r in results):
                self.ctx.refresh()
                self._after_update([r.dataset for r in results if r.outcome == Outcome.UPDATED])
        except Exception as exc:  # reported, never fatal to the server
            log.exception("list refresh failed")
            raw = exc.raw if isinstance(exc, CountersightError) else str(exc)
            error = f"{type(exc).__name__}: {raw}"
        with self._state_lock:
            self._state = {"last_run": started, "ok": error is None, "lists": lists, "error": error}
        return self.state()

    def _after_update(self, datasets: list[str]) -> None:
        from countersight.service import watches
        from countersight.service.fetch import FetchPolicy

        settings = self.ctx.settings
        watches.rescreen_all(self.ctx, "lists updated: " + ", ".join(datasets))
        policy = FetchPolicy(settings.fetch_timeout, settings.fetch_retries, settings.fetch_backoff)
        watches.deliver_pending(self.ctx, policy)
