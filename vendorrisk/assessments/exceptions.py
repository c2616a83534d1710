"""Exceptions (risk acceptance, R8): asked for by a reviewer for a gap the decision rules
name — a failed knockout, a score below the pass mark — and approved or refused by an
approver who did not ask for it. An exception holds until its expiry date; an expired one
flags the vendor for reassessment."""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from vendorrisk.assessments.decision import Case, exception_subjects
from vendorrisk.assessments.findings import open_findings
from vendorrisk.assessments.labels import STATE_LABELS
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.review_models import ExceptionStatus, RiskException
from vendorrisk.assessments.services import lock_for_change
from vendorrisk.assessments.submission import current_score
from vendorrisk.assessments.workflow import REVIEWABLE, State
from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.contracts.gate import contract_gaps
from vendorrisk.contracts.services import contract_facts
from vendorrisk.errors import Conflict, PermissionDenied, ValidationError
from vendorrisk.extensions import db
from vendorrisk.standards.scoring import ScoreResult
from vendorrisk.vendors.models import Vendor

# Exceptions may be asked for and decided while the decision is still open.
OPEN_FOR_EXCEPTIONS = REVIEWABLE | {State.PROPOSED}


def case_of(assessment: Assessment, result: ScoreResult, today: date) -> Case:
    """What the decision rules read about ``assessment`` scored as ``result``: its gaps,
    the exceptions in force, the conditions, the vendor's contracts."""
    return Case(tier=assessment.tier, grade=result.grade.value,
                failed_knockouts=tuple(f.question_id for f in result.failed_knockouts),
                below_pass=result.below_pass_mark,
                excepted=subjects_in_force(assessment, today),
                condition_due_dates=tuple(f.due_on for f in open_findings(assessment)),
                today=today,
                contract_gaps=tuple((gap.subject, gap.detail) for gap in contract_gaps(
                    contract_facts(assessment.vendor, today))))


def gaps_needing_exception(assessment: Assessment, today: date) -> list[str]:
    """The subjects an exception may name for this assessment as it stands now."""
    return exception_subjects(case_of(assessment, current_score(assessment), today))


def _ensure_open(assessment: Assessment) -> None:
    lock_for_change(assessment)  # held until commit, like a signature
    if assessment.status not in OPEN_FOR_EXCEPTIONS:
        raise Conflict(_("This assessment is %(state)s: its exceptions can no longer change.",
                         state=STATE_LABELS[assessment.status.value]))


def request_exception(assessment: Assessment, *, subject: str, rationale: str,
                      compensating_measures: str, expires_on: date | None, actor: User,
                      now: datetime) -> RiskException:
    """Ask for risk acceptance of one gap, with rationale, compensating measures and expiry."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers ask for exceptions."))
    _ensure_open(assessment)
    if subject not in gaps_needing_exception(assessment, now.date()):
        raise ValidationError(_("Choose a failed knockout, the score below the pass mark or "
                                "a contract gap; nothing else needs an exception here."),
                              field="subject")
    if not rationale.strip():
        raise ValidationError(_("Give the rationale for accepting the risk."),
                              field="rationale")
    if not compensating_measures.strip():
        raise ValidationError(_("Describe the compensating measures."),
                              field="compensating_measures")
    if expires_on is None or expires_on <= now.date():
        raise ValidationError(_("An exception must expire, on a date in the future."),
                              field="expires_on")
    if any(item.subject == subject and item.status != ExceptionStatus.REFUSED
           for item in exceptions_of(assessment)):
        raise ValidationError(_("An exception for this gap has already been asked for."),
                              field="subject")
    exception = RiskException(
        vendor_id=assessment.vendor_id, assessment=assessment, subject=subject,
        rationale=rationale.strip(), compensating_measures=compensating_measures.strip(),
        expires_on=expires_on, status=ExceptionStatus.REQUESTED, requested_by=actor,
        requested_at=now)
    db.session.add(exception)
    db.session.flush()
    record("exception.requested", actor=actor, object_type="exception",
           object_id=exception.id, now=now,
           details={"assessment_id": assessment.id, "subject": subject,
                    "expires_on": expires_on.isoformat(), "rationale": exception.rationale,
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
        _ensure_open(exception.assessment)
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


def exceptions_of(assessment: Assessment) -> list[RiskException]:
    return list(db.session.scalars(select(RiskException)
                                   .where(RiskException.assessment_id == assessment.id)
                                   .order_by(RiskException.id)))


def subjects_in_force(assessment: Assessment, today: date) -> frozenset[str]:
    """The gaps of this assessment covered by an approved, unexpired exception."""
    return frozenset(item.subject for item in exceptions_of(assessment)
                     if item.in_force(today))


def expired_exceptions(vendor: Vendor, today: date) -> list[RiskException]:
    """Approved exceptions past their expiry that the vendor's standing decision (its
    latest decided assessment) relies on: the vendor needs a new look."""
    latest = select(func.max(Assessment.id)).where(
        Assessment.vendor_id == vendor.id, Assessment.status == State.DECIDED).scalar_subquery()
    return list(db.session.scalars(select(RiskException).where(
        RiskException.assessment_id == latest, RiskException.status == ExceptionStatus.APPROVED,
        RiskException.expires_on < today).order_by(RiskException.expires_on)))


def pending_exceptions(approver: User) -> list[RiskException]:
    """Exceptions ``approver`` may decide: waiting, asked for by someone else, and their
    assessment can still use them."""
    return list(db.session.scalars(select(RiskException).where(
        RiskException.status == ExceptionStatus.REQUESTED,
        RiskException.requested_by_id != approver.id,
        RiskException.assessment.has(Assessment.status.in_(OPEN_FOR_EXCEPTIONS)))
        .order_by(RiskException.requested_at)))
