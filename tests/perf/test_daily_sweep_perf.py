"""Benchmark: the scheduler's daily sweep over 10,000 and 100,000 supervised vendors, on
SQLite and on PostgreSQL, measured in one run. Not part of the default test run:

    .venv/bin/python -m pytest tests/perf/test_daily_sweep_perf.py -s

The portfolio is in a steady state: every vendor approved, with a contact, a
consignment contract, its next review spread over the coming year and (tiers 1 and 2)
its next report over the coming half-year or year; one vendor in 50 has a decided
assessment with an open finding, due somewhere from 30 days ago to 60 days ahead. The
notices taken before today are in the ledger, as yesterday's sweep would have left them.
So today's sweep does one day's work: about 1/365 of the reviews, the reports due, the
notices whose day it is (this year's Rule 18 checks went out on an earlier day).

Targets (issue 26): under 5 s at 100,000 on PostgreSQL (10 s on SQLite, issue 8's);
time ratio 100,000 / 10,000 ≤ 12; peak memory not growing with the portfolio beyond a
constant batch. Uses
VENDORRISK_BENCH_DATABASE_URL for PostgreSQL (default: vendorrisk_bench on the local
server, recreated).
"""

import os
import shutil
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import bindparam, create_engine, insert, text, update

from tests.conftest import app_config
from tests.supervision.conftest import load_standards
from tests.vendors.seeding import seed_vendors
from vendorrisk import create_app
from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.services import create_user
from vendorrisk.contracts.models import Contract
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import Mark
from vendorrisk.review.models import Finding
from vendorrisk.supervision.cadence import CADENCES
from vendorrisk.supervision.runner import DAILY, JOBS
from vendorrisk.supervision.steps import before_step
from vendorrisk.vendors.models import Vendor

SIZES = (10_000, 100_000)
TODAY = date(2027, 6, 1)
NOW = datetime(2027, 6, 1, 6, tzinfo=UTC)
LEAD = timedelta(days=14)  # VENDORRISK_REVIEW_LEAD_DAYS
ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BENCH_URL = os.environ.get("VENDORRISK_BENCH_DATABASE_URL",
                           "postgresql+psycopg://postgres@127.0.0.1:5432/vendorrisk_bench")


# Vendors whose data is handled abroad, by themselves or down their chain of links not
# refused (where_handled, issue 22): this year's Rule 18 check went out on an earlier day.
ABROAD = """
WITH RECURSIVE reach(root, vendor) AS (
    SELECT id, id FROM vendors
    UNION
    SELECT reach.root, links.sub_vendor_id FROM reach
    JOIN sub_consignments AS links ON links.vendor_id = reach.vendor
    WHERE links.status <> 'refused')
SELECT DISTINCT reach.root FROM reach
JOIN sub_consignments AS links ON links.vendor_id = reach.vendor
WHERE links.status <> 'refused' AND links.country <> 'JP'
UNION
SELECT DISTINCT vendor_id FROM vendor_countries WHERE country <> 'JP'
"""

def _fresh_postgresql() -> str:
    name = BENCH_URL.rsplit("/", 1)[1]
    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return BENCH_URL


def _spread(number: int, prime: int, days: int) -> int:
    return number * prime % days


def _supervise(count: int, user_id: int) -> None:
    """Approve every seeded vendor and set its cadence dates; one contract each."""
    tiers = dict(db.session.execute(text("SELECT id, tier FROM vendors")).all())
    rows = []
    for number in range(1, count + 1):
        tier = tiers[number] if tiers[number] in CADENCES else "3"
        report_months = CADENCES[tier].report_months
        rows.append({
            "vid": number, "tier": tier, "status": "approved",
            # Yesterday's sweep sent everything due within the lead days; today's sends
            # the reviews and reports whose day has just come into that window.
            "next_review_on": TODAY + LEAD + timedelta(days=_spread(number, 7919, 365)),
            "next_review_kind": "periodic" if tier == "1" else "confirmation",
            "next_report_on": TODAY + LEAD + timedelta(
                days=_spread(number, 104729, report_months * 30)) if report_months else None})
    table = Vendor.__table__  # a Core executemany: the ORM's bulk update wants the key
    db.session.execute(update(table).where(table.c.id == bindparam("vid")).values(
        tier=bindparam("tier"), status=bindparam("status"),
        next_review_on=bindparam("next_review_on"),
        next_review_kind=bindparam("next_review_kind"),
        next_report_on=bindparam("next_report_on")), rows)
    contracts, marks = [], []
    for number in range(1, count + 1):
        ends = TODAY + timedelta(days=_spread(number, 6151, 730))
        contracts.append({
            "id": number, "vendor_id": number, "type": "consignment_contract",
            "title": "Consignment agreement", "signed_on": ends - timedelta(days=730),
            "effective_from": ends - timedelta(days=730), "effective_to": ends,
            "auto_renewal": False, "retention_until": ends + timedelta(days=3650),
            "created_by_id": user_id, "created_at": NOW, "updated_at": NOW})
        taken = before_step(ends, TODAY - timedelta(days=1), (60, 30, 7))
        if taken is not None:  # yesterday's sweep sent this one
            marks.append({"key": f"contract:{number}:{ends}:{taken}", "job": "notices",
                          "created_at": NOW - timedelta(days=1)})
    db.session.execute(insert(Contract), contracts)
    abroad = db.session.scalars(text(ABROAD)).all()
    marks += [{"key": f"rule18:{number}:{TODAY.year}", "job": "notices",  # this year's
               "created_at": NOW - timedelta(days=1)} for number in abroad]
    _findings(count, user_id, marks)
    for start in range(0, len(marks), 5000):
        db.session.execute(insert(Mark), marks[start:start + 5000])
    if db.session.get_bind().dialect.name == "postgresql":  # rows came with their ids
        for table in ("vendors", "contracts", "assessments", Finding.__tablename__):
            sql = (f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                   f"(SELECT max(id) FROM {table}))")  # our own table names
            db.session.execute(text(sql))
    db.session.commit()


def _findings(count: int, user_id: int, marks: list[dict]) -> None:
    version_id = db.session.scalar(text("SELECT min(id) FROM standard_versions"))
    assessments, findings = [], []
    for number in range(50, count + 1, 50):
        assessments.append({
            "id": number, "vendor_id": number, "kind": "selection",
            "standard_version_id": version_id, "status": "decided", "decision": "approve",
            "due_on": TODAY - timedelta(days=200), "tier": "2", "profile": {},
            "created_at": NOW - timedelta(days=220), "decided_at": NOW - timedelta(days=180),
            "proposal_round": 1})
        due = TODAY + timedelta(days=_spread(number, 31, 90) - 30)
        findings.append({
            "id": number, "assessment_id": number, "vendor_id": number, "severity": "medium",
            "description": "Seeded", "remediation": "Fix it", "due_on": due, "status": "open",
            "created_by_id": user_id, "created_at": NOW, "updated_at": NOW})
        if due < TODAY - timedelta(days=1):  # noticed on an earlier day
            marks.append({"key": f"finding:{number}:{due}", "job": "notices",
                          "created_at": NOW - timedelta(days=1)})
    db.session.execute(insert(Assessment), assessments)
    db.session.execute(insert(Finding), findings)


def _prepare(url: str, count: int, tmp_path) -> None:  # noqa: ANN001
    app = create_app(app_config(tmp_path / f"{count}", DATABASE_URL=url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        user = create_user(email="owner@example.com", name="Owner", password="x" * 16,
                           roles=["procurement"], actor=None, now=NOW)
        load_standards(TODAY - timedelta(days=400))
        db.session.commit()
        seed_vendors(count, owner_id=user.id)
        _supervise(count, user.id)
        db.engine.dispose()


def _sweep(url: str, count: int, tmp_path, *, trace: bool) -> tuple[float, float, dict]:  # noqa: ANN001
    """One day's sweep on a prepared database; with ``trace``, its peak Python memory
    (tracemalloc slows everything, so the timed run is another copy, untraced). Each copy
    has its own instance folder: the audit anchor written there is part of the day's work."""
    app = create_app(app_config(tmp_path / f"{count}-{'traced' if trace else 'timed'}",
                                DATABASE_URL=url))
    with app.app_context():
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        counts = {}
        for name in DAILY:
            counts[name] = JOBS[name](NOW)
            db.session.commit()
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0.0
        tracemalloc.stop()
        db.engine.dispose()
    return seconds, peak, counts


def _copies(database: str, count: int, tmp_path) -> tuple[str, str]:  # noqa: ANN001
    """Two identical prepared databases: one to time, one to trace."""
    if database == "sqlite":
        timed = tmp_path / f"sweep-{count}.db"
        _prepare(f"sqlite:///{timed}", count, tmp_path)
        traced = tmp_path / f"sweep-{count}-traced.db"
        shutil.copyfile(timed, traced)
        return f"sqlite:///{timed}", f"sqlite:///{traced}"
    timed = _fresh_postgresql()
    _prepare(timed, count, tmp_path)
    traced_name = BENCH_URL.rsplit("/", 1)[1] + "_traced"
    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{traced_name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{traced_name}" TEMPLATE '
                                f'"{BENCH_URL.rsplit("/", 1)[1]}"'))
    engine.dispose()
    return timed, BENCH_URL.rsplit("/", 1)[0] + "/" + traced_name


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_daily_sweep_scales(database, tmp_path):
    results = {}
    for count in SIZES:
        timed, traced = _copies(database, count, tmp_path)
        seconds, _, counts = _sweep(timed, count, tmp_path, trace=False)
        _, peak, traced_counts = _sweep(traced, count, tmp_path, trace=True)
        assert traced_counts == counts  # the same day's work both times
        results[count] = seconds, peak, counts
    print(f"\n{database}: daily sweep")
    for count, (seconds, peak, counts) in results.items():
        print(f"  {count:>7,} vendors: {seconds:6.2f} s, peak {peak:6.1f} MiB, {counts}")
    ratio = results[SIZES[1]][0] / results[SIZES[0]][0]
    memory = results[SIZES[1]][1] / results[SIZES[0]][1]
    print(f"  time ratio {ratio:.1f} (target ≤ 12), memory ratio {memory:.1f}")
    assert results[SIZES[1]][0] < (5 if database == "postgresql" else 10)
    assert ratio <= 12
