"""Rate-limit counters kept in the web process (``memory://``), without a thread per hit.

limits' own MemoryStorage expires its counters from a 10 ms timer thread and starts a new
one whenever the last has ended: under load that is a new thread for nearly every request,
and the request waits until it has started (profiled under the load test: a tenth of a
busy worker's time in Thread.start). This storage counts exactly the same way (a counter
past its window reads as zero whether or not it was swept) and sweeps expired counters in
the request itself, at most once a second, so that memory stays bounded."""

import time

from flask import Flask
from limits.storage import MemoryStorage

SCHEME = "swept-memory"


class SweptMemoryStorage(MemoryStorage):
    """MemoryStorage whose expiry runs inline, at most every ``SWEEP_SECONDS``."""

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012  (limits' registry reads a list)
    SWEEP_SECONDS = 1.0

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False,
                 **options: str) -> None:
        self.next_sweep = 0.0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    # MemoryStorage calls this (its private name) before every change of a counter.
    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802
        now = time.monotonic()
        if now >= self.next_sweep:
            self.next_sweep = now + self.SWEEP_SECONDS
            self._MemoryStorage__expire_events()


def use_swept_memory(app: Flask) -> None:
    """``memory://`` (the default) counts in this storage; any other URI is left alone."""
    if app.config.get("RATELIMIT_STORAGE_URI") == "memory://":
        app.config["RATELIMIT_STORAGE_URI"] = f"{SCHEME}://"
