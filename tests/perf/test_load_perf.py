"""The full load test: 200 vendors answering through their links and 20 staff browsing,
against gunicorn (4 workers) and PostgreSQL on loopback, for 120 seconds; then the
server's capacity: saves per second at saturation (16 clients posting autosaves without
pause for 10 s), printed beside the offered rate, so that a reader sees the headroom.

    .venv/bin/python -m pytest tests/perf/test_load_perf.py -s

Uses VENDORRISK_BENCH_DATABASE_URL's server (a database vendorrisk_load, recreated).
The load generator runs on the same machine, so the capacity is what is left beside it.
"""

import http.client
import os
import threading
import time
from urllib.parse import urlencode

from tests.loadgen import _get_page, _token, describe, measure

URL = os.environ.get("VENDORRISK_BENCH_DATABASE_URL",
                     "postgresql+psycopg://postgres@127.0.0.1:5432/vendorrisk_load")
VENDORS, STAFF, SECONDS = 200, 20, 120
CLIENTS, SATURATION_SECONDS = 16, 10


def saturate(port: int, paths: list[str]) -> dict[str, float]:
    """Autosaves per second from CLIENTS keep-alive clients that never pause."""
    counts, errors = [0] * CLIENTS, [0] * CLIENTS
    stop = time.perf_counter() + SATURATION_SECONDS

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        cookie, page = _get_page(connection, paths[index])
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                   "X-CSRFToken": _token(page)}
        number = 0
        while time.perf_counter() < stop:
            connection.request("POST", f"{paths[index]}/autosave", headers=headers,
                               body=urlencode({"section": "d1", "present-d1_policy": "1",
                                               "q-d1_policy": str(number % 4)}))
            response = connection.getresponse()
            response.read()
            counts[index] += 1
            errors[index] += response.status != 200
            number += 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(index,)) for index in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"saves_per_second": sum(counts) / (time.perf_counter() - started),
            "errors": sum(errors)}


def test_the_stated_load(tmp_path):
    result = measure(URL, tmp_path, vendors=VENDORS, staff=STAFF, seconds=SECONDS,
                     then=saturate)
    capacity = result.pop("then")
    offered = result["portal save"]["per_second"]
    print(f"\n{VENDORS} vendors, {STAFF} staff, {SECONDS} s, gunicorn 4 workers, "
          f"PostgreSQL:\n{describe(result)}\n"
          f"capacity: {capacity['saves_per_second']:.0f} saves/s at saturation "
          f"({CLIENTS} clients, {SATURATION_SECONDS} s, {capacity['errors']:.0f} errors); "
          f"offered {offered:.0f} saves/s: headroom "
          f"{capacity['saves_per_second'] / offered:.1f}×")
    assert result["portal save"]["errors"] == result["staff page"]["errors"] == 0
    assert result["portal save"]["p95"] < 300
