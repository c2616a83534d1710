"""The end of a contract (R19) through the pages and the vendor's link: termination →
deletion certificate → verification → vendor terminated; or an approved exception."""

import io
import re
from datetime import timedelta

import time_machine
from sqlalchemy import select

from tests.contracts.conftest import record_contract
from tests.helpers import page_text, table_snapshot
from vendorrisk.audit.models import AuditEvent
from vendorrisk.contracts.models import Contract, Termination
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor

CERTIFICATE = b"%PDF-1.4\n% certificate of deletion, backups included\n%%EOF\n"
DELETION_LINK = re.compile(r"https?://\S+(/portal/deletion/[A-Za-z0-9_-]+)")


def _vendor_status(app, vendor_id: int) -> str:
    with app.app_context():
        return db.session.get(Vendor, vendor_id).status.value


def _terminate(client, vendor_id: int, *, due_in: int = 30) -> int:
    today = utcnow().date()
    response = client.post(f"/contracts/terminate/{vendor_id}", data={
        "terminated_on": today.isoformat(),
        "due_on": (today + timedelta(days=due_in)).isoformat(),
        "reason": "The call-centre service moves in-house."})
    assert response.status_code == 302, page_text(response)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _send_link(app, client, termination_id: int, smtp_server) -> str:
    with app.app_context():
        contact_id = db.session.get(Termination, termination_id).vendor.contacts[0].id
    sent = client.post(f"/contracts/terminations/{termination_id}/link",
                       data={"contact_id": contact_id})
    assert sent.status_code == 302
    body = smtp_server.messages[-1].get_body(preferencelist=("plain",)).get_content()
    return DELETION_LINK.search(body).group(1)


def _certificate(vendor_client, link: str, **changes):
    html = vendor_client.get(link).get_data(as_text=True)
    token = html.split('name="csrf-token" content="')[1].split('"')[0]
    data = {"csrf_token": token, "file": (io.BytesIO(CERTIFICATE), "deletion.pdf"),
            "submitted_by_name": "Hana Sato, CISO", "deleted_on": utcnow().date().isoformat(),
            "statement": "All customer records and their backups erased on 2 servers.",
            **changes}
    return vendor_client.post(link, data=data, content_type="multipart/form-data")


def _certificate_ids(app, termination_id: int) -> list[int]:
    with app.app_context():
        return [c.id for c in db.session.get(Termination, termination_id).certificates]


def test_termination_certificate_verification_then_the_vendor_is_terminated(
        app, client, auth, smtp_server, procurement, people, vendor_with_contact):
    vendor_id = vendor_with_contact.id
    auth.login(procurement.email)
    contract_id = record_contract(client, vendor_id)
    termination_id = _terminate(client, vendor_id)
    with app.app_context():
        contract = db.session.get(Contract, contract_id)
        assert contract.terminated_on == utcnow().date()
        assert contract.termination_id == termination_id
    assert _vendor_status(app, vendor_id) == "prospect"  # not until deletion is verified
    again = client.post(f"/contracts/terminate/{vendor_id}", data={
        "terminated_on": utcnow().date().isoformat(),
        "due_on": utcnow().date().isoformat(), "reason": "Twice"})
    assert again.status_code == 409
    assert "already waiting for its deletion certificate" in page_text(again)

    link = _send_link(app, client, termination_id, smtp_server)
    assert smtp_server.messages[-1]["To"] == "hana@vendor.example.com"
    auth.logout()

    vendor_client = app.test_client()
    page = page_text(vendor_client.get(link))
    assert "Certificate of return or deletion" in page
    assert "Portal Test K.K." in page
    refused = _certificate(vendor_client, link, statement="")
    assert refused.status_code == 400
    assert "Say what was returned or deleted and how" in page_text(refused)
    assert _certificate(vendor_client, link).status_code == 302
    assert "received, being checked" in page_text(vendor_client.get(link))

    auth.login(people.reviewer.email)
    first = _certificate_ids(app, termination_id)[0]
    no_reason = client.post(f"/contracts/terminations/{termination_id}/certificates/{first}"
                            "/review", data={"verdict": "reject"})
    assert no_reason.status_code == 400
    assert "Say why the certificate is rejected." in page_text(no_reason)
    rejected = client.post(f"/contracts/terminations/{termination_id}/certificates/{first}"
                           "/review", data={"verdict": "reject",
                                            "note": "Backups are not mentioned as erased."})
    assert rejected.status_code == 302
    assert _vendor_status(app, vendor_id) == "prospect"

    assert "Backups are not mentioned as erased." in page_text(vendor_client.get(link))
    assert _certificate(vendor_client, link).status_code == 302
    second = _certificate_ids(app, termination_id)[1]
    verified = client.post(f"/contracts/terminations/{termination_id}/certificates/{second}"
                           "/review", data={"verdict": "verify"})
    assert verified.status_code == 302
    assert _vendor_status(app, vendor_id) == "terminated"
    page = page_text(client.get(f"/contracts/terminations/{termination_id}"))
    assert "Deletion verified" in page
    assert "Rejected" in page

    # The settled link shows what was sent but accepts nothing more.
    assert "Nothing more is needed from you" in page_text(vendor_client.get(link))
    assert _certificate(vendor_client, link).status_code == 409
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
    termination_id = _terminate(client, vendor_with_contact.id)
    recorded = client.post(f"/contracts/terminations/{termination_id}/certificates", data={
        "file": (io.BytesIO(CERTIFICATE), "certificate.pdf"),
        "submitted_by_name": "Hana Sato", "deleted_on": utcnow().date().isoformat(),
        "statement": "Paper certificate received by post."},
        content_type="multipart/form-data")
    assert recorded.status_code == 302, page_text(recorded)
    certificate_id = _certificate_ids(app, termination_id)[0]
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
    termination_id = _terminate(client, vendor_id)
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
    own = client.post(f"/contracts/terminations/{termination_id}/exceptions/{exception_id}"
                      "/decide", data={"decision": "approve"})
    assert own.status_code == 403
    assert _vendor_status(app, vendor_id) == "prospect"
    auth.logout()
    auth.login(people.second_approver.email)
    assert "End of contract" in page_text(client.get("/assessments/queue/approval"))
    approved = client.post(f"/contracts/terminations/{termination_id}/exceptions/"
                           f"{exception_id}/decide", data={"decision": "approve"})
    assert approved.status_code == 302
    assert _vendor_status(app, vendor_id) == "terminated"
    assert "Ended without a certificate (exception)" in page_text(
        client.get(f"/contracts/terminations/{termination_id}"))


def test_the_deletion_link_works_only_for_its_own_termination(app, client, auth,
                                                               smtp_server, procurement,
                                                               make_vendor,
                                                               vendor_with_contact):
    auth.login(procurement.email)
    termination_id = _terminate(client, vendor_with_contact.id, due_in=10)
    link = _send_link(app, client, termination_id, smtp_server)
    vendor_client = app.test_client()
    assert vendor_client.get("/portal/deletion/" + "x" * 43).status_code == 404
    assert vendor_client.get(link).status_code == 200
    newer = _send_link(app, client, termination_id, smtp_server)
    assert vendor_client.get(link).status_code == 404  # replaced by the newer link
    with time_machine.travel(utcnow() + timedelta(days=10 + 8)):  # due + grace days over
        assert vendor_client.get(newer).status_code == 410
    other = make_vendor(legal_name="Someone Else K.K.")
    assert "Someone Else" not in page_text(vendor_client.get(newer))
    assert other.id != vendor_with_contact.id


def test_ending_is_refused_while_a_questionnaire_is_open_and_nothing_changes(
        app, client, auth, smtp_server, procurement, vendor_with_contact):
    from tests.portal.conftest import create_and_send
    assessment_id = create_and_send(client, auth, vendor_with_contact,
                                    sender_email=procurement.email)
    auth.login(procurement.email)
    with app.app_context():
        before = table_snapshot()
    refused = client.post(f"/contracts/terminate/{vendor_with_contact.id}", data={
        "terminated_on": utcnow().date().isoformat(),
        "due_on": utcnow().date().isoformat(), "reason": "Ends"})
    assert refused.status_code == 409
    assert f"Assessment {assessment_id} of this vendor is still open" in page_text(refused)
    with app.app_context():
        assert table_snapshot() == before


def test_a_termination_cannot_be_dated_in_the_future(client, auth, procurement,
                                                    vendor_with_contact):
    auth.login(procurement.email)
    refused = client.post(f"/contracts/terminate/{vendor_with_contact.id}", data={
        "terminated_on": (utcnow().date() + timedelta(days=5)).isoformat(),
        "due_on": (utcnow().date() + timedelta(days=30)).isoformat(), "reason": "Later"})
    assert refused.status_code == 400
    assert "today or earlier" in page_text(refused)


def test_ended_contracts_keep_their_terms_and_the_vendor_gets_no_new_ones(
        app, client, auth, procurement, vendor_with_contact):
    from tests.contracts.conftest import all_clauses, contract_form
    auth.login(procurement.email)
    running = record_contract(client, vendor_with_contact.id)
    with app.app_context():  # one that had already run out: still covered by the obligation
        from vendorrisk.contracts.services import ContractInput, create_contract
        today = utcnow().date()
        expired = create_contract(db.session.get(Vendor, vendor_with_contact.id), ContractInput(
            type="dpa", title="Old DPA", signed_on=today - timedelta(days=900),
            effective_from=today - timedelta(days=900),
            effective_to=today - timedelta(days=100),
            retention_until=today + timedelta(days=900)), actor=None, now=utcnow()).id
        db.session.commit()
    termination_id = _terminate(client, vendor_with_contact.id, due_in=0)
    with app.app_context():
        linked = {c.id: c.terminated_on for c in db.session.get(
            Termination, termination_id).contracts}
    assert set(linked) == {running, expired}
    assert linked[expired] is None  # it ended by expiry, not by this termination

    changed = client.post(f"/contracts/{running}/edit", data=contract_form(title="Changed"))
    assert changed.status_code == 409
    assert "only its keep-until date can still be moved later" in page_text(changed)
    assert client.post(f"/contracts/{running}/clauses", data=all_clauses()).status_code == 409
    new = client.post(f"/contracts/new/{vendor_with_contact.id}", data=contract_form())
    assert new.status_code == 409
    assert "no new contract can be recorded" in page_text(new)
    assert client.post(f"/contracts/{expired}/delete").status_code == 409

    with time_machine.travel(utcnow() + timedelta(days=2)):
        auth.login(procurement.email)
        overdue = client.get("/contracts/?deletion_overdue=1").get_data(as_text=True)
    assert "Old DPA" in overdue
    assert "Consignment agreement" in overdue


def test_a_review_needs_one_of_the_two_buttons(app, client, auth, procurement, people,
                                               vendor_with_contact):
    auth.login(procurement.email)
    termination_id = _terminate(client, vendor_with_contact.id)
    recorded = client.post(f"/contracts/terminations/{termination_id}/certificates", data={
        "file": (io.BytesIO(CERTIFICATE), "c.pdf"), "submitted_by_name": "H",
        "deleted_on": utcnow().date().isoformat(), "statement": "Deleted."},
        content_type="multipart/form-data")
    assert recorded.status_code == 302
    auth.logout()
    auth.login(people.reviewer.email)
    certificate_id = _certificate_ids(app, termination_id)[0]
    with app.app_context():
        before = table_snapshot()
    odd = client.post(f"/contracts/terminations/{termination_id}/certificates/"
                      f"{certificate_id}/review", data={"verdict": "maybe", "note": "x"})
    assert odd.status_code == 400
    with app.app_context():
        assert table_snapshot() == before


def test_a_withdrawn_link_no_longer_opens(app, client, auth, smtp_server, procurement,
                                          vendor_with_contact):
    auth.login(procurement.email)
    termination_id = _terminate(client, vendor_with_contact.id)
    link = _send_link(app, client, termination_id, smtp_server)
    assert app.test_client().get(link).status_code == 200
    assert client.post(f"/contracts/terminations/{termination_id}/link/withdraw"
                       ).status_code == 302
    assert app.test_client().get(link).status_code == 404
    assert "was withdrawn" in page_text(client.get(f"/contracts/terminations/{termination_id}"))
