"""What the audit programme reads of the database, for one vendor or many at once: the
assessment an audit verifies, its checklist, the last audit and the first approval."""

from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import ScalarSelect, func, or_, select

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


def first_approval_at(vendor_id: Any, *, besides: int | None = None) -> ScalarSelect:
    """The first approval (an approval with conditions counts) of vendor ``vendor_id``
    (an id, or a column for one per row), not counting assessment ``besides``. Read per
    vendor through the index on assessments.vendor_id: the plan is the same whatever the
    planner believes of the tables (grouped over every vendor and joined, it took 15 s
    at 100,000 vendors on tables not yet analysed)."""
    return (select(func.min(Assessment.decided_at))
            .where(Assessment.vendor_id == vendor_id, Assessment.status == State.DECIDED,
                   Assessment.decision.in_(APPROVALS), Assessment.id != (besides or 0))
            .scalar_subquery())


def last_audit_day(vendor_id: Any) -> ScalarSelect:
    """The day of vendor ``vendor_id``'s last audit (an id, or a column)."""
    return (select(func.max(VendorAudit.held_on)).where(VendorAudit.vendor_id == vendor_id)
            .scalar_subquery())


def first_approved_on(vendor_id: int, *, besides: int | None = None) -> date | None:
    at = db.session.scalar(select(first_approval_at(vendor_id, besides=besides)))
    return at.date() if at else None


def last_audit_on(vendor_id: int) -> date | None:
    return db.session.scalar(select(last_audit_day(vendor_id)))


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
