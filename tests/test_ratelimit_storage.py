"""The in-process rate-limit counters (memory://): the same counts as limits' own storage,
without starting a thread per request, and expired counters swept within a second."""

import threading

import time_machine
from limits import parse
from limits.strategies import FixedWindowRateLimiter

from vendorrisk.foundation.extensions import limiter
from vendorrisk.foundation.ratelimit import SweptMemoryStorage


def test_memory_uri_counts_in_the_swept_storage(app):
    assert isinstance(limiter.storage, SweptMemoryStorage)


def test_a_hit_starts_no_thread_and_counts_as_before():
    storage = SweptMemoryStorage()
    window = FixedWindowRateLimiter(storage)
    limit = parse("3 per minute")
    threads = threading.active_count()
    with time_machine.travel("2026-12-03 10:00:00", tick=False):
        assert [window.hit(limit, "link") for _ in range(4)] == [True, True, True, False]
        assert threading.active_count() <= threads
    with time_machine.travel("2026-12-03 10:01:01", tick=False):
        assert window.hit(limit, "link")  # a new window


def test_expired_counters_are_swept():
    storage = SweptMemoryStorage()
    with time_machine.travel("2026-12-03 10:00:00", tick=False) as traveller:
        for number in range(50):
            storage.incr(f"link:{number}", 1)
        traveller.shift(2)
        storage.next_sweep = 0.0  # the second has passed (monotonic time is not travelled)
        storage.incr("one more", 60)
    assert set(storage.storage) == {"one more"}
