"""Recording and deciding exceptions (risk acceptance, R8), whatever gap they name: a
gap of an assessment (exceptions.py says which) or of a vendor's end of contract
(contracts/termination.py). Knows nothing of contracts, so both can use it."""

from datetime import date, datetime

from flask_babel import gettext as _

from vendorrisk.acceptance.models import ExceptionStatus, RiskException
from vendorrisk.assessments.labels import STATE_LABELS
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.services import lock_for_change
from vendorrisk.assessments.workflow import REVIEWABLE, State
from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.errors import Conflict, PermissionDenied, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor

# Exceptions may be asked for and decided while the decision is still open.
OPEN_FOR_EXCEPTIONS = REVIEWABLE | {State.PROPOSED}


def ensure_open(assessment: Assessment) -> None:
    lock_for_change(assessment)  # held until commit, like a signature
    if assessment.status not in OPEN_FOR_EXCEPTIONS:
        raise Conflict(_("This assessment is %(state)s: its exceptions can no longer change.",
                         state=STATE_LABELS[assessment.status.value]))


def add_exception(vendor: Vendor, assessment: Assessment | None, *, subject: str,
                  rationale: str, compensating_measures: str, expires_on: date | None,
                  actor: User, now: datetime) -> RiskException:
    """Record the request once the caller has checked that ``subject`` needs it; an
    exception without an assessment is about the vendor (e.g. a missing deletion
    certificate)."""
    if not rationale.strip():
        raise ValidationError(_("Give the rationale for accepting the risk."),
                              field="rationale")
    if not compensating_measures.strip():
        raise ValidationError(_("Describe the compensating measures."),
                              field="compensating_measures")
    if expires_on is None or expires_on <= now.date():
        raise ValidationError(_("An exception must expire, on a date in the future."),
                              field="expires_on")
    exception = RiskException(
        vendor_id=vendor.id, assessment=assessment, subject=subject,
        rationale=rationale.strip(), compensating_measures=compensating_measures.strip(),
        expires_on=expires_on, status=ExceptionStatus.REQUESTED, requested_by=actor,
        requested_at=now)
    db.session.add(exception)
    db.session.flush()
    record("exception.requested", actor=actor, object_type="exception",
           object_id=exception.id, now=now,
           details={"assessment_id": assessment and assessment.id, "vendor_id": vendor.id,
                    "subject": subject, "expires_on": expires_on.isoformat(),
                    "rationale": exception.rationale,
                    "compensating_measures": exception.compensating_measures})
    return exception


def decide_exception(exception: RiskException, *, approve: bool, note: str, actor: User,
                     now: datetime) -> None:
    """An approver who did not ask for it approves or refuses an exception."""
    if not actor.has_role(Role.APPROVER):
        raise PermissionDenied(_("Only approvers decide on exceptions."))
    if exception.requested_by_id == actor.id:
        raise PermissionDenied(_("You asked for this exception; another approver must "
                                 "decide on it."))
    if exception.assessment is not None:
        ensure_open(exception.assessment)
    db.session.refresh(exception)  # as it stands now that the assessment is held
    if exception.status != ExceptionStatus.REQUESTED:
        raise Conflict(_("This exception has already been decided."))
    if not approve and not note.strip():
        raise ValidationError(_("Say why the exception is refused."), field="note")
    exception.status = ExceptionStatus.APPROVED if approve else ExceptionStatus.REFUSED
    exception.decided_by, exception.decided_at = actor, now
    exception.decision_note = note.strip() or None
    db.session.flush()
    record(f"exception.{exception.status.value}", actor=actor, object_type="exception",
           object_id=exception.id, now=now,
           details={"assessment_id": exception.assessment_id, "subject": exception.subject,
                    "note": exception.decision_note})
