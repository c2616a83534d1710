"""Issue 22 item 1, the onboarding plan on a real import: 200 vendors already in use
(tests/supervision/data/onboarding_200.csv) imported through the import page, then the
scheduler over simulated weeks: first assessments go out in tier order, then by volume,
exactly the weekly capacity each week, none twice, until the backlog is empty. And the
vendors that cannot be sent are skipped with their reason, shown."""

import io
from datetime import date, timedelta
from pathlib import Path

import time_machine
from sqlalchemy import select

from tests.helpers import page_text
from tests.supervision.conftest import at, load_standards
from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.auth.models import Role
from vendorrisk.edges.cli.demo import run_demo
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import Mark
from vendorrisk.supervision.runner import run_job
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

FILE = Path(__file__).with_name("data") / "onboarding_200.csv"
START = date(2027, 3, 1)  # a Monday
BANDS = ["more_than_100000", "up_to_100000", "up_to_1000", "up_to_100"]  # larger first


def _import(client, data: bytes, name: str = "vendors.csv") -> None:
    report = client.post("/vendors/import", data={"file": (io.BytesIO(data), name)},
                         content_type="multipart/form-data")
    assert "have errors" in page_text(report)
    sha256 = report.get_data(as_text=True).split('name="sha256" value="')[1].split('"')[0]
    done = client.post("/vendors/import/confirm", data={
        "sha256": sha256, "filename": name, "mode": "all"})
    assert done.status_code == 302


def _sent(skip: int = 0) -> list[int]:
    """Vendor ids of the first assessments, in the order they were sent (after the first
    ``skip``, the demo's own)."""
    return list(db.session.scalars(select(Assessment.vendor_id).where(
        Assessment.kind == AssessmentKind.SELECTION).order_by(Assessment.id)))[skip:]


def _supervision_page(client, auth, day: date) -> str:
    """The page as an auditor sees it on ``day`` (logged in that day: sessions end)."""
    with time_machine.travel(at(day, 9), tick=False):
        auth.login_as(Role.AUDITOR)
        return page_text(client.get("/supervision/"))


def test_two_hundred_vendors_in_use_are_onboarded_in_tier_order_at_the_capacity(
        app, client, auth):
    with app.app_context():  # on the demo: its vendors and standards are there already
        run_demo(now=utcnow())
        demo_vendors = dict(db.session.execute(select(Vendor.id, Vendor.status)).all())
        demo_selections = len(_sent())
    auth.login_as(Role.PROCUREMENT)
    _import(client, FILE.read_bytes())
    with app.app_context():
        vendors = db.session.scalars(select(Vendor).where(Vendor.id.not_in(demo_vendors))
                                     ).all()
        assert len(vendors) == 200
        assert {vendor.status.value for vendor in vendors} == {"in_use_unassessed"}
        expected = [vendor.id for vendor in sorted(vendors, key=lambda v: (
            v.tier.value, BANDS.index(v.individuals.value), v.id))]
        tiers = {vendor.id: vendor.tier.value for vendor in vendors}
    assert set(tiers.values()) == {"1", "2", "3"}
    page = _supervision_page(client, auth, START)
    # waiting, sent: the file's 200 and the demo's two vendors in use (one sent by the
    # demo's first sweep, one without a contact that cannot be sent)
    assert "Total 201 1" in page
    assert "(1 vendor that cannot be sent is not counted.)" in page
    assert "Weekly capacity: 20; sent this week: 0." in page
    assert "At this capacity the backlog is cleared in the week of 2027-05-03." in page

    with app.app_context():
        for week in range(11):
            monday = START + timedelta(weeks=week)
            before = len(_sent(demo_selections))
            for offset in (0, 2, 6):  # the daily sweep runs every day; three will do
                assert run_job("onboarding", at(monday + timedelta(days=offset))
                               ).outcome.value == "ok"
            assert len(_sent(demo_selections)) - before == min(20, 200 - before), week
        sent = _sent(demo_selections)
        assert sent == expected  # tier 1 first, then the larger volume, then the id
        assert len(set(sent)) == 200  # none twice
        assert [tiers[vendor_id] for vendor_id in sent] == sorted(tiers.values())
        marks = db.session.scalars(select(Mark.key).where(Mark.key.like("onboarding:%"))).all()
        assert len(marks) == 201  # and the demo's vendor in use
        # The vendors keep "in use — not yet assessed" until their decision is signed;
        # the demo's vendors are untouched.
        statuses = dict(db.session.execute(select(Vendor.id, Vendor.status)).all())
        assert {statuses[vendor_id].value for vendor_id in sent} == {"in_use_unassessed"}
        assert {key: statuses[key] for key in demo_vendors} == demo_vendors
        assert run_job("onboarding", at(START + timedelta(weeks=12))).counts == {
            "skipped_no_contact": 1}
    page = _supervision_page(client, auth, START + timedelta(weeks=12))
    assert "Total 1 201" in page
    assert "Legacy Mailing Co. (Tier 1): no contact to send the questionnaire to" in page


def test_vendors_that_cannot_be_sent_are_skipped_with_their_reason(app, client, auth):
    auth.login_as(Role.PROCUREMENT)
    header, *rows = FILE.read_bytes().decode().splitlines()
    mute = rows[1].replace("Contact 002", "").replace("contact002@inuse.example.com", "")
    _import(client, "\n".join([header, rows[0], mute, ""]).encode())
    with app.app_context():
        counts = run_job("onboarding", at(START)).counts
        assert counts == {"skipped_no_contact": 1, "skipped_no_standard": 1}
        assert db.session.scalars(select(Mark)).all() == []  # nothing claimed: tried again
    page = _supervision_page(client, auth, START)
    assert "Cannot be sent 2" in page
    assert ("In Use 002 K.K. (Tier 1): no contact to send the questionnaire to: add one to "
            "the vendor") in page
    assert ("In Use 001 K.K. (Tier 2): no approved selection standard is assigned to its "
            "tier: an approver assigns one on the standards' assignments page") in page
    assert "(2 vendors that cannot be sent are not counted.)" in page
    with app.app_context():
        load_standards(START)
        add_contact(db.session.scalar(select(Vendor).where(
            Vendor.legal_name == "In Use 002 K.K.")), ContactInput(
            name="Found", email="found@inuse.example.com"), primary=True, actor=None,
            now=at(START))
        db.session.commit()
        assert run_job("onboarding", at(START + timedelta(days=1))).counts == {
            "sent_selection": 2}
