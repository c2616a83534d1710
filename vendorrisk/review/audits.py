"""Recording an audit of a consignee (audit_models.py) and its findings, and the gate
that holds a tier-1 consignee's first approval until it is audited where the company
chose so. Every refusal of an audit's inputs is collected, so the form shows them all at
once; nothing is stored unless all of it is right."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _

from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import Outcome
from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.clock import people_today
from vendorrisk.foundation.errors import Conflict, PermissionDenied, Problems, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.review.audit_models import (
    AuditKind,
    AuditPurpose,
    AuditResult,
    CriterionCheck,
    VendorAudit,
)
from vendorrisk.review.audit_queries import (
    audited_assessment,
    before_go_live,
    checklist_questions,
    first_approved_on,
    last_audit_on,
)
from vendorrisk.review.findings import record_finding, remediation_open
from vendorrisk.review.models import Finding
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import Tier

RECORDERS = (Role.REVIEWER, Role.APPROVER)  # the privacy officers and their analysts
NOTE_LIMIT = 2_000


@dataclass(frozen=True)
class CheckInput:
    question_id: str
    outcome: str
    note: str = ""


@dataclass(frozen=True)
class AuditInput:
    kind: str
    purpose: str
    held_on: date | None
    auditors: str
    scope: str
    observations: str
    result: str
    checks: tuple[CheckInput, ...] = ()


def _require_recorder(actor: User) -> None:
    if not actor.has_role(*RECORDERS):
        raise PermissionDenied(_("Only reviewers and approvers record audits."))


def _checklist(assessment: Assessment | None, checks: tuple[CheckInput, ...],
               problems: Problems) -> list[dict]:
    """One row per criterion of the standard, in its order; a criterion not posted is
    not checked."""
    questions = checklist_questions(assessment)
    given = {check.question_id: check for check in checks}
    if set(given) - {question.id for question in questions}:
        problems.add(_("The checklist names a criterion that is not in the vendor's "
                       "standard. Reload the form."), "checks")
    blank = CheckInput("", CriterionCheck.NOT_CHECKED.value)
    rows = [{"question_id": question.id,
             "outcome": given.get(question.id, blank).outcome,
             "note": given.get(question.id, blank).note.strip()} for question in questions]
    if any(row["outcome"] not in set(CriterionCheck) for row in rows):
        problems.add(_("Choose confirmed, not confirmed or not checked for each "
                       "criterion."), "checks")
    if any(len(row["note"]) > NOTE_LIMIT for row in rows):
        problems.add(_("A criterion's note has at most %(limit)d characters.",
                       limit=NOTE_LIMIT), "checks")
    return rows


def record_audit(vendor: Vendor, data: AuditInput, *, actor: User,
                 now: datetime) -> VendorAudit:
    """The audit as held: checked whole, then stored and audited."""
    _require_recorder(actor)
    problems = Problems()
    kind = problems.member(AuditKind, data.kind, "kind", _("Choose how the audit was held."))
    purpose = problems.member(AuditPurpose, data.purpose, "purpose",
                              _("Choose why the audit was held."))
    result = problems.member(AuditResult, data.result, "result",
                             _("Choose the audit's result."))
    if data.held_on is None or data.held_on > people_today(now):
        problems.add(_("Give the day the audit was held: today or earlier."), "held_on")
    if purpose == AuditPurpose.BEFORE_GO_LIVE and first_approved_on(vendor.id):
        problems.add(_("This vendor has been approved already: an audit now is periodic "
                       "or on demand."), "purpose")
    auditors = problems.text(data.auditors, "auditors", _("Name who audited."))
    scope = problems.text(data.scope, "scope", _("Say what the audit covered."))
    observations = problems.text(data.observations, "observations",
                                 _("Say what the auditors saw."))
    assessment = audited_assessment(vendor)
    checklist = _checklist(assessment, data.checks, problems)
    if result == AuditResult.SATISFACTORY and any(
            row["outcome"] == CriterionCheck.NOT_CONFIRMED for row in checklist):
        problems.add(_("A criterion was not confirmed: the result cannot be satisfactory."),
                     "result")
    problems.raise_any()
    audit = VendorAudit(
        vendor=vendor, assessment=assessment, kind=kind, purpose=purpose,
        held_on=data.held_on, auditors=auditors, scope=scope, checklist=checklist,
        observations=observations, result=result, recorded_by=actor, created_at=now)
    db.session.add(audit)
    db.session.flush()
    record("vendor_audit.recorded", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"audit_id": audit.id, "kind": kind.value,
                             "purpose": purpose.value, "held_on": data.held_on.isoformat(),
                             "result": result.value,
                             "assessment_id": assessment.id if assessment else None,
                             "not_confirmed": [row["question_id"] for row in checklist
                                               if row["outcome"] == CriterionCheck.NOT_CONFIRMED]})
    return audit


def add_audit_finding(audit: VendorAudit, *, question_id: str | None, severity: str,
                      description: str, remediation: str, owner_id: int | None,
                      due_on: date | None, actor: User, now: datetime) -> Finding:
    """A finding of the audit, in the remediation of the assessment it verified."""
    _require_recorder(actor)
    assessment = audit.assessment
    if assessment is None or not remediation_open(assessment):
        raise Conflict(_("The assessment this audit verified takes no remediation now (it "
                         "waits for signatures, or was rejected or cancelled): the finding "
                         "cannot be recorded."))
    if question_id and question_id not in {row["question_id"] for row in audit.checklist}:
        raise ValidationError(_("Choose a criterion of the audit's checklist."),
                              field="question_id")
    return record_finding(assessment, question_id=question_id, evidence_id=None,
                          severity=severity, description=description,
                          remediation=remediation, owner_id=owner_id, due_on=due_on,
                          actor=actor, now=now, audit_id=audit.id)


def refuse_unaudited_go_live(assessment: Assessment, outcome: Outcome) -> None:
    """Where the company audits tier-1 consignees before go-live, their first approval
    waits for an audit (a rejection does not)."""
    vendor = assessment.vendor
    if (outcome == Outcome.REJECT or not before_go_live() or vendor.tier != Tier.TIER_1
            or last_audit_on(vendor.id)
            or first_approved_on(vendor.id, besides=assessment.id)):
        return
    raise ValidationError(_("This tier-1 vendor must be audited before its first approval. "
                            "Record the audit on the vendor's page first."), field="outcome")
