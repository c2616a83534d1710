"""The reviewers', approvers' and top management's work queues, and their counts for the
navigation."""

from datetime import date, timedelta

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import joinedload

from vendorrisk.acceptance.models import RiskException
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import State
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db
from vendorrisk.review.exceptions import pending_exceptions_query
from vendorrisk.review.findings import awaiting_remediation
from vendorrisk.review.models import Finding, Signature

QUEUE_LIMIT = 500
DUE_SOON_DAYS = 14  # "findings due": overdue, or due within two weeks


def _not_sent_by(user: User) -> list:
    return [or_(Assessment.created_by_id.is_(None), Assessment.created_by_id != user.id),
            or_(Assessment.sent_by_id.is_(None), Assessment.sent_by_id != user.id)]


def _awaiting_review(user: User) -> Select:
    """Submitted and not yet picked up, or in review (or proposed) with ``user`` as the
    reviewer — not the ones ``user`` sent, which they may not sign."""
    return select(Assessment).where(
        or_(Assessment.status == State.SUBMITTED,
            and_(Assessment.status.in_([State.IN_REVIEW, State.PROPOSED]),
                 or_(Assessment.reviewer_id == user.id, Assessment.reviewer_id.is_(None)))),
        *_not_sent_by(user))


def _awaiting_approval(user: User) -> Select:
    """Signed by a reviewer, waiting for an approver who is neither the first signer nor
    the sender."""
    signed_by_user = select(Signature.id).where(
        Signature.assessment_id == Assessment.id, Signature.user_id == user.id,
        Signature.round == Assessment.proposal_round).exists()
    return select(Assessment).where(Assessment.status == State.AWAITING_APPROVAL,
                                    ~signed_by_user, *_not_sent_by(user))


def awaiting_review(user: User) -> list[Assessment]:
    return list(db.session.scalars(_awaiting_review(user).options(
        joinedload(Assessment.vendor)).order_by(Assessment.submitted_at).limit(QUEUE_LIMIT)))


def awaiting_approval(user: User) -> list[Assessment]:
    if not user.has_role(Role.APPROVER):
        return []
    return list(db.session.scalars(_awaiting_approval(user).options(
        joinedload(Assessment.vendor)).order_by(Assessment.proposed_at).limit(QUEUE_LIMIT)))


def _count(statement: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def queue_counts(user: User, today: date) -> dict[str, int]:
    """Endpoint → how many items wait in that queue for ``user``."""
    counts = {}
    if user.has_role(Role.REVIEWER, Role.APPROVER):
        counts["assessments.queue_review"] = _count(_awaiting_review(user))
        counts["assessments.queue_findings"] = _count(findings_due_query(today, owner=user))
    if user.has_role(Role.APPROVER):
        counts["assessments.queue_approval"] = _count(_awaiting_approval(user))
    if user.has_role(Role.EXECUTIVE):
        # Top management's queue is the exceptions waiting for them (on the same page).
        counts["assessments.queue_approval"] = counts.get("assessments.queue_approval", 0) \
            + _count(pending_exceptions_query(user).where(
                RiskException.authority == Role.EXECUTIVE))
    return counts


def findings_due_query(today: date, *, owner: User | None = None) -> Select:
    """Findings awaiting remediation, overdue or due within two weeks (``owner``'s and
    nobody's, or everyone's)."""
    statement = select(Finding).where(awaiting_remediation(),
                                      Finding.due_on <= today + timedelta(days=DUE_SOON_DAYS))
    if owner is not None:
        statement = statement.where(or_(Finding.owner_id == owner.id,
                                        Finding.owner_id.is_(None)))
    return statement


def findings_due(today: date, *, owner: User | None = None) -> list[Finding]:
    return list(db.session.scalars(findings_due_query(today, owner=owner)
                                   .options(joinedload(Finding.vendor),
                                            joinedload(Finding.owner))
                                   .order_by(Finding.due_on, Finding.id)))
