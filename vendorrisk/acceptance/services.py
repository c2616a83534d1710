"""Recording and deciding exceptions (risk acceptance, R8), whatever gap they name: a
gap of an assessment (exceptions.py says which) or of a vendor's end of contract
(contracts/termination.py). Knows nothing of contracts, so both can use it."""

from datetime import date, datetime

from flask import current_app
from flask_babel import gettext as _

from vendorrisk.acceptance.models import ExceptionStatus, RiskException
from vendorrisk.acceptance.rules import expiry_problem, latest_expiry
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


def check_expiry(expires_on: date | None, today: date) -> date:
    """``expires_on`` if an exception may end then (after today, within
    ``EXCEPTION_MAX_DAYS``), else a refusal saying why."""
    longest = int(current_app.config["EXCEPTION_MAX_DAYS"])
    problem = expiry_problem(expires_on, today, longest)
    if problem == "too_long":
        raise ValidationError(_("An exception may last at most %(days)d days: choose an "
                                "expiry date on or before %(date)s.", days=longest,
                                date=latest_expiry(today, longest).isoformat()),
                              field="expires_on")
    if problem or expires_on is None:
        raise ValidationError(_("An exception must expire, on a date in the future."),
                              field="expires_on")
    return expires_on


def add_exception(vendor: Vendor, assessment: Assessment | None, *, subject: str,
                  rationale: str, compensating_measures: str, expires_on: date | None,
                  actor: User, now: datetime, authority: Role = Role.APPROVER
                  ) -> RiskException:
    """Record the request once the caller has checked that ``subject`` needs it and who
    decides it (``authority``); an exception without an assessment is about the vendor
    (e.g. a missing deletion certificate)."""
    if not rationale.strip():
        raise ValidationError(_("Give the rationale for accepting the risk."),
                              field="rationale")
    if not compensating_measures.strip():
        raise ValidationError(_("Describe the compensating measures."),
                              field="compensating_measures")
    expires_on = check_expiry(expires_on, now.date())
    exception = RiskException(
        vendor_id=vendor.id, assessment=assessment, subject=subject,
        rationale=rationale.strip(), compensating_measures=compensating_measures.strip(),
        expires_on=expires_on, status=ExceptionStatus.REQUESTED, requested_by=actor,
        requested_at=now, authority=authority)
    db.session.add(exception)
    db.session.flush()
    record("exception.requested", actor=actor, object_type="exception",
           object_id=exception.id, now=now,
           details={"assessment_id": assessment and assessment.id, "vendor_id": vendor.id,
                    "subject": subject, "expires_on": expires_on.isoformat(),
                    "rationale": exception.rationale, "authority": authority.value,
                    "compensating_measures": exception.compensating_measures})
    return exception


def decision_refusal(exception: RiskException, actor: User) -> str | None:
    """Why ``actor`` may not decide ``exception`` (None: they may): it needs its
    authority's role — top management for a tier 1 vendor graded C — and someone other
    than whoever asked for it."""
    if exception.authority == Role.EXECUTIVE and not actor.has_role(Role.EXECUTIVE):
        return _("Only top management (an executive) may accept this exception: it would "
                 "let a tier 1 vendor graded C go ahead (a failed knockout or a score below "
                 "the pass mark).")
    if exception.authority != Role.EXECUTIVE and not actor.has_role(Role.APPROVER):
        return _("Only approvers decide on exceptions.")
    if exception.requested_by_id == actor.id:
        return _("You asked for this exception; another approver must decide on it.") \
            if exception.authority != Role.EXECUTIVE else \
            _("You asked for this exception; another executive must decide on it.")
    return None


def decide_exception(exception: RiskException, *, approve: bool, note: str, actor: User,
                     now: datetime) -> None:
    """Someone holding the exception's authority (an approver, or top management for a
    tier 1 vendor graded C) who did not ask for it approves or refuses it; an approval
    still ends within ``EXCEPTION_MAX_DAYS`` of today."""
    refusal = decision_refusal(exception, actor)
    if refusal:
        raise PermissionDenied(refusal)
    if exception.assessment is not None:
        ensure_open(exception.assessment)
    db.session.refresh(exception)  # as it stands now that the assessment is held
    if exception.status != ExceptionStatus.REQUESTED:
        raise Conflict(_("This exception has already been decided."))
    if not approve and not note.strip():
        raise ValidationError(_("Say why the exception is refused."), field="note")
    if approve:
        check_expiry(exception.expires_on, now.date())
    exception.status = ExceptionStatus.APPROVED if approve else ExceptionStatus.REFUSED
    exception.decided_by, exception.decided_at = actor, now
    exception.decision_note = note.strip() or None
    db.session.flush()
    record(f"exception.{exception.status.value}", actor=actor, object_type="exception",
           object_id=exception.id, now=now,
           details={"assessment_id": exception.assessment_id, "subject": exception.subject,
                    "note": exception.decision_note, "authority": exception.authority.value,
                    "expires_on": exception.expires_on.isoformat()})
