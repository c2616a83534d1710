"""Triggers of issue 22 (items 5 and 9): a sub-consignee that loses its evaluation, a
"yes" in a submitted annual confirmation, a crossing of a sensitivity or volume band
inside the tier. Each opens one triggered reassessment, once, with a reason the
supervision labels put in words."""

from datetime import date, timedelta

from sqlalchemy import func, select

from tests.conftest import VENDOR_BASE
from tests.helpers import page_text
from tests.supervision.conftest import approved_vendor, at, load_standards
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.assessments.services import create_assessment, send_assessment, transition
from vendorrisk.assessments.workflow import Event
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db
from vendorrisk.supervision.labels import trigger_text
from vendorrisk.supervision.runner import run_job
from vendorrisk.vendors.inputs import VendorInput
from vendorrisk.vendors.models import SubConsignment
from vendorrisk.vendors.services.reconsignment import add_sub_consignment, decide_sub_consignment
from vendorrisk.vendors.services.register import update_vendor

DAY = date(2027, 3, 1)


def _triggered(vendor_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Assessment).where(
        Assessment.vendor_id == vendor_id, Assessment.kind == "triggered"))


def _reasons() -> list[dict]:
    return list(db.session.scalars(select(AuditEvent.details).where(
        AuditEvent.action == "supervision.triggered").order_by(AuditEvent.seq)))


def _chain(reviewer_id: int):
    """An approved consignee with an approved sub-consignee, set up months ago (long
    before any run reads the log: the runs' own start is the real clock's)."""
    load_standards(DAY - timedelta(days=400))
    parent = approved_vendor("Pacific CRM", "2", DAY - timedelta(days=200))
    sub = approved_vendor("Harbour DC", "2", DAY - timedelta(days=200))
    before = at(DAY - timedelta(days=150))
    link = add_sub_consignment(parent, sub, work="Hosting", country="JP",
                               data_handled="Customers", actor=None, now=before)
    decide_sub_consignment(link, approve=True, note="", now=before,
                           actor=db.session.get(User, reviewer_id))
    db.session.commit()
    return parent, sub, link


def test_a_suspended_sub_consignee_flags_and_triggers_its_consignee_once(app, make_user):
    reviewer = make_user(Role.REVIEWER)
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        parent, sub, link = _chain(reviewer.id)
        assert run_job("triggers", at(DAY)).counts == {}
        sub.status = "suspended"
        db.session.commit()
        assert run_job("triggers", at(DAY, 9)).counts == {"sent_triggered": 1}
        assert run_job("triggers", at(DAY, 10)).counts == {}  # once
        assert run_job("triggers", at(DAY + timedelta(days=1))).counts == {}
        assert _triggered(parent.id) == 1
        assert _triggered(sub.id) == 0
        assert db.session.get(SubConsignment, link.id).lapsed_on == DAY
        reason = _reasons()[-1]
        assert reason["code"] == "chain_lapsed"
        assert trigger_text(reason) == ("The approved sub-consignee Harbour DC no longer "
                                        "holds a current evaluation")
        assert db.session.scalar(select(AuditEvent.details).where(
            AuditEvent.action == "vendor.sub_consignee_lapsed"))["gap"] == "not_approved"


def test_an_overdue_sub_consignee_lapses_and_a_later_lapse_triggers_again(app, make_user):
    reviewer = make_user(Role.REVIEWER)
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        parent, sub, link = _chain(reviewer.id)
        sub.next_review_on = DAY - timedelta(days=1)
        db.session.commit()
        assert run_job("triggers", at(DAY)).counts == {"sent_triggered": 1}
        # The consignee's reassessment is done; the sub-consignee is reviewed again…
        for assessment in db.session.scalars(select(Assessment).where(
                Assessment.kind == "triggered")):
            assessment.status = "cancelled"
        sub.next_review_on = DAY + timedelta(days=30)
        db.session.commit()
        assert run_job("triggers", at(DAY + timedelta(days=1))).counts == {}
        assert db.session.get(SubConsignment, link.id).lapsed_on is None
        # …and lapses once more a month later: a new lapse, a new reassessment.
        later = DAY + timedelta(days=31)
        assert run_job("triggers", at(later)).counts == {"sent_triggered": 1}
        assert run_job("triggers", at(later, 9)).counts == {}
        assert _triggered(parent.id) == 2


def test_a_yes_in_the_annual_confirmation_opens_one_reassessment(app, make_user):
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        vendor = approved_vendor("Confirms", "2", DAY - timedelta(days=100))
        quiet = approved_vendor("Quiet", "2", DAY - timedelta(days=100))
        confirmations = {}
        for who, answer in ((vendor, "yes"), (quiet, "no")):
            confirmation = create_assessment(
                who, kind="confirmation", version=None, version_reason="",
                due_on=DAY + timedelta(days=10), contacts=who.contacts, actor=None,
                now=at(DAY))
            send_assessment(confirmation, actor=None, now=at(DAY))
            confirmation.answers += [
                Answer(question_id="scope_countries_changed", value=answer, version=1,
                       updated_at=at(DAY)),
                Answer(question_id="company_control_changed", value=answer, version=1,
                       updated_at=at(DAY))]
            transition(confirmation, Event.SUBMIT, actor=None, actor_label="v", now=at(DAY, 8))
            confirmations[who.id] = confirmation
        db.session.commit()
        assert run_job("triggers", at(DAY, 9)).counts == {"sent_triggered": 1}
        assert _triggered(vendor.id) == 1
        assert _triggered(quiet.id) == 0
        reason = _reasons()[-1]
        assert reason["code"] == "confirmation_changes"
        assert trigger_text(reason) == ("The annual confirmation reports changes: change of "
                                        "control, new or changed countries")
        # Returned and submitted again: the same confirmation, no second reassessment.
        confirmation = confirmations[vendor.id]
        transition(confirmation, Event.RETURN, actor=None, now=at(DAY, 10))
        transition(confirmation, Event.SUBMIT, actor=None, actor_label="v", now=at(DAY, 11))
        db.session.commit()
        assert run_job("triggers", at(DAY, 12)).counts == {}
        assert _triggered(vendor.id) == 1


def test_a_volume_band_crossed_inside_the_tier_opens_one_reassessment(app, make_user):
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        vendor = approved_vendor("Grows", "2", DAY - timedelta(days=100))
        db.session.commit()
        base = {**VENDOR_BASE, "legal_name": "Grows", "status": "approved"}
        # S stays 3 (employee data is as sensitive as customer data): no band crossed.
        update_vendor(vendor, VendorInput(**{**base, "categories": ["customer", "employee"]}),
                      owner_id=None, actor=None, now=at(DAY, 8))
        db.session.commit()
        assert run_job("triggers", at(DAY, 9)).counts == {}
        # V 2 → 4 while access stays "view": still tier 2.
        update_vendor(vendor, VendorInput(**{**base, "categories": ["customer", "employee"],
                                             "individuals": "up_to_100000"}),
                      owner_id=None, actor=None, now=at(DAY, 10))
        db.session.commit()
        assert vendor.tier == "2"
        assert run_job("triggers", at(DAY, 11)).counts == {"sent_triggered": 1}
        assert run_job("triggers", at(DAY, 12)).counts == {}
        reason = _reasons()[-1]
        assert (reason["code"], reason["params"]) == ("band_crossed", {"V": [2, 4]})
        assert trigger_text(reason) == ("The data profile crossed a band within its tier: "
                                        "volume 2 → 4")


def test_a_sensitivity_band_crossed_opens_one_reassessment(app, make_user):
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        vendor = approved_vendor("Shrinks", "2", DAY - timedelta(days=100))
        db.session.commit()
        update_vendor(vendor, VendorInput(**{**VENDOR_BASE, "legal_name": "Shrinks",
                                             "status": "approved",
                                             "categories": ["business_contact"]}),
                      owner_id=None, actor=None, now=at(DAY, 10))
        db.session.commit()
        assert run_job("triggers", at(DAY, 11)).counts == {"sent_triggered": 1}
        assert run_job("triggers", at(DAY, 12)).counts == {}
        assert _reasons()[-1]["params"] == {"S": [3, 1]}


def test_the_supervision_page_lists_triggered_reassessments_in_words(app, client, auth,
                                                                     make_user):
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        vendor = approved_vendor("Grows", "2", DAY - timedelta(days=100))
        db.session.commit()
        update_vendor(vendor, VendorInput(**{**VENDOR_BASE, "legal_name": "Grows",
                                             "status": "approved",
                                             "individuals": "more_than_100000"}),
                      owner_id=None, actor=None, now=at(DAY, 10))
        db.session.commit()
        run_job("triggers", at(DAY, 11))
    auth.login_as(Role.AUDITOR)
    text = page_text(client.get("/supervision/"))
    assert "Grows · The data profile crossed a band within its tier: volume 2 → 5" in text
    assert "band_crossed" not in text


def test_a_band_crossed_with_a_change_of_tier_is_told_as_the_tier(app, make_user):
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        vendor = approved_vendor("Jumps", "2", DAY - timedelta(days=100))
        db.session.commit()
        update_vendor(vendor, VendorInput(**{**VENDOR_BASE, "legal_name": "Jumps",
                                             "status": "approved", "access": "bulk",
                                             "individuals": "up_to_100000"}),
                      owner_id=None, actor=None, now=at(DAY, 10))
        db.session.commit()
        assert vendor.tier == "1"
        assert run_job("triggers", at(DAY, 11)).counts == {"sent_triggered": 1}
        assert [reason["code"] for reason in _reasons()] == ["tier_changed"]
