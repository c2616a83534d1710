"""The contract gate per classification through sign-off, and the signed record naming
what let the approval through (issue 22 items 6 and 7). The decision page is the only
door that approves (the API has no decision call, no command signs): each way around is
refused there with its sentence; each legitimate path is signed and its record names
the contracts, document hashes, coverage and exceptions, and still verifies."""

import json
from datetime import timedelta

import pytest

from tests.contracts.test_services import PDF_V1, PDF_V2
from tests.helpers import page_text
from tests.reports.test_assessment_pdf import _flat, _text
from tests.review.conftest import approve, submitted
from vendorrisk.acceptance.services import decide_exception
from vendorrisk.assessments.models import Assessment
from vendorrisk.contracts.basis import (
    ProvisionInput,
    StorageInput,
    confirm_storage_only,
    record_provision_basis,
)
from vendorrisk.contracts.clauses import MANDATORY
from vendorrisk.contracts.services import (
    ContractInput,
    add_document,
    create_contract,
    set_clauses,
)
from vendorrisk.foundation.clock import add_months, utcnow
from vendorrisk.foundation.errors import ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.review.exceptions import request_exception
from vendorrisk.review.signoff import snapshot_of, verify_snapshot
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import VendorStatus

A_TO_H = {clause.key: f"Art. {number}" for number, clause in enumerate(MANDATORY, 3)}


def _contract(vendor, kind, now, **changes):
    today = now.date()
    return create_contract(vendor, ContractInput(
        type=kind, title=changes.pop("title", kind), signed_on=today - timedelta(days=3),
        effective_from=today - timedelta(days=3), effective_to=today + timedelta(days=360),
        retention_until=today + timedelta(days=2000), **changes), actor=None, now=now)


def _basis(assessment_id):
    snapshot = snapshot_of(db.session.get(Assessment, assessment_id))
    return json.loads(snapshot.body)["approval_basis"]


def _propose_on_page(client, auth, staff, assessment_id):
    auth.login(staff.reviewer.email)
    response = client.post(f"/assessments/{assessment_id}/propose",
                           data={"outcome": "approve", "rationale": "Reasons."})
    auth.logout()
    return response


def test_a_dpa_covering_a_to_h_satisfies_and_the_record_names_it(app, client, auth, staff,
                                                                 make_vendor):
    made = make_vendor()
    now = utcnow()
    with app.app_context():
        vendor = db.session.get(Vendor, made.id)
        dpa = _contract(vendor, "dpa", now, title="Data processing agreement")
        set_clauses(dpa, {**A_TO_H, "confidentiality": "Art. 2"}, actor=None, now=now)
        document = add_document(dpa, filename="dpa.pdf", data=PDF_V1, note="", actor=None,
                                now=now)
        assessment = submitted(vendor, db.session.merge(staff.sender), now)
        approve(assessment, staff, now)
        db.session.commit()
        assert vendor.status == VendorStatus.APPROVED
        assert vendor.next_review_on
        basis = _basis(assessment.id)
        assert basis["classification"] == "consignment"
        assert basis["gate"] == "satisfied"
        assert [(r["subject"], r["result"], r["contracts"]) for r in basis["requirements"]] == [
            ("contract:nda", "satisfied", [dpa.id]),
            ("contract:consignment", "satisfied", [dpa.id]),
            ("contract:clauses", "satisfied", [dpa.id])]
        [named] = basis["contracts"]
        assert named["type"] == "dpa"
        assert named["coverage"] == {"complete": True,
                                                                 "mandatory_missing": []}
        assert named["documents"] == [{"version": 1, "sha256": document.sha256,
                                       "filename": "dpa.pdf", "size": len(PDF_V1),
                                       "uploaded_at": document.uploaded_at.isoformat()}]
        assert basis["exceptions"] == []
        # The contract moves on after signing: a new version, a later keep-until. The
        # record still verifies, and still names what was signed.
        add_document(dpa, filename="dpa-v2.pdf", data=PDF_V2, note="", actor=None,
                     now=now + timedelta(days=1))
        db.session.commit()
        assert verify_snapshot(assessment).ok
        assert len(_basis(assessment.id)["contracts"][0]["documents"]) == 1
        assessment_id = assessment.id
    auth.login(staff.reviewer.email)
    page = page_text(client.get(f"/assessments/{assessment_id}"))
    assert "What the signed record names as the approval's basis" in page
    assert "Data processing agreement" in page
    assert document.sha256[:16] in page
    pdf = client.get(f"/reports/assessments/{assessment_id}.pdf?lang=en")
    text = _text(pdf.data)
    assert "What the signed record names as the approval's basis" in text
    assert "Satisfied by the contracts below" in text
    assert document.sha256 in _flat(text)


def test_a_storage_only_cloud_is_refused_until_the_confirmation_is_complete(
        app, client, auth, staff, make_vendor):
    made = make_vendor(classification="storage_only_cloud", categories=[], access="none")
    now = utcnow()
    with app.app_context():
        vendor = db.session.get(Vendor, made.id)
        dpa = _contract(vendor, "dpa", now)  # a consignment contract is not what it needs
        set_clauses(dpa, A_TO_H, actor=None, now=now)
        terms = _contract(vendor, "storage_terms", now, title="Storage terms")
        assessment_id = submitted(vendor, db.session.merge(staff.sender), now).id
        db.session.commit()
    refused = _propose_on_page(client, auth, staff, assessment_id)
    assert refused.status_code == 400
    assert "A storage-only cloud needs, in force, the terms barring the provider" in \
        page_text(refused)
    with app.app_context():
        terms = db.session.merge(terms)
        confirm_storage_only(terms, StorageInput("§4.2", "encryption_own_keys",
                                                 "Encrypted with our KMS keys."),
                             actor=None, now=now)
        db.session.commit()
    refused = _propose_on_page(client, auth, staff, assessment_id)  # no document yet
    assert refused.status_code == 400
    with app.app_context():
        add_document(db.session.merge(terms), filename="terms.pdf", data=PDF_V1, note="",
                     actor=None, now=now)
        db.session.commit()
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        approve(assessment, staff, now)
        db.session.commit()
        vendor = db.session.get(Vendor, made.id)
        assert vendor.status == VendorStatus.APPROVED
        assert vendor.next_review_on
        basis = _basis(assessment_id)
        assert basis["gate"] == "satisfied"
        assert basis["contracts"][0]["storage_only"] == {
            "no_handling_reference": "§4.2", "technical_measure": "encryption_own_keys",
            "technical_note": "Encrypted with our KMS keys."}


def test_a_third_party_provision_needs_its_ground_and_record(app, client, auth, staff,
                                                            make_vendor):
    made = make_vendor(classification="third_party_provision")
    now = utcnow()
    with app.app_context():
        vendor = db.session.get(Vendor, made.id)
        dpa = _contract(vendor, "dpa", now)
        set_clauses(dpa, A_TO_H, actor=None, now=now)
        basis = _contract(vendor, "provision_basis", now, title="Provision")
        assessment_id = submitted(vendor, db.session.merge(staff.sender), now).id
        db.session.commit()
    refused = _propose_on_page(client, auth, staff, assessment_id)
    assert refused.status_code == 400
    assert "A provision to a third party needs its ground under APPI Art. 27" in \
        page_text(refused)
    with app.app_context():
        record_provision_basis(db.session.merge(basis), ProvisionInput(
            "consent", "Checkout consent v3", ""), actor=None, now=now)
        db.session.commit()
    refused = _propose_on_page(client, auth, staff, assessment_id)
    assert refused.status_code == 400
    assert "the record of provision that APPI Art. 29 asks us to keep" in page_text(refused)
    with app.app_context():
        record_provision_basis(db.session.merge(basis), ProvisionInput(
            "consent", "Checkout consent v3", "Provision ledger 2026"), actor=None, now=now)
        approve(db.session.get(Assessment, assessment_id), staff, now)
        db.session.commit()
        assert db.session.get(Vendor, made.id).status == VendorStatus.APPROVED
        provision = _basis(assessment_id)["contracts"][0]["provision"]
        assert provision == {"basis": "consent", "basis_reference": "Checkout consent v3",
                             "provision_record": "Provision ledger 2026"}


def test_an_approved_exception_lifts_a_gap_and_the_record_names_it(app, staff, make_vendor,
                                                                  make_user):
    made = make_vendor()
    now = utcnow()
    with app.app_context():
        vendor = db.session.get(Vendor, made.id)
        contract = _contract(vendor, "consignment_contract", now)
        set_clauses(contract, A_TO_H, actor=None, now=now)  # no NDA, no confidentiality
        assessment = submitted(vendor, db.session.merge(staff.sender), now)
        db.session.commit()
        with pytest.raises(ValidationError, match="There is no NDA in force"):
            approve(assessment, staff, now)
        db.session.rollback()
        assessment = db.session.get(Assessment, assessment.id)
        reviewer, approver = db.session.merge(staff.reviewer), db.session.merge(staff.approver)
        exception = request_exception(
            assessment, subject="contract:nda", rationale="The NDA is being countersigned.",
            compensating_measures="Confidentiality pledges from the named handlers.",
            expires_on=now.date() + timedelta(days=60), actor=reviewer, now=now)
        decide_exception(exception, approve=True, note="", actor=approver, now=now)
        approve(assessment, staff, now)
        db.session.commit()
        basis = _basis(assessment.id)
        assert basis["gate"] == "lifted_by_exception"
        assert basis["requirements"][0] == {
            "subject": "contract:nda", "result": "lifted", "gap": "contract:nda",
            "detail": "", "exception": exception.id}
        assert basis["exceptions"] == [{
            "id": exception.id, "subject": "contract:nda", "approved_by": approver.id,
            "approved_at": exception.decided_at.isoformat(),
            "expires_on": exception.expires_on.isoformat()}]
        assert verify_snapshot(assessment).ok


def test_a_vendor_handling_no_personal_data_has_no_contract_gate(app, staff, make_vendor):
    made = make_vendor(classification="no_personal_data", categories=[], access="none")
    now = utcnow()
    with app.app_context():
        vendor = db.session.get(Vendor, made.id)
        assessment = submitted(vendor, db.session.merge(staff.sender), now)
        approve(assessment, staff, now)
        db.session.commit()
        assert vendor.status == VendorStatus.APPROVED
        assert vendor.next_review_on == add_months(now.date(), 12)  # confirmed yearly
        basis = _basis(assessment.id)
        assert (basis["gate"], basis["requirements"], basis["contracts"]) == (
            "not_required", [], [])
