"""A scripted load on loopback: simulated vendors answering through their portal links
(an autosave every few seconds each, as a person types) and staff browsing the main
pages, against gunicorn and PostgreSQL. Bounded in time; every request is timed, and
the report gives requests per second, p50/p95/p99 and errors per kind of request.

Used by tests/test_load.py (a short run in the default suite) and
tests/perf/test_load_perf.py (the full run)."""

import http.client
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from statistics import quantiles
from urllib.parse import urlencode, urlsplit

import pyotp
import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from tests.conftest import PASSWORD, VENDOR_BASE, free_port
from tests.helpers import adopt_standards
from tests.standards.conftest import VALID, write_standard
from vendorrisk import create_app
from vendorrisk.assessments.services import create_assessment, send_assessment
from vendorrisk.auth.models import Role
from vendorrisk.auth.services import create_user
from vendorrisk.auth.totp import seal
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput, VendorInput
from vendorrisk.vendors.services.contacts import add_contact
from vendorrisk.vendors.services.register import create_vendor

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
# The production app's key (tests/perf/autosave_app.py), and the authenticator every
# seeded approver enrolled (production requires two-factor of approvers): the simulated
# approvers sign in with its code, as real ones would.
BENCH_SECRET_KEY = "benchmark-secret-key-benchmark-secret-key"
AUTHENTICATOR = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
STAFF_PAGES = ("/dashboard/", "/vendors/", "/assessments/", "/contracts/", "/incidents/",
               "/supervision/", "/vendors/?q=load")


def fresh_database(url: str) -> None:
    """Drop and create the database ``url`` names (on the local server)."""
    name = urlsplit(url).path.lstrip("/")
    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()


def seed(url: str, tmp_path: Path, *, vendors: int, staff: int) -> tuple[list[str], list[str]]:
    """``vendors`` vendors with a sent questionnaire each and ``staff`` users; return the
    portal paths and the staff logins."""
    app = create_app({"ENV": "testing", "DATABASE_URL": url,
                      "INSTANCE_PATH": str(tmp_path / "instance")})
    with app.app_context():
        upgrade()
        now = utcnow()
        load_folder(write_standard(tmp_path / "q", VALID).parent.parent, actor=None, now=now)
        adopt_standards(now=now)
        paths = []
        for number in range(vendors):
            vendor = create_vendor(VendorInput(**{**VENDOR_BASE, "legal_name":
                                                  f"Load {number:03d} K.K."}),
                                   owner_id=None, actor=None, now=now)
            contact = add_contact(vendor, ContactInput(
                name=f"Respondent {number}", email=f"r{number}@vendor.example.com"),
                primary=True, actor=None, now=now)
            assessment = create_assessment(vendor, kind="selection", version=None,
                                           version_reason="",
                                           due_on=(now + timedelta(days=14)).date(),
                                           contacts=[contact], actor=None, now=now)
            (link,) = send_assessment(assessment, actor=None, now=now)
            paths.append(urlsplit(link).path)
        roles = (Role.PROCUREMENT, Role.REVIEWER, Role.APPROVER, Role.AUDITOR)
        logins = []
        for number in range(staff):
            email = f"staff{number}@example.com"
            user = create_user(email=email, name=f"Staff {number}", password=PASSWORD,
                               roles=[roles[number % len(roles)]], language="en",
                               actor=None, now=now)
            if user.has_role(Role.APPROVER):
                user.totp_secret = seal(AUTHENTICATOR, BENCH_SECRET_KEY)
                user.totp_enrolled_at = now
            logins.append(email)
        db.session.commit()
        # Statistics now, as a database that has run a while has them: without, the
        # planner guesses until autovacuum analyses the new tables mid-run.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as bare:
            bare.execute(text("ANALYZE"))
        db.engine.dispose()
    return paths, logins


def start_gunicorn(url: str, port: int, tmp_path: Path, *, workers: int) -> subprocess.Popen:
    """The production app (tests/perf/autosave_app.py) under gunicorn; waits until up."""
    env = {**os.environ, "VENDORRISK_BENCH_DATABASE_URL": url,
           "VENDORRISK_INSTANCE_PATH": str(tmp_path / "instance")}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"),
         "--config", "python:vendorrisk.gunicorn_conf",  # as in production (README)
         "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         "tests.perf.autosave_app:app"], env=env, cwd=Path(__file__).resolve().parents[1])
    for _ in range(200):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return server
            finally:
                connection.close()
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


@dataclass(frozen=True)
class Sample:
    kind: str
    seconds: float
    ok: bool


def _session(response: http.client.HTTPResponse, cookie: str) -> str:
    """The session cookie the response sets (several Set-Cookie headers may come), or
    the one we had."""
    for header in response.msg.get_all("Set-Cookie") or []:
        if header.startswith("session="):
            return header.split(";", 1)[0]
    return cookie


def _get_page(connection: http.client.HTTPConnection, path: str,
              cookie: str = "") -> tuple[str, str]:
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    body = response.read().decode()
    return _session(response, cookie), body


def _token(body: str) -> str:
    return body.split('name="csrf-token" content="')[1].split('"')[0]


def run(port: int, portal_paths: list[str], logins: list[str], *, seconds: float,
        think: tuple[float, float] = (1.0, 3.0), warmup: float = 10.0) -> list[Sample]:
    """Every vendor and every staff member in a thread of its own: each opens its page
    (or logs in) at a random moment of the ``warmup``, then works; the requests of the
    ``seconds`` after the warm-up are measured."""
    samples: list[Sample] = []
    lock = threading.Lock()
    measured = time.perf_counter() + warmup
    stop = measured + seconds

    def timed(kind: str, connection: http.client.HTTPConnection, method: str, path: str,
              body: str | None, headers: dict[str, str], expect: int) -> None:
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status == expect
        except OSError:
            ok = False
        if started >= measured:
            with lock:
                samples.append(Sample(kind, time.perf_counter() - started, ok))

    def vendor(path: str, seed_number: int) -> None:
        rng = random.Random(seed_number)
        time.sleep(rng.uniform(0, warmup))  # arrivals spread, not a thundering herd
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        cookie, page = _get_page(connection, path)
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                   "X-CSRFToken": _token(page)}
        number = 0
        while time.perf_counter() < stop:
            body = urlencode({"section": "d1", "present-d1_policy": "1",
                              "q-d1_policy": str(number % 4)})
            timed("portal save", connection, "POST", f"{path}/autosave", body, headers, 200)
            number += 1
            time.sleep(rng.uniform(*think))
        connection.close()

    def staff(email: str, seed_number: int) -> None:
        rng = random.Random(seed_number)
        time.sleep(rng.uniform(0, warmup))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        cookie, page = _get_page(connection, "/auth/login")
        connection.request("POST", "/auth/login", body=urlencode({
            "email": email, "password": PASSWORD, "csrf_token": page.split(
                'name="csrf_token" type="hidden" value="')[1].split('"')[0]}),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        response = connection.getresponse()
        response.read()
        cookie = _session(response, cookie)
        if response.getheader("Location", "").endswith("/auth/login/code"):
            cookie, page = _get_page(connection, "/auth/login/code", cookie)
            connection.request("POST", "/auth/login/code", body=urlencode({
                "code": pyotp.TOTP(AUTHENTICATOR).now(), "csrf_token": page.split(
                    'name="csrf_token" type="hidden" value="')[1].split('"')[0]}),
                headers={"Content-Type": "application/x-www-form-urlencoded",
                         "Cookie": cookie})
            response = connection.getresponse()
            response.read()
            cookie = _session(response, cookie)
        while time.perf_counter() < stop:
            timed("staff page", connection, "GET", rng.choice(STAFF_PAGES), None,
                  {"Cookie": cookie}, 200)
            time.sleep(rng.uniform(*think))
        connection.close()

    threads = [threading.Thread(target=vendor, args=(path, index))
               for index, path in enumerate(portal_paths)]
    threads += [threading.Thread(target=staff, args=(email, 10_000 + index))
                for index, email in enumerate(logins)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def report(samples: list[Sample], seconds: float) -> dict[str, dict[str, float]]:
    """Per kind: count, requests per second, errors, p50/p95/p99 in milliseconds."""
    result = {}
    for kind in sorted({sample.kind for sample in samples}):
        times = sorted(sample.seconds * 1000 for sample in samples if sample.kind == kind)
        cuts = quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
        result[kind] = {"count": len(times), "per_second": len(times) / seconds,
                        "errors": sum(1 for sample in samples
                                      if sample.kind == kind and not sample.ok),
                        "p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}
    return result


def describe(result: dict[str, dict[str, float]]) -> str:
    return "\n".join(f"{kind}: {row['count']:.0f} requests ({row['per_second']:.1f}/s), "
                     f"errors {row['errors']:.0f}, p50 {row['p50']:.0f} ms, "
                     f"p95 {row['p95']:.0f} ms, p99 {row['p99']:.0f} ms"
                     for kind, row in result.items())


def measure(url: str, tmp_path: Path, *, vendors: int, staff: int, seconds: float,
            workers: int = 4, then: Callable[[int, list[str]], dict[str, float]] | None = None
            ) -> dict[str, dict[str, float]]:
    """The whole load test on a fresh database ``url``: seed, serve, load, report; and
    ``then`` (port, portal paths), its result under "then", before the server stops."""
    if shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("gunicorn is not installed")
    fresh_database(url)
    paths, logins = seed(url, tmp_path, vendors=vendors, staff=staff)
    port = free_port()
    server = start_gunicorn(url, port, tmp_path, workers=workers)
    try:
        result = report(run(port, paths, logins, seconds=seconds), seconds)
        if then is not None:
            result["then"] = then(port, paths)
        return result
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":  # python -m tests.loadgen URL FOLDER VENDORS STAFF SECONDS
    # A process of its own: a long test session's heap and threads never slow the clients.
    import json

    url_arg, folder, vendors_arg, staff_arg, seconds_arg = sys.argv[1:6]
    print(json.dumps(measure(url_arg, Path(folder), vendors=int(vendors_arg),
                             staff=int(staff_arg), seconds=float(seconds_arg))))
