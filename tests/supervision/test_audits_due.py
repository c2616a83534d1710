"""The audit programme reminds (issue 25, R11): over simulated years, a tier-1 vendor's
audit is announced 30 days before it is due and once when overdue — never twice; the
audit recorded moves the next one (yearly with My Number, every two years otherwise);
tiers 2 and 3 are never reminded."""

from datetime import date, datetime, timedelta

import time_machine
from sqlalchemy import select

from tests.supervision.conftest import approved_vendor, at, load_standards
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import Outcome
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.review.audit_models import VendorAudit
from vendorrisk.supervision.audits_due import remind_audits
from vendorrisk.supervision.runner import run_job
from vendorrisk.vendors.models import VendorCategory
from vendorrisk.vendors.vocabulary import DataCategory

START = date(2027, 4, 1)


def _approved(name: str, tier: str, *, my_number: bool = False) -> int:
    vendor = approved_vendor(name, tier, START)
    db.session.scalar(select(Assessment).where(Assessment.vendor_id == vendor.id)
                      ).decision = Outcome.APPROVE
    if my_number:
        vendor.category_rows.append(VendorCategory(category=DataCategory.MY_NUMBER))
    db.session.commit()
    return vendor.id


def _audit(vendor_id: int, held_on: date, recorder_id: int) -> None:
    db.session.add(VendorAudit(
        vendor_id=vendor_id, kind="on_site", purpose="periodic", held_on=held_on,
        auditors="Akira Approver", scope="Handling site.", checklist=[],
        observations="As answered.", result="satisfactory", recorded_by_id=recorder_id,
        created_at=at(held_on)))
    db.session.commit()


def test_each_audit_is_announced_once_ahead_and_once_overdue(app, make_user, smtp_server):
    """Every day for three years; the job's own wrapper (runner.run_job) is run once at
    the end, to show the job is wired and finds nothing left to say."""
    officer = make_user(Role.APPROVER, email="officer@example.com")
    with app.app_context():
        load_standards(START)
        payroll = _approved("Payroll K.K.", "1", my_number=True)
        _approved("Hosting K.K.", "1")
        _approved("Printer K.K.", "2")
        counts: dict[date, dict[str, int]] = {}
        day = START
        while day < date(2030, 4, 1):
            now: datetime = at(day)
            with time_machine.travel(now, tick=False):
                if day == date(2028, 4, 20):  # payroll audited 19 days late
                    _audit(payroll, day, officer.id)
                ran = remind_audits(now)  # the job's work, as run_job commits it
                db.session.commit()
                if any(ran.values()):
                    counts[day] = ran
                    run_job("outbox", now)
            day += timedelta(days=1)
        with time_machine.travel(at(day), tick=False):
            assert run_job("audits", at(day)).counts == {"audits_due": 0, "audits_overdue": 0}
    due, overdue = {"audits_due": 1, "audits_overdue": 0}, {"audits_due": 0,
                                                             "audits_overdue": 1}
    assert counts == {
        date(2028, 3, 2): due,  # payroll: a year after the approval, 30 days ahead
        date(2028, 4, 2): overdue,
        date(2029, 3, 2): due,  # hosting: two years after the approval
        date(2029, 3, 21): due,  # payroll: a year after its audit of 2028-04-20
        date(2029, 4, 2): overdue,  # hosting, never audited
        date(2029, 4, 21): overdue,
    }
    subjects = [m["Subject"] for m in smtp_server.messages]
    assert subjects[:2] == ["An audit of Payroll K.K. is due by 2028-04-01",
                            "The audit of Payroll K.K. was due by 2028-04-01"]
    assert len(subjects) == 6
    assert {m["To"] for m in smtp_server.messages} == {officer.email}
    body = smtp_server.messages[0].get_body(("plain",)).get_content()
    assert "(tier 1: yearly for the data it handles)" in body
    assert f"/vendors/{payroll}#audits" in body
