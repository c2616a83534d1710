"""What the audit programme reads of the database, for one vendor or many at once: the
assessment an audit verifies, its checklist, the last audit and the first approval."""

from collections.abc import Iterable
from datetime import date

from flask import current_app
from sqlalchemy import func, or_, select

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


def first_approvals(vendor_ids: Iterable[int], *,
                    besides: int | None = None) -> dict[int, date]:
    """Each vendor's first approval day (an approval with conditions counts), not
    counting assessment ``besides``."""
    rows = db.session.execute(
        select(Assessment.vendor_id, func.min(Assessment.decided_at))
        .where(Assessment.vendor_id.in_(list(vendor_ids)), Assessment.status == State.DECIDED,
               Assessment.decision.in_(APPROVALS), Assessment.id != (besides or 0))
        .group_by(Assessment.vendor_id))
    return {vendor_id: decided.date() for vendor_id, decided in rows if decided}


def last_audits(vendor_ids: Iterable[int]) -> dict[int, date]:
    rows = db.session.execute(
        select(VendorAudit.vendor_id, func.max(VendorAudit.held_on))
        .where(VendorAudit.vendor_id.in_(list(vendor_ids))).group_by(VendorAudit.vendor_id))
    return {vendor_id: day for vendor_id, day in rows}


def before_go_live() -> bool:
    return bool(current_app.config["AUDIT_BEFORE_GO_LIVE"])


def audit_due(vendor: Vendor) -> AuditDue | None:
    """The next audit the programme asks of ``vendor`` (audit_programme.py)."""
    return next_audit(vendor.tier, vendor.categories,
                      last_audit_on=last_audits([vendor.id]).get(vendor.id),
                      first_approved_on=first_approvals([vendor.id]).get(vendor.id),
                      before_go_live=before_go_live())


def audits_of(vendor: Vendor) -> list[VendorAudit]:
    return list(db.session.scalars(
        select(VendorAudit).where(VendorAudit.vendor_id == vendor.id)
        .order_by(VendorAudit.held_on.desc(), VendorAudit.id.desc())))
