"""The evidence of a superseded assessment (issue 25, APPI Art. 22): its content is
deleted RETENTION_SUPERSEDED_EVIDENCE_DAYS after a later decision, once; a content still
in use (carried over to the newer assessment, or a contract document) stays; the rows
and hashes stay, so the signed record still verifies; the download says what happened."""

from datetime import timedelta

from sqlalchemy import select

from tests.assessments.conftest import people, sign_off, submitted, tier1_vendor  # noqa: F401
from tests.helpers import page_text
from tests.portal.conftest import vendor_with_contact  # noqa: F401
from vendorrisk.assessments.models import Assessment, EvidenceFile
from vendorrisk.assessments.services import create_assessment
from vendorrisk.assessments.workflow import Outcome, State
from vendorrisk.audit.models import AuditEvent
from vendorrisk.contracts.models import Contract, ContractDocument
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.review.signoff import verify_snapshot
from vendorrisk.supervision.runner import run_job
from vendorrisk.vendors.models import Vendor

FILES = {"own.pdf": b"%PDF-1.4 a staff list of 2026", "carried.pdf": b"%PDF-1.4 the policy",
         "contract.pdf": b"%PDF-1.4 the signed DPA"}


def _evidence(assessment_id: int, name: str, now) -> EvidenceFile:  # noqa: ANN001
    return EvidenceFile(assessment_id=assessment_id, question_id="d1_policy", filename=name,
                        sha256=storage().put(FILES[name]), content_type="application/pdf",
                        size=len(FILES[name]), uploaded_at=now)


def test_superseded_evidence_is_deleted_once_and_the_record_still_verifies(
        app, client, auth, people, submitted, tier1_vendor):  # noqa: F811
    assessment_id, _link = submitted
    now = utcnow()
    with app.app_context():
        db.session.add_all([_evidence(assessment_id, name, now) for name in FILES])
        db.session.commit()
    sign_off(client, auth, people, assessment_id)
    with app.app_context():
        first = db.session.get(Assessment, assessment_id)
        assert verify_snapshot(first).differences == []
        vendor = db.session.get(Vendor, tier1_vendor.id)
        # a new selection (nothing carried over): it holds only the file added below
        later = create_assessment(vendor, kind="selection", version=None, version_reason="",
                                  due_on=now.date() + timedelta(days=14),
                                  contacts=vendor.contacts[:1], actor=None, now=now)
        superseded_on = now + timedelta(days=365)
        later.status, later.decision, later.decided_at = (State.DECIDED, Outcome.APPROVE,
                                                           superseded_on)
        db.session.flush()
        db.session.add(_evidence(later.id, "carried.pdf", superseded_on))
        db.session.add(ContractDocument(
            contract_id=_contract_id(vendor.id), version=1, filename="dpa.pdf",
            sha256=storage().put(FILES["contract.pdf"]), content_type="application/pdf",
            size=10, uploaded_at=now, uploaded_by_id=people.approver.id))
        db.session.commit()
        runs = {}
        for days in (1094, 1095, 1096, 1200):
            counts = run_job("retention", superseded_on + timedelta(days=days)).counts
            runs[days] = counts.get("evidence_files_disposed", 0)
        assert runs == {1094: 0, 1095: 0, 1096: 3, 1200: 0}  # the day after the period
        files = {item.filename: item for item in db.session.scalars(
            select(EvidenceFile).where(EvidenceFile.assessment_id == assessment_id))}
        assert all(item.disposed_at is not None for item in files.values())
        shas = {name: files[name].sha256 for name in FILES}
        assert not storage().exists(shas["own.pdf"])  # nothing else held it
        assert storage().exists(shas["carried.pdf"])  # the newer assessment holds it
        assert storage().exists(shas["contract.pdf"])  # a contract document holds it
        assert verify_snapshot(db.session.get(Assessment, assessment_id)).differences == []
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "retention.disposed").order_by(AuditEvent.seq.desc()))
        assert event.details["evidence_files_disposed"] == 3
        assert event.details["contents_deleted"] == 1
        own_id = files["own.pdf"].id
    auth.login(people.reviewer.email)
    download = client.get(f"/assessments/{assessment_id}/evidence/{own_id}")
    assert download.status_code == 303
    shown = page_text(client.get(download.headers["Location"]))
    assert "own.pdf was deleted on" in shown
    assert "after its retention period; its SHA-256 stays in the signed record." in shown


def _contract_id(vendor_id: int) -> int:
    return db.session.scalar(select(Contract.id).where(Contract.vendor_id == vendor_id))
