"""Failed sign-ins are throttled per user name and client address.

After :data:`MAX_FAILURES` wrong passwords for one name from one address within
:data:`WINDOW` seconds, that pair may not try again until the oldest failure leaves the
window; a successful sign-in clears the pair. The count lives in each server process, so
with ``--workers N`` an address gets at most N times the budget; it is meant to make
password guessing slow, not to replace a proxy's rate limits.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_FAILURES = 5
WINDOW = 15 * 60.0
MAX_TRACKED = 10_000  # pairs remembered at most; the least recently failed are forgotten


@dataclass
class LoginThrottle:
    """Failure times per (user name, address)."""

    max_failures: int = MAX_FAILURES
    window: float = WINDOW
    clock: Callable[[], float] = time.monotonic
    _failures: OrderedDict[tuple[str, str], deque[float]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def wait(self, name: str, address: str) -> int:
        """Seconds until this pair may try again; 0 when it may try now."""
        now = self.clock()
        with self._lock:
            times = self._recent((name, address), now)
            if len(times) < self.max_failures:
                return 0
            return max(1, int(times[0] + self.window - now + 0.999))

    def failed(self, name: str, address: str) -> None:
        """Record one wrong password."""
        key = (name, address)
        now = self.clock()
        with self._lock:
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times
            self._failures.move_to_end(key)
            while len(self._failures) > MAX_TRACKED:
                self._failures.popitem(last=False)

    def succeeded(self, name: str, address: str) -> None:
        """A right password clears the pair's failures."""
        with self._lock:
            self._failures.pop((name, address), None)
