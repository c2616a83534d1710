"""What the audit programme reads of the database, for one vendor or many at once: the
assessment an audit verifies, its checklist, the last audit and the first approval."""

from datetime import date

from flask import current_app
from sqlalchemy import Subquery, func, or_, select

from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import Outcome, State
from vendorrisk.foundation.extensions import db
from vendorrisk.review.audit_models import VendorAudit
from vendorrisk.review.audit_programme import AuditDue, next_audit
from vendorrisk.standards.definition import Question
from vendorrisk.standards.services import definition_of
from vendorrisk.vendors.models import Vendor

APPROVALS = (Outcome.APPROVE, Outcome.APPROVE_WITH_CONDITIONS)


def audited_assessment(vendor: Vendor) -> Assessment | None:
    """The newest assessment whose answers an audit can verify and whose remediation can
    take its findings: approved, or submitted and in review."""
    return db.session.scalar(
        select(Assessment).where(
            Assessment.vendor_id == vendor.id,
            or_(Assessment.status.in_((State.SUBMITTED, State.IN_REVIEW)),
                (Assessment.status == State.DECIDED) & Assessment.decision.in_(APPROVALS)))
        .order_by(Assessment.id.desc()).limit(1))


def checklist_questions(assessment: Assessment | None) -> list[Question]:
    """The criteria to verify on site: the standard's knockout questions and those that
    ask for evidence, in its order (every scored question where it marks none)."""
    if assessment is None:
        return []
    questions = list(definition_of(assessment.standard_version).questions.values())
    marked = [question for question in questions
              if question.knockout is not None or question.evidence is not None]
    return marked or [question for question in questions if question.scored]


def first_approval_times(*, besides: int | None = None) -> Subquery:
    """(vendor_id, at): each vendor's first approval (an approval with conditions
    counts), not counting assessment ``besides``."""
    return (select(Assessment.vendor_id, func.min(Assessment.decided_at).label("at"))
            .where(Assessment.status == State.DECIDED, Assessment.decision.in_(APPROVALS),
                   Assessment.id != (besides or 0))
            .group_by(Assessment.vendor_id).subquery())


def last_audit_days() -> Subquery:
    """(vendor_id, day): each vendor's last audit."""
    return (select(VendorAudit.vendor_id, func.max(VendorAudit.held_on).label("day"))
            .group_by(VendorAudit.vendor_id).subquery())


def first_approved_on(vendor_id: int, *, besides: int | None = None) -> date | None:
    first = first_approval_times(besides=besides)
    at = db.session.scalar(select(first.c.at).where(first.c.vendor_id == vendor_id))
    return at.date() if at else None


def last_audit_on(vendor_id: int) -> date | None:
    last = last_audit_days()
    return db.session.scalar(select(last.c.day).where(last.c.vendor_id == vendor_id))


def before_go_live() -> bool:
    return bool(current_app.config["AUDIT_BEFORE_GO_LIVE"])


def audit_due(vendor: Vendor) -> AuditDue | None:
    """The next audit the programme asks of ``vendor`` (audit_programme.py)."""
    return next_audit(vendor.tier, vendor.categories,
                      last_audit_on=last_audit_on(vendor.id),
                      first_approved_on=first_approved_on(vendor.id),
                      before_go_live=before_go_live())


def audits_of(vendor: Vendor) -> list[VendorAudit]:
    return list(db.session.scalars(
        select(VendorAudit).where(VendorAudit.vendor_id == vendor.id)
        .order_by(VendorAudit.held_on.desc(), VendorAudit.id.desc())))
