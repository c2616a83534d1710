"""The load test in short form (the full one: tests/perf/test_load_perf.py): 200
vendors answering through their links and 20 staff browsing, against gunicorn and
PostgreSQL on loopback, for 20 seconds. Zero errors; portal saves p95 under 300 ms.
It runs in the PostgreSQL pass (where a server is at hand), once."""


import pytest

from tests.conftest import ON_POSTGRESQL, TEST_DATABASE_URL
from tests.loadgen import describe, measure

VENDORS, STAFF, SECONDS = 200, 20, 20


@pytest.mark.skipif(not ON_POSTGRESQL, reason="runs in the PostgreSQL pass")
def test_portal_saves_stay_fast_under_the_stated_load(tmp_path):
    result = measure(TEST_DATABASE_URL.rsplit("/", 1)[0] + "/vendorrisk_load", tmp_path,
                     vendors=VENDORS, staff=STAFF, seconds=SECONDS)
    print("\n" + describe(result))
    saves, pages = result["portal save"], result["staff page"]
    assert saves["count"] >= VENDORS * 4  # every vendor kept saving
    assert saves["errors"] == pages["errors"] == 0
    assert saves["p95"] < 300
