"""Audit before go-live (issue 25, R11; VENDORRISK_AUDIT_BEFORE_GO_LIVE): where the
company chose it, a tier-1 vendor's first approval is refused until an audit is
recorded; a rejection is not; with the setting off nothing waits."""

import pytest
from sqlalchemy import select

from tests.assessments.conftest import sign_off
from tests.helpers import page_text
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor


@pytest.fixture
def before_go_live(app):
    app.config["AUDIT_BEFORE_GO_LIVE"] = True


def test_the_first_approval_waits_for_an_audit(app, client, auth, people, submitted,
                                              tier1_vendor, before_go_live):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    assert "To be audited before its first approval." in page_text(
        client.get(f"/vendors/{tier1_vendor.id}"))
    refused = client.post(f"/assessments/{assessment_id}/propose",
                          data={"outcome": "approve", "rationale": "Reasons."})
    assert refused.status_code == 400
    assert "This tier-1 vendor must be audited before its first approval." in page_text(
        refused)
    recorded = client.post(f"/vendors/{tier1_vendor.id}/audits/new", data={
        "kind": "remote", "purpose": "before_go_live",
        "held_on": utcnow().date().isoformat(), "auditors": "Rio Reviewer",
        "scope": "Remote walk-through of the handling area.",
        "observations": "As answered.", "result": "satisfactory"})
    assert recorded.status_code == 302
    auth.logout()
    sign_off(client, auth, people, assessment_id)
    with app.app_context():
        vendor = db.session.get(Vendor, tier1_vendor.id)
        assert vendor.status.value == "approved"
        audit = vendor_audit(vendor.id)
        assert (audit.purpose.value, audit.assessment_id) == ("before_go_live", assessment_id)


def test_a_rejection_does_not_wait(app, client, auth, people, submitted, tier1_vendor,
                                  before_go_live):
    assessment_id, _link = submitted
    sign_off(client, auth, people, assessment_id, outcome="reject")
    with app.app_context():
        assert db.session.get(Vendor, tier1_vendor.id).status.value == "rejected"


def test_with_the_setting_off_nothing_waits(app, client, auth, people, submitted,
                                           tier1_vendor):
    assessment_id, _link = submitted
    sign_off(client, auth, people, assessment_id)
    with app.app_context():
        assert db.session.get(Vendor, tier1_vendor.id).status.value == "approved"


def vendor_audit(vendor_id: int):  # noqa: ANN201
    from vendorrisk.review.audit_models import VendorAudit
    return db.session.scalar(select(VendorAudit).where(VendorAudit.vendor_id == vendor_id))
