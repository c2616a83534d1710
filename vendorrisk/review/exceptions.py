"""Exceptions (risk acceptance, R8): asked for by a reviewer for a gap the decision rules
name — a failed knockout, a score below the pass mark — and approved or refused by an
approver who did not ask for it; one that would let a tier 1 vendor graded C go ahead by
top management (an executive, DOMAIN §6; acceptance/rules.py). An exception holds until
its expiry date, at most ``EXCEPTION_MAX_DAYS`` away; an expired one flags the vendor for
reassessment."""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import Select, String, and_, cast, func, literal, or_, select

from vendorrisk.acceptance.models import ExceptionStatus, RiskException
from vendorrisk.acceptance.rules import deciding_role
from vendorrisk.acceptance.services import (
    OPEN_FOR_EXCEPTIONS,
    add_exception,
    ensure_open,
)
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.submission import current_score
from vendorrisk.assessments.workflow import State
from vendorrisk.auth.models import Role, User
from vendorrisk.contracts.models import OPEN as OPEN_TERMINATIONS
from vendorrisk.contracts.models import Termination
from vendorrisk.contracts.services import gate_result
from vendorrisk.contracts.termination_exceptions import SUBJECT_PREFIX as TERMINATION_SUBJECT
from vendorrisk.foundation.errors import PermissionDenied, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.review.decision import BELOW_PASS, Case, exception_subjects, knockout_subject
from vendorrisk.review.findings import open_findings
from vendorrisk.review.knockout_text import failure_lines
from vendorrisk.standards.scoring import ScoreResult
from vendorrisk.vendors.models import Vendor


def case_of(assessment: Assessment, result: ScoreResult, today: date) -> Case:
    """What the decision rules read about ``assessment`` scored as ``result``: its gaps,
    the exceptions in force, the conditions, the vendor's contracts."""
    return Case(tier=assessment.tier, grade=result.grade.value,
                failed_knockouts=tuple(f.question_id for f in result.failed_knockouts),
                below_pass=result.below_pass_mark,
                excepted=subjects_in_force(assessment, today),
                condition_due_dates=tuple(f.due_on for f in open_findings(assessment)),
                today=today,
                contract_gaps=tuple((gap.subject, gap.detail) for gap in gate_result(
                    assessment.vendor, today).gaps),
                knockout_details=tuple(failure_lines(result.failed_knockouts)))


def gaps_needing_exception(assessment: Assessment, today: date) -> list[str]:
    """The subjects an exception may name for this assessment as it stands now."""
    return exception_subjects(case_of(assessment, current_score(assessment), today))


def request_exception(assessment: Assessment, *, subject: str, rationale: str,
                      compensating_measures: str, expires_on: date | None, actor: User,
                      now: datetime) -> RiskException:
    """Ask for risk acceptance of one gap, with rationale, compensating measures and expiry."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers ask for exceptions."))
    ensure_open(assessment)
    if subject not in gaps_needing_exception(assessment, now.date()):
        raise ValidationError(_("Choose a failed knockout, the score below the pass mark or "
                                "a contract gap; nothing else needs an exception here."),
                              field="subject")
    if any(item.subject == subject and item.status != ExceptionStatus.REFUSED
           for item in exceptions_of(assessment)):
        raise ValidationError(_("An exception for this gap has already been asked for."),
                              field="subject")
    return add_exception(assessment.vendor, assessment, subject=subject, rationale=rationale,
                         compensating_measures=compensating_measures, expires_on=expires_on,
                         actor=actor, now=now, authority=authority_for(assessment, subject))


def authority_for(assessment: Assessment, subject: str) -> Role:
    """Who decides an exception naming ``subject``: top management when it lets a tier 1
    vendor graded C through (a failed knockout, a score below the pass mark)."""
    grade_c = subject == BELOW_PASS or subject.startswith(knockout_subject(""))
    return Role(deciding_role(assessment.tier, grade_c))


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


def pending_exceptions_query(user: User) -> Select:
    """Exceptions ``user`` may decide: waiting for a role they hold (approver, or
    executive for top management's), asked for by someone else, and their assessment —
    or the end of contract they are about — still open."""
    open_termination = select(Termination.id).where(
        Termination.status.in_(OPEN_TERMINATIONS),
        RiskException.subject == literal(TERMINATION_SUBJECT) + cast(Termination.id, String))
    return select(RiskException).where(
        RiskException.status == ExceptionStatus.REQUESTED,
        RiskException.authority.in_(sorted(user.roles & {Role.APPROVER, Role.EXECUTIVE})),
        RiskException.requested_by_id != user.id,
        or_(RiskException.assessment.has(Assessment.status.in_(OPEN_FOR_EXCEPTIONS)),
            and_(RiskException.assessment_id.is_(None), open_termination.exists())))


def pending_exceptions(user: User) -> list[RiskException]:
    return list(db.session.scalars(pending_exceptions_query(user)
                                   .order_by(RiskException.requested_at)))
