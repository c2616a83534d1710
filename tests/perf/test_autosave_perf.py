"""Benchmark: portal autosave under gunicorn (2 workers) on PostgreSQL, against a bare
Flask endpoint doing the one equivalent UPDATE, from a load generator on loopback in
the same run. Target: autosave ≥ 0.5 × the bare endpoint's requests per second.

    .venv/bin/python -m pytest tests/perf/test_autosave_perf.py -s

The two endpoints are measured in alternating windows (bare, autosave, bare, …), so that
whatever else the machine does at the time weighs on both alike: measured one after the
other, the same code printed 0.38 and 0.50 on two runs. The run ends with a line that a
CI step can read, ``autosave-ratio: 0.62``.

Settings (environment): VENDORRISK_BENCH_DATABASE_URL (default: a database
vendorrisk_bench on the local PostgreSQL, recreated for the run);
VENDORRISK_BENCH_ROUNDS (pairs of windows, 6) and VENDORRISK_BENCH_WINDOW (seconds per
window, 2); VENDORRISK_BENCH_AUTOSAVE_FLOOR (the ratio below which the test fails, 0.5).
`.ci/run` runs a short form: 3 rounds of 1 s, floor 0.4.
"""

import http.client
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from flask_migrate import upgrade

from tests.conftest import VENDOR_BASE, free_port
from tests.helpers import adopt_standards
from tests.loadgen import fresh_database
from tests.standards.conftest import VALID, write_standard
from vendorrisk import create_app
from vendorrisk.assessments.services import create_assessment, save_answer, send_assessment
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput, VendorInput
from vendorrisk.vendors.services.contacts import add_contact
from vendorrisk.vendors.services.register import create_vendor

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BENCH_URL = os.environ.get("VENDORRISK_BENCH_DATABASE_URL",
                           "postgresql+psycopg://postgres@127.0.0.1:5432/vendorrisk_bench")
THREADS = 8  # eight vendors answering at once
ROUNDS = int(os.environ.get("VENDORRISK_BENCH_ROUNDS", "6"))
WINDOW = float(os.environ.get("VENDORRISK_BENCH_WINDOW", "2"))
FLOOR = float(os.environ.get("VENDORRISK_BENCH_AUTOSAVE_FLOOR", "0.5"))


def _fresh_database() -> None:
    try:
        fresh_database(BENCH_URL)
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"no PostgreSQL to benchmark on: {error}")


def _seed(tmp_path: Path) -> list[tuple[str, int]]:
    """One sent assessment (with one answer) per client, as THREADS vendors answering at
    once; return each one's portal path and id."""
    app = create_app({"ENV": "testing", "DATABASE_URL": BENCH_URL,
                      "INSTANCE_PATH": str(tmp_path / "instance")})
    with app.app_context():
        upgrade()
        now = utcnow()
        vendor = create_vendor(VendorInput(**VENDOR_BASE), owner_id=None, actor=None, now=now)
        contact = add_contact(vendor, ContactInput(name="Bench", email="bench@v.example.com"),
                              primary=True, actor=None, now=now)
        load_folder(write_standard(tmp_path / "q", VALID).parent.parent, actor=None, now=now)
        adopt_standards(now=now)
        seeded = []
        for _ in range(THREADS):
            assessment = create_assessment(vendor, kind="selection", version=None,
                                           version_reason="",
                                           due_on=(now + timedelta(days=14)).date(),
                                           contacts=[contact], actor=None, now=now)
            (link,) = send_assessment(assessment, actor=None, now=now)
            save_answer(assessment, assessment.respondents[0], "d1_policy", value=1,
                        not_applicable=False, justification="", comment="",
                        expected_version=None, now=now)
            seeded.append((urlsplit(link).path, assessment.id))
        db.session.commit()
        db.engine.dispose()
        return seeded


def _session(port: int, path: str) -> tuple[str, str]:
    """A session cookie and CSRF token, as the portal page hands them to the browser."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    connection.close()
    return cookie, body.split('name="csrf-token" content="')[1].split('"')[0]


def _load(port: int, paths: list[str], headers: list[dict[str, str]], make_body,  # noqa: ANN001
          seconds: float) -> tuple[int, float]:
    """Requests answered by THREADS keep-alive clients (client i posts to paths[i]) in
    ``seconds``, and the seconds it took."""
    counts, stop = [0] * THREADS, time.perf_counter() + seconds

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        number = 0
        while time.perf_counter() < stop:
            connection.request("POST", paths[index], body=make_body(number),
                               headers=headers[index])
            response = connection.getresponse()
            response.read()
            assert response.status == 200, response.status
            counts[index] += 1
            number += 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), time.perf_counter() - started


def test_autosave_against_a_bare_update(tmp_path):
    if shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("gunicorn is not installed")
    _fresh_database()
    seeded = _seed(tmp_path)
    port = free_port()
    env = {**os.environ, "VENDORRISK_BENCH_DATABASE_URL": BENCH_URL,
           "VENDORRISK_INSTANCE_PATH": str(tmp_path / "instance")}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", "2",
         "--bind",
         f"127.0.0.1:{port}", "--log-level", "warning", "tests.perf.autosave_app:app"],
        env=env, cwd=Path(__file__).resolve().parents[2])
    try:
        for _ in range(100):
            try:
                _session(port, seeded[0][0])
                break
            except (ConnectionRefusedError, AttributeError):
                time.sleep(0.1)
        forms = []
        for path, _id in seeded:
            cookie, token = _session(port, path)
            forms.append({"Content-Type": "application/x-www-form-urlencoded",
                          "Cookie": cookie, "X-CSRFToken": token})
        autosaves = [f"{path}/autosave" for path, _id in seeded]
        bares = [f"/bench/bare/{assessment_id}" for _path, assessment_id in seeded]

        def autosave_body(number: int) -> str:
            return urlencode({"section": "d1", "present-d1_policy": "1",
                              "q-d1_policy": str(number % 4)})

        def bare_body(number: int) -> str:
            return urlencode({"q-d1_policy": str(number % 4)})

        _load(port, autosaves, forms, autosave_body, WINDOW)  # warm up
        _load(port, bares, forms, bare_body, WINDOW)
        rounds = [(_load(port, bares, forms, bare_body, WINDOW),
                   _load(port, autosaves, forms, autosave_body, WINDOW))
                  for _ in range(ROUNDS)]
    finally:
        server.terminate()
        server.wait(timeout=10)
    bare = sum(count for (count, _s), _a in rounds) / sum(s for (_c, s), _a in rounds)
    autosave = sum(count for _b, (count, _s) in rounds) / sum(s for _b, (_c, s) in rounds)
    ratio = autosave / bare
    each = ", ".join(f"{(a / sa) / (b / sb):.2f}" for (b, sb), (a, sa) in rounds)
    print(f"\nbare UPDATE endpoint: {bare:,.0f} req/s; portal autosave: {autosave:,.0f} req/s; "
          f"ratio {ratio:.2f}; each round {each} (gunicorn 2 workers, PostgreSQL, "
          f"{THREADS} clients each on its own questionnaire, {ROUNDS} rounds of {WINDOW:g} s "
          f"per endpoint)\nautosave-ratio: {ratio:.2f}")
    assert ratio >= FLOOR, f"autosave ratio {ratio:.2f} is below {FLOOR}"
