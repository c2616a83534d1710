"""The storage-only confirmation and the third-party provision's ground, recorded on the
contract page (issue 22 item 7): incomplete input is refused with its sentence and changes
nothing; complete input is kept and audited."""

from sqlalchemy import func, select

from tests.contracts.conftest import record_contract
from tests.helpers import page_text, table_snapshot
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.contracts.models import Contract
from vendorrisk.foundation.extensions import db


def _refused(app, response_of, sentence):
    with app.app_context():
        before = table_snapshot()
    response = response_of()
    assert response.status_code == 400
    assert sentence in page_text(response)
    with app.app_context():
        assert table_snapshot() == before


def test_the_storage_only_confirmation(app, client, auth, procurement, make_vendor):
    vendor = make_vendor(classification="storage_only_cloud", categories=[], access="none")
    auth.login(procurement.email)
    contract_id = record_contract(client, vendor.id, type="storage_terms",
                                  title="Cloud storage terms")
    page = page_text(client.get(f"/contracts/{contract_id}"))
    assert "The provider does not handle the data" in page
    url = f"/contracts/{contract_id}/storage-only"
    complete = {"no_handling_reference": "§4.2", "technical_measure": "encryption_own_keys",
                "technical_note": "Encrypted before upload with keys in our KMS."}
    _refused(app, lambda: client.post(url, data={**complete, "no_handling_reference": ""}),
             "Cite the clause of the terms that bars the provider from handling the data")
    _refused(app, lambda: client.post(url, data={**complete, "technical_measure": "trust"}),
             "Choose the technical measure that keeps the provider out of the data.")
    _refused(app, lambda: client.post(url, data={**complete, "technical_note": " "}),
             "Say how the technical measure was confirmed")
    assert client.post(url, data=complete).status_code == 302
    assert "Encrypted with keys only we hold" in page_text(client.get(f"/contracts/{contract_id}"))
    with app.app_context():
        contract = db.session.get(Contract, contract_id)
        assert contract.no_handling_reference == "§4.2"
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "contract.storage_confirmed")) == 1


def test_the_provision_ground_and_record(app, client, auth, procurement, make_vendor):
    vendor = make_vendor(classification="third_party_provision")
    auth.login(procurement.email)
    contract_id = record_contract(client, vendor.id, type="provision_basis",
                                  title="Provision of delivery addresses")
    url = f"/contracts/{contract_id}/provision"
    complete = {"basis": "opt_out", "basis_reference": "PPC notification 2026-123",
                "provision_record": "Provision ledger"}
    _refused(app, lambda: client.post(url, data={**complete, "basis": "consignment"}),
             "Choose the ground of the provision under APPI Art. 27.")
    _refused(app, lambda: client.post(url, data={**complete, "basis_reference": ""}),
             "Name the evidence of the ground")
    assert client.post(url, data=complete).status_code == 302
    assert "Opt-out notified to the PPC (Art. 27(2))" in page_text(
        client.get(f"/contracts/{contract_id}"))
    # the confirmation of another kind is refused on this record
    refused = client.post(f"/contracts/{contract_id}/storage-only", data={
        "no_handling_reference": "x", "technical_measure": "other", "technical_note": "y"})
    assert refused.status_code == 400
    assert "This record belongs to another kind of contract." in page_text(refused)


def test_only_procurement_records_them(app, client, auth, procurement, make_vendor):
    vendor = make_vendor(classification="third_party_provision")
    auth.login(procurement.email)
    contract_id = record_contract(client, vendor.id, type="provision_basis", title="P")
    auth.logout()
    auth.login_as(Role.REVIEWER, Role.APPROVER)
    assert client.post(f"/contracts/{contract_id}/provision", data={
        "basis": "consent", "basis_reference": "x"}).status_code == 403
