"""Deleting a contract (issue 22 item 8): only once it has ended, its keep-until date has
passed and the vendor's return or deletion of our data is verified. The contract page is
the only door that deletes (the API lists contracts read-only; no command deletes them):
each way around is refused there with its sentence, and nothing changes."""

from datetime import timedelta

from sqlalchemy import func, select

from tests.helpers import page_text, table_snapshot
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.contracts.models import Contract
from vendorrisk.contracts.services import ContractInput, create_contract
from vendorrisk.contracts.termination import (
    CertificateInput,
    TerminationInput,
    record_termination,
    review_certificate,
    submit_certificate,
)
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor

PDF = b"%PDF-1.4\n% certificate of deletion\n%%EOF\n"


def _contract(app, vendor_id, *, days_ago=900, term=365, keep=400, auto=False) -> int:
    """A contract recorded ``days_ago`` days ago, for ``term`` days, kept ``keep`` days."""
    then = utcnow() - timedelta(days=days_ago)
    start = then.date()
    with app.app_context():
        contract = create_contract(db.session.get(Vendor, vendor_id), ContractInput(
            type="consignment_contract", title="Consignment", signed_on=start,
            effective_from=start, effective_to=start + timedelta(days=term - 1),
            auto_renewal=auto, retention_until=start + timedelta(days=keep)),
            actor=None, now=then)
        db.session.commit()
        return contract.id


def _end_relationship(app, vendor_id, procurement, reviewer, *, verify=True) -> None:
    """Terminated 500 days ago; the certificate is recorded and (if ``verify``) verified."""
    then = utcnow() - timedelta(days=500)
    with app.app_context():
        vendor = db.session.get(Vendor, vendor_id)
        termination = record_termination(vendor, TerminationInput(
            then.date(), then.date() + timedelta(days=30), "Service moved in-house."),
            actor=db.session.merge(procurement), now=then)
        certificate = submit_certificate(termination, CertificateInput(
            "deletion.pdf", PDF, then.date() + timedelta(days=10), "All copies deleted.",
            "Ken Ito, CISO"), actor=db.session.merge(procurement),
            now=then + timedelta(days=10))
        if verify:
            review_certificate(certificate, accept=True, note="", actor=db.session.merge(
                reviewer), now=then + timedelta(days=12))
        db.session.commit()


def _refused(app, client, contract_id, sentence):
    with app.app_context():
        before = table_snapshot()
    response = client.post(f"/contracts/{contract_id}/delete")
    assert response.status_code == 409
    assert sentence in page_text(response)
    with app.app_context():
        assert table_snapshot() == before
        assert db.session.get(Contract, contract_id) is not None


def test_a_renewed_auto_renewing_contract_past_its_keep_until_is_refused(
        app, client, auth, procurement, make_vendor):
    vendor = make_vendor()
    contract_id = _contract(app, vendor.id, days_ago=800, term=365, keep=364, auto=True)
    auth.login(procurement.email)
    page = client.get(f"/contracts/{contract_id}")
    assert "This contract has not ended" in page_text(page)
    assert "Delete this contract" not in page_text(page)
    _refused(app, client, contract_id, "This contract has not ended (it is not expired or "
             "terminated; an auto-renewing contract that renewed is still in force): it "
             "cannot be deleted.")


def test_an_expired_contract_is_kept_while_the_vendor_holds_our_data(
        app, client, auth, procurement, make_vendor, make_user):
    vendor = make_vendor(legal_name="Holding Data K.K.")
    contract_id = _contract(app, vendor.id)
    auth.login(procurement.email)
    _refused(app, client, contract_id, "Holding Data K.K. may still hold our data: a "
             "contract can be deleted only once the return or deletion of the data is "
             "verified by a deletion certificate.")
    # a certificate received but not verified does not prove it either
    _end_relationship(app, vendor.id, procurement, make_user(Role.REVIEWER), verify=False)
    _refused(app, client, contract_id, "may still hold our data")


def test_an_ended_contract_within_keep_until_is_refused(app, client, auth, procurement,
                                                        make_vendor, make_user):
    vendor = make_vendor()
    contract_id = _contract(app, vendor.id, keep=2000)
    _end_relationship(app, vendor.id, procurement, make_user(Role.REVIEWER))
    auth.login(procurement.email)
    _refused(app, client, contract_id, "This contract must be kept until")


def test_an_ended_contract_past_keep_until_with_the_data_returned_is_deleted(
        app, client, auth, procurement, make_vendor, make_user):
    vendor = make_vendor()
    contract_id = _contract(app, vendor.id)
    _end_relationship(app, vendor.id, procurement, make_user(Role.REVIEWER))
    auth.login(procurement.email)
    assert "it may be deleted" in page_text(client.get(f"/contracts/{contract_id}"))
    response = client.post(f"/contracts/{contract_id}/delete")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Contract, contract_id) is None
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "contract.deleted",
            AuditEvent.object_id == str(contract_id))) == 1


def test_only_procurement_deletes(app, client, auth, make_vendor):
    vendor = make_vendor()
    contract_id = _contract(app, vendor.id)
    auth.login_as(Role.REVIEWER, Role.APPROVER, Role.AUDITOR)
    assert client.post(f"/contracts/{contract_id}/delete").status_code == 403
