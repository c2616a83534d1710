"""The "retention" job (APPI Art. 22: delete personal data no longer needed; JIS Q 15001
A.3.4.3.1): what is past its retention period is deleted or anonymised, and the disposal
itself is written to the audit log with its counts. The schedule is a setting per record
type (RETENTION_SCHEDULE; the README tables it with the reasons):

- portal link uses keep when and what, but lose the address and browser after
  ``RETENTION_LINK_USE_DAYS``;
- an individual's request, once closed, loses the person's name and the details after
  ``RETENTION_REQUEST_DAYS`` (the kind, dates and the consignees' answers stay);
- the contacts of a vendor whose relationship ended are deleted after
  ``RETENTION_ENDED_VENDOR_CONTACT_DAYS`` from the end (the respondents who answered keep
  their names in the signed records);
- the evidence files of a decided assessment lose their content
  ``RETENTION_SUPERSEDED_EVIDENCE_DAYS`` after a later decision superseded it: the row,
  its name and its SHA-256 stay (the signed record names the hash, and still verifies);
  the stored file is deleted unless something still in use holds the same content (a
  file carried over to the newer assessment, a contract document, a certificate).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import aliased

from vendorrisk.assessments.models import Assessment, EvidenceFile, LinkUse, Respondent
from vendorrisk.assessments.workflow import State
from vendorrisk.audit.services import record
from vendorrisk.contracts.models import ContractDocument, DeletionCertificate, Termination
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.requests.models import DataRequest, DataRequestTask
from vendorrisk.requests.vocabulary import RequestStatus
from vendorrisk.supervision.review_models import ManagementReview
from vendorrisk.vendors.models import Vendor, VendorContact
from vendorrisk.vendors.vocabulary import VendorStatus

REMOVED = "(removed after its retention period)"


@dataclass(frozen=True)
class RetentionRule:
    setting: str
    count: str  # the run's count of what was disposed of


RETENTION_SCHEDULE = (
    RetentionRule("RETENTION_LINK_USE_DAYS", "link_uses_anonymised"),
    RetentionRule("RETENTION_REQUEST_DAYS", "requests_anonymised"),
    RetentionRule("RETENTION_ENDED_VENDOR_CONTACT_DAYS", "contacts_deleted"),
    RetentionRule("RETENTION_SUPERSEDED_EVIDENCE_DAYS", "evidence_files_disposed"),
)


def _before(now: datetime, setting: str) -> datetime:
    return now - timedelta(days=int(current_app.config[setting]))


def _link_uses(now: datetime) -> int:
    result = db.session.execute(
        update(LinkUse).where(LinkUse.used_at < _before(now, "RETENTION_LINK_USE_DAYS"),
                              or_(LinkUse.ip.is_not(None), LinkUse.user_agent.is_not(None)))
        .values(ip=None, user_agent=None))
    return result.rowcount


def _requests(now: datetime) -> int:
    result = db.session.execute(
        update(DataRequest).where(DataRequest.status == RequestStatus.CLOSED,
                                  DataRequest.closed_at < _before(now, "RETENTION_REQUEST_DAYS"),
                                  DataRequest.subject != REMOVED)
        .values(subject=REMOVED, details=REMOVED))
    return result.rowcount


def _contacts(now: datetime) -> int:
    ended_on = (select(func.max(Termination.terminated_on))
                .where(Termination.vendor_id == Vendor.id).scalar_subquery())
    cutoff = _before(now, "RETENTION_ENDED_VENDOR_CONTACT_DAYS").date()
    ended = select(Vendor.id).where(Vendor.status == VendorStatus.TERMINATED,
                                    ended_on < cutoff)
    contacts = select(VendorContact.id).where(VendorContact.vendor_id.in_(ended))
    ids = list(db.session.scalars(contacts))
    if not ids:
        return 0
    db.session.execute(update(Respondent).where(Respondent.contact_id.in_(ids))
                       .values(contact_id=None))
    return db.session.execute(delete(VendorContact).where(VendorContact.id.in_(ids))).rowcount


def _superseded_evidence(now: datetime) -> tuple[int, list[str]]:
    """Mark the files of assessments superseded before the cutoff as disposed of; return
    how many, and the contents (hashes) that nothing in use holds any more."""
    later = aliased(Assessment)
    superseded = select(Assessment.id).where(
        Assessment.status == State.DECIDED,
        select(later.id).where(
            later.vendor_id == Assessment.vendor_id, later.status == State.DECIDED,
            later.decided_at > Assessment.decided_at,
            later.decided_at < _before(now, "RETENTION_SUPERSEDED_EVIDENCE_DAYS")).exists())
    files = db.session.scalars(select(EvidenceFile).where(
        EvidenceFile.assessment_id.in_(superseded), EvidenceFile.disposed_at.is_(None))).all()
    if not files:
        return 0, []
    for item in files:
        item.disposed_at = now
    db.session.flush()
    hashes = {item.sha256 for item in files}
    held = set()
    for column, live in ((EvidenceFile.sha256, EvidenceFile.disposed_at.is_(None)),
                         (ContractDocument.sha256, None), (DeletionCertificate.sha256, None),
                         (DataRequestTask.evidence_sha256, None),
                         (ManagementReview.summary_sha256, None)):
        statement = select(column).where(column.in_(hashes))
        held |= set(db.session.scalars(statement.where(live) if live is not None
                                       else statement))
    return len(files), sorted(hashes - held)


def dispose_expired(now: datetime) -> dict[str, int]:
    """Dispose of what is past its period; record the disposal; count each kind. The
    stored contents go last, once every row says so (a run that fails before leaves
    them; the next run deletes them)."""
    disposed, unheld = _superseded_evidence(now)
    counts = {"link_uses_anonymised": _link_uses(now), "requests_anonymised": _requests(now),
              "contacts_deleted": _contacts(now), "evidence_files_disposed": disposed}
    counts = {key: value for key, value in counts.items() if value}
    if counts:
        record("retention.disposed", actor=None, actor_label="scheduler",
               object_type="retention", object_id=now.date().isoformat(), now=now,
               details={**counts, "periods_days": {
                   rule.count: int(current_app.config[rule.setting])
                   for rule in RETENTION_SCHEDULE}, "contents_deleted": len(unheld)})
    for sha256 in unheld:
        storage().delete(sha256)
    return counts
