"""Around the end of a contract (R19): the deletion link opens only for its own
termination and not once withdrawn, ending waits for open questionnaires, no future dates,
ended contracts keep their terms, and a review needs one of its two buttons."""

import io
from datetime import timedelta

import time_machine

from tests.contracts.conftest import record_contract
from tests.contracts.ending import (
    CERTIFICATE,
    certificate_ids,
    send_link,
    terminate,
)
from tests.helpers import page_text, table_snapshot
from vendorrisk.contracts.models import Termination
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor


def test_the_deletion_link_works_only_for_its_own_termination(app, client, auth,
                                                               smtp_server, procurement,
                                                               make_vendor,
                                                               vendor_with_contact):
    auth.login(procurement.email)
    termination_id = terminate(client, vendor_with_contact.id, due_in=10)
    link = send_link(app, client, termination_id, smtp_server)
    vendor_client = app.test_client()
    assert vendor_client.get("/portal/deletion/" + "x" * 43).status_code == 404
    assert vendor_client.get(link).status_code == 200
    newer = send_link(app, client, termination_id, smtp_server)
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
    termination_id = terminate(client, vendor_with_contact.id, due_in=0)
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
    termination_id = terminate(client, vendor_with_contact.id)
    recorded = client.post(f"/contracts/terminations/{termination_id}/certificates", data={
        "file": (io.BytesIO(CERTIFICATE), "c.pdf"), "submitted_by_name": "H",
        "deleted_on": utcnow().date().isoformat(), "statement": "Deleted."},
        content_type="multipart/form-data")
    assert recorded.status_code == 302
    auth.logout()
    auth.login(people.reviewer.email)
    certificate_id = certificate_ids(app, termination_id)[0]
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
    termination_id = terminate(client, vendor_with_contact.id)
    link = send_link(app, client, termination_id, smtp_server)
    assert app.test_client().get(link).status_code == 200
    assert client.post(f"/contracts/terminations/{termination_id}/link/withdraw"
                       ).status_code == 302
    assert app.test_client().get(link).status_code == 404
    assert "was withdrawn" in page_text(client.get(f"/contracts/terminations/{termination_id}"))
