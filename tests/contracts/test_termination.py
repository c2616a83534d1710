"""The end of a contract (R19) through the pages and the vendor's link: termination →
deletion certificate → verification → vendor terminated; or an approved exception."""

import io
from datetime import timedelta

from sqlalchemy import select

from tests.contracts.conftest import record_contract
from tests.contracts.ending import (
    CERTIFICATE,
    certificate_ids,
    send_link,
    terminate,
    upload_certificate,
    vendor_status,
)
from tests.helpers import page_text, table_snapshot
from vendorrisk.audit.models import AuditEvent
from vendorrisk.contracts.models import Contract
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db


def test_termination_certificate_verification_then_the_vendor_is_terminated(
        app, client, auth, smtp_server, procurement, people, vendor_with_contact):
    vendor_id = vendor_with_contact.id
    auth.login(procurement.email)
    contract_id = record_contract(client, vendor_id)
    termination_id = terminate(client, vendor_id)
    with app.app_context():
        contract = db.session.get(Contract, contract_id)
        assert contract.terminated_on == utcnow().date()
        assert contract.termination_id == termination_id
    assert vendor_status(app, vendor_id) == "prospect"  # not until deletion is verified
    again = client.post(f"/contracts/terminate/{vendor_id}", data={
        "terminated_on": utcnow().date().isoformat(),
        "due_on": utcnow().date().isoformat(), "reason": "Twice"})
    assert again.status_code == 409
    assert "already waiting for its deletion certificate" in page_text(again)

    link = send_link(app, client, termination_id, smtp_server)
    assert smtp_server.messages[-1]["To"] == "hana@vendor.example.com"
    auth.logout()

    vendor_client = app.test_client()
    page = page_text(vendor_client.get(link))
    assert "Certificate of return or deletion" in page
    assert "Portal Test K.K." in page
    refused = upload_certificate(vendor_client, link, statement="")
    assert refused.status_code == 400
    assert "Say what was returned or deleted and how" in page_text(refused)
    assert upload_certificate(vendor_client, link).status_code == 302
    assert "received, being checked" in page_text(vendor_client.get(link))

    auth.login(people.reviewer.email)
    first = certificate_ids(app, termination_id)[0]
    no_reason = client.post(f"/contracts/terminations/{termination_id}/certificates/{first}"
                            "/review", data={"verdict": "reject"})
    assert no_reason.status_code == 400
    assert "Say why the certificate is rejected." in page_text(no_reason)
    rejected = client.post(f"/contracts/terminations/{termination_id}/certificates/{first}"
                           "/review", data={"verdict": "reject",
                                            "note": "Backups are not mentioned as erased."})
    assert rejected.status_code == 302
    assert vendor_status(app, vendor_id) == "prospect"

    assert "Backups are not mentioned as erased." in page_text(vendor_client.get(link))
    assert upload_certificate(vendor_client, link).status_code == 302
    second = certificate_ids(app, termination_id)[1]
    verified = client.post(f"/contracts/terminations/{termination_id}/certificates/{second}"
                           "/review", data={"verdict": "verify"})
    assert verified.status_code == 302
    assert vendor_status(app, vendor_id) == "terminated"
    page = page_text(client.get(f"/contracts/terminations/{termination_id}"))
    assert "Deletion verified" in page
    assert "Rejected" in page

    # The settled link shows what was sent but accepts nothing more.
    assert "Nothing more is needed from you" in page_text(vendor_client.get(link))
    assert upload_certificate(vendor_client, link).status_code == 409
    with app.app_context():
        actions = db.session.scalars(select(AuditEvent.action).where(
            AuditEvent.object_type.in_(["termination", "vendor"]),
            AuditEvent.object_id.in_([str(termination_id), str(vendor_id)]))
            .order_by(AuditEvent.seq)).all()
    steps = [action for action in actions if action.startswith(
        ("vendor.termination", "vendor.terminated", "termination.certificate"))]
    assert steps == [
        "vendor.termination_recorded",
        "termination.certificate_submitted", "termination.certificate_rejected",
        "termination.certificate_submitted", "termination.certificate_verified",
        "vendor.terminated"]
    assert "termination.link_sent" in actions
    assert "termination.link_opened" in actions


def test_whoever_recorded_a_certificate_cannot_verify_it(app, client, auth, make_user,
                                                         vendor_with_contact):
    from vendorrisk.auth.models import Role
    both = make_user(Role.PROCUREMENT, Role.REVIEWER, email="pat@example.com")
    auth.login(both.email)
    termination_id = terminate(client, vendor_with_contact.id)
    recorded = client.post(f"/contracts/terminations/{termination_id}/certificates", data={
        "file": (io.BytesIO(CERTIFICATE), "certificate.pdf"),
        "submitted_by_name": "Hana Sato", "deleted_on": utcnow().date().isoformat(),
        "statement": "Paper certificate received by post."},
        content_type="multipart/form-data")
    assert recorded.status_code == 302, page_text(recorded)
    certificate_id = certificate_ids(app, termination_id)[0]
    with app.app_context():
        before = table_snapshot()
    refused = client.post(f"/contracts/terminations/{termination_id}/certificates/"
                          f"{certificate_id}/review", data={"verdict": "verify"})
    assert refused.status_code == 403
    assert "another reviewer must verify it" in page_text(refused)
    with app.app_context():
        assert table_snapshot() == before


def test_an_approved_exception_ends_the_relationship_without_a_certificate(
        app, client, auth, procurement, people, vendor_with_contact):
    vendor_id = vendor_with_contact.id
    auth.login(procurement.email)
    termination_id = terminate(client, vendor_id)
    auth.logout()
    auth.login(people.approver.email)
    asked = client.post(f"/contracts/terminations/{termination_id}/exceptions", data={
        "rationale": "The vendor has been liquidated; nobody can certify.",
        "compensating_measures": "Liquidator's letter on file; accounts closed.",
        "expires_on": (utcnow().date() + timedelta(days=365)).isoformat()})
    assert asked.status_code == 302, page_text(asked)
    queue = page_text(client.get("/assessments/queue/approval"))
    assert "End of contract" not in queue  # not their own request
    with app.app_context():
        from vendorrisk.acceptance.models import RiskException
        exception_id = db.session.scalars(select(RiskException.id)).one()
    decide = f"/contracts/terminations/{termination_id}/exceptions/{exception_id}/decide"
    assert decide not in client.get(f"/contracts/terminations/{termination_id}").get_data(
        as_text=True)  # not offered to who asked
    own = client.post(f"/contracts/terminations/{termination_id}/exceptions/{exception_id}"
                      "/decide", data={"decision": "approve"})
    assert own.status_code == 403
    assert vendor_status(app, vendor_id) == "prospect"
    auth.logout()
    auth.login(people.second_approver.email)
    assert "End of contract" in page_text(client.get("/assessments/queue/approval"))
    assert decide in client.get(f"/contracts/terminations/{termination_id}").get_data(
        as_text=True)
    approved = client.post(f"/contracts/terminations/{termination_id}/exceptions/"
                           f"{exception_id}/decide", data={"decision": "approve"})
    assert approved.status_code == 302
    assert vendor_status(app, vendor_id) == "terminated"
    assert "Ended without a certificate (exception)" in page_text(
        client.get(f"/contracts/terminations/{termination_id}"))
