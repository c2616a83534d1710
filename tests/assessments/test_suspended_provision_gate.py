"""The approval gate shows a suspended provision abroad (issue 25, R15): while a Rule 18
check has suspended the provision to a country, no approval is proposed or signed; a
rejection still is, and a later check that lets the provision continue opens the gate."""

from sqlalchemy import select

from tests.assessments.conftest import sign_off
from tests.helpers import page_text
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.crossborder_models import CrossBorderRecord, TransferBasis


def _suspend(app, vendor_id: int, suspended: bool = True) -> None:
    with app.app_context():
        entry = db.session.scalar(select(CrossBorderRecord).where(
            CrossBorderRecord.vendor_id == vendor_id)) or CrossBorderRecord(
            vendor_id=vendor_id, country="US", basis=TransferBasis.CONFORMING_CONTRACT,
            evidence="DPA clause 12", evidenced_on=utcnow().date(), recorded_at=utcnow())
        entry.suspended = suspended
        db.session.add(entry)
        db.session.commit()


def test_a_suspended_provision_refuses_an_approval_until_a_check_lets_it_continue(
        app, client, auth, people, submitted, tier1_vendor):
    assessment_id, _link = submitted
    _suspend(app, tier1_vendor.id)
    auth.login(people.reviewer.email)
    refused = client.post(f"/assessments/{assessment_id}/propose",
                          data={"outcome": "approve", "rationale": "Reasons."})
    assert refused.status_code == 400
    assert ("The provision to United States is suspended after a Rule 18 check: an approval "
            "would entrust data there.") in page_text(refused)

    # proposed before the suspension: the signature that would decide it is refused
    _suspend(app, tier1_vendor.id, suspended=False)
    base = f"/assessments/{assessment_id}"
    assert client.post(f"{base}/propose", data={"outcome": "approve",
                                                "rationale": "Reasons."}).status_code == 302
    assert client.post(f"{base}/sign", data={"stage": "reviewer"}).status_code == 302
    _suspend(app, tier1_vendor.id)
    auth.logout()
    auth.login(people.approver.email)
    late = client.post(f"{base}/sign", data={"stage": "approver"})
    assert late.status_code in (400, 409)
    with app.app_context():
        assert db.session.get(type(tier1_vendor), tier1_vendor.id).status.value != "approved"
    auth.logout()


def test_a_rejection_is_signed_while_the_provision_is_suspended(
        app, client, auth, people, submitted, tier1_vendor):
    assessment_id, _link = submitted
    _suspend(app, tier1_vendor.id)
    sign_off(client, auth, people, assessment_id, outcome="reject")
    with app.app_context():
        assert db.session.get(type(tier1_vendor), tier1_vendor.id).status.value == "rejected"
