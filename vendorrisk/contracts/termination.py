"""The end of a vendor's contracts (R19): recording the termination opens the return or
deletion obligation; the vendor (through a link) or procurement sends a deletion
certificate; a reviewer who did not upload it verifies it. The vendor becomes
``terminated`` only when the certificate is verified or an approver accepts, as an
exception, ending without one. Each function audits; the caller commits."""

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.assessments.evidence import check_file
from vendorrisk.assessments.links import (
    find_resent_link,
    link_expiry,
    new_token,
    refuse_expired,
)
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import FINAL, State
from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.contracts.models import (
    OPEN,
    CertificateVerdict,
    Contract,
    DeletionCertificate,
    Termination,
    TerminationStatus,
)
from vendorrisk.contracts.services import contract_status
from vendorrisk.contracts.status import ContractStatus
from vendorrisk.foundation.clock import people_today
from vendorrisk.foundation.errors import Conflict, NotFound, PermissionDenied, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.locking import hold
from vendorrisk.foundation.storage import storage
from vendorrisk.notifications.services import queue_email
from vendorrisk.vendors.models import Vendor, VendorContact
from vendorrisk.vendors.vocabulary import VendorStatus


@dataclass(frozen=True)
class TerminationInput:
    terminated_on: date | None
    due_on: date | None
    reason: str


def open_termination(vendor: Vendor) -> Termination | None:
    return db.session.scalar(select(Termination).where(
        Termination.vendor_id == vendor.id, Termination.status.in_(OPEN)))


def record_termination(vendor: Vendor, data: TerminationInput, *, actor: User,
                       now: datetime) -> Termination:
    """End every contract of ``vendor`` still running on the termination date (all of
    them stay linked to the termination) and open the return/deletion obligation, due on
    ``data.due_on``."""
    if data.terminated_on is None or data.terminated_on > people_today(now):
        raise ValidationError(_("Give the date the contracts end: today or earlier (record "
                                "a termination once it has taken effect)."),
                              field="terminated_on")
    if data.due_on is None or data.due_on < data.terminated_on:
        raise ValidationError(_("The deletion certificate is due on or after the end "
                                "date."), field="due_on")
    if not data.reason.strip():
        raise ValidationError(_("Say why the relationship ends."), field="reason")
    hold(vendor)  # two people ending it at once act one after the other
    if vendor.status == VendorStatus.TERMINATED:
        raise Conflict(_("This vendor is already terminated."))
    if open_termination(vendor) is not None:
        raise Conflict(_("A termination of this vendor is already waiting for its deletion "
                         "certificate."))
    refuse_while_assessed(vendor)
    termination = Termination(
        vendor_id=vendor.id, terminated_on=data.terminated_on, due_on=data.due_on,
        reason=data.reason.strip(), status=TerminationStatus.AWAITING_CERTIFICATE,
        recorded_by_id=actor.id, recorded_at=now)
    db.session.add(termination)
    contracts = db.session.scalars(select(Contract).where(
        Contract.vendor_id == vendor.id, Contract.termination_id.is_(None))
        .order_by(Contract.id)).all()
    ended = [contract for contract in contracts if _running_on(contract, data.terminated_on)]
    for contract in contracts:  # expired ones too: the obligation covers their data
        contract.termination = termination
    for contract in ended:
        contract.terminated_on, contract.updated_at = data.terminated_on, now
    db.session.flush()
    record("vendor.termination_recorded", actor=actor, object_type="vendor",
           object_id=vendor.id, now=now,
           details={"termination_id": termination.id,
                    "terminated_on": data.terminated_on.isoformat(),
                    "due_on": data.due_on.isoformat(), "reason": termination.reason,
                    "contracts_ended": [contract.id for contract in ended],
                    "contracts": [contract.id for contract in contracts]})
    return termination


def refuse_while_assessed(vendor: Vendor) -> None:
    """A vendor whose questionnaire is still open cannot be ended: cancel it first, so
    that no decision lands on a vendor whose relationship is over."""
    open_ids = db.session.scalars(select(Assessment.id).where(
        Assessment.vendor_id == vendor.id,
        Assessment.status.not_in(FINAL | {State.EXPIRED})).order_by(Assessment.id)).all()
    if open_ids:
        raise Conflict(_("Assessment %(ids)s of this vendor is still open; finish or cancel "
                         "it first.", ids=", ".join(str(i) for i in open_ids)))


def _running_on(contract: Contract, day: date) -> bool:
    """Still to be ended: not terminated already and not expired before ``day``."""
    return contract.terminated_on is None and contract_status(
        contract, day, expiring_days=0) != ContractStatus.EXPIRED


def ensure_open(termination: Termination) -> None:
    # Held until commit, so a certificate, its review and an exception never race.
    hold(termination)
    if termination.settled:
        raise Conflict(_("This termination is settled; nothing about it changes any more."))


# The link -------------------------------------------------------------------------------

def send_deletion_link(termination: Termination, contact: VendorContact, *, actor: User,
                       now: datetime) -> str:
    """E-mail ``contact`` a fresh link for sending the certificate (an earlier link stops
    working); it works until the due date plus the grace days, or that long from today
    once the due date has passed. Returns the link."""
    ensure_open(termination)
    if contact.vendor_id != termination.vendor_id:
        raise NotFound(_("There is no such contact."))
    token, termination.link_token_hash = new_token()
    termination.link_email = contact.email
    termination.link_expires_at = link_expiry(max(termination.due_on, now.date()), now)
    url = deletion_url(token)
    queue_email("deletion_request", recipient=contact.email, language=contact.language.value,
                context={"contact": contact, "vendor": termination.vendor,
                         "termination": termination, "url": url,
                         "company": current_app.config["COMPANY_NAME"]},
                object_type="termination", object_id=termination.id, now=now,
                sent_by_id=actor.id)
    db.session.flush()
    record("termination.link_sent", actor=actor, object_type="termination",
           object_id=termination.id, now=now,
           details={"to": contact.email, "expires_at": termination.link_expires_at.isoformat()})
    return url


def withdraw_deletion_link(termination: Termination, *, actor: User, now: datetime) -> None:
    """The link stops working at once (sent to the wrong person, say)."""
    if termination.link_token_hash is None:
        raise Conflict(_("There is no link to withdraw."))
    termination.link_token_hash = None
    db.session.flush()
    record("termination.link_withdrawn", actor=actor, object_type="termination",
           object_id=termination.id, now=now, details={"to": termination.link_email})


def deletion_url(token: str) -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}/portal/deletion/{token}"


def resolve_deletion_link(token: str, now: datetime, *, for_change: bool = False
                          ) -> Termination:
    """The termination of a live link; NotFound or LinkExpired otherwise. A settled
    termination's link still shows what was sent (read-only)."""
    termination = find_resent_link(Termination.link_token_hash, token,
                                   for_change=for_change)
    refuse_expired(termination.link_expires_at, now)
    return termination


# Certificates ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CertificateInput:
    filename: str
    data: bytes
    deleted_on: date | None
    statement: str
    submitted_by_name: str


def submit_certificate(termination: Termination, data: CertificateInput, *,
                       actor: User | None, now: datetime) -> DeletionCertificate:
    """A deletion certificate, from the vendor's link (``actor`` None) or recorded by
    procurement; it waits for a reviewer."""
    ensure_open(termination)
    if not data.submitted_by_name.strip():
        raise ValidationError(_("Give the name of the person who certifies the deletion."),
                              field="submitted_by_name")
    if data.deleted_on is None or data.deleted_on > people_today(now):
        raise ValidationError(_("Give the date the data was returned or deleted (not in "
                                "the future)."), field="deleted_on")
    if not data.statement.strip():
        raise ValidationError(_("Say what was returned or deleted and how, backups "
                                "included."), field="statement")
    checked = check_file(data.filename, data.data, field="file")
    certificate = DeletionCertificate(
        termination=termination, sha256=storage().put(data.data), filename=checked.name,
        content_type=checked.mime, size=len(data.data), deleted_on=data.deleted_on,
        statement=data.statement.strip()[:5000],
        submitted_by_name=data.submitted_by_name.strip()[:200],
        uploaded_by_id=actor.id if actor else None, submitted_at=now,
        verdict=CertificateVerdict.PENDING)
    db.session.add(certificate)
    termination.status = TerminationStatus.CERTIFICATE_RECEIVED
    db.session.flush()
    record("termination.certificate_submitted", actor=actor,
           actor_label=None if actor else f"{certificate.submitted_by_name} (vendor link)",
           object_type="termination", object_id=termination.id, now=now,
           details={"certificate_id": certificate.id, "file": certificate.filename,
                    "sha256": certificate.sha256, "size": certificate.size,
                    "deleted_on": certificate.deleted_on.isoformat(),
                    "statement": certificate.statement})
    return certificate


def review_certificate(certificate: DeletionCertificate, *, accept: bool, note: str,
                       actor: User, now: datetime) -> None:
    """A reviewer verifies the certificate (the vendor is then terminated) or rejects it
    with a reason (the vendor is asked again)."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers verify deletion "
                                 "certificates."))
    if certificate.uploaded_by_id == actor.id:
        raise PermissionDenied(_("You recorded this certificate; another reviewer must "
                                 "verify it."))
    termination = certificate.termination
    ensure_open(termination)
    db.session.refresh(certificate)
    if certificate.verdict != CertificateVerdict.PENDING:
        raise Conflict(_("This certificate has already been reviewed."))
    if not accept and not note.strip():
        raise ValidationError(_("Say why the certificate is rejected."), field="note")
    certificate.verdict = CertificateVerdict.VERIFIED if accept else CertificateVerdict.REJECTED
    certificate.reviewed_by_id, certificate.reviewed_at = actor.id, now
    certificate.review_note = note.strip() or None
    db.session.flush()
    record(f"termination.certificate_{certificate.verdict.value}", actor=actor,
           object_type="termination", object_id=termination.id, now=now,
           details={"certificate_id": certificate.id, "note": certificate.review_note})
    if accept:
        settle(termination, TerminationStatus.VERIFIED, actor=actor, now=now)
    elif not any(item.verdict == CertificateVerdict.PENDING
                 for item in termination.certificates):
        termination.status = TerminationStatus.AWAITING_CERTIFICATE
        db.session.flush()


# Ending without a certificate -----------------------------------------------------------


def settle(termination: Termination, outcome: TerminationStatus, *, actor: User,
            now: datetime) -> None:
    vendor = termination.vendor
    refuse_while_assessed(vendor)
    termination.status, termination.settled_at = outcome, now
    before = vendor.status
    vendor.status, vendor.updated_at = VendorStatus.TERMINATED, now
    # Supervision ends with the relationship.
    vendor.next_review_on = vendor.next_review_kind = vendor.next_report_on = None
    db.session.flush()
    record("vendor.terminated", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"termination_id": termination.id, "settled_by": outcome.value,
                             "status_before": before.value})
