"""The full load test: 200 vendors answering through their links and 20 staff browsing,
against gunicorn (4 workers) and PostgreSQL on loopback, for 120 seconds.

    .venv/bin/python -m pytest tests/perf/test_load_perf.py -s

Uses VENDORRISK_BENCH_DATABASE_URL's server (a database vendorrisk_load, recreated).
"""

import os

from tests.loadgen import describe, measure

URL = os.environ.get("VENDORRISK_BENCH_DATABASE_URL",
                     "postgresql+psycopg://postgres@127.0.0.1:5432/vendorrisk_load")
VENDORS, STAFF, SECONDS = 200, 20, 120


def test_the_stated_load(tmp_path):
    result = measure(URL, tmp_path, vendors=VENDORS, staff=STAFF, seconds=SECONDS)
    print(f"\n{VENDORS} vendors, {STAFF} staff, {SECONDS} s, gunicorn 4 workers, "
          f"PostgreSQL:\n{describe(result)}")
    assert result["portal save"]["errors"] == result["staff page"]["errors"] == 0
    assert result["portal save"]["p95"] < 300
