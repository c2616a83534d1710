"""Findings and their remediation: recorded in review, answered by the vendor through its
link (plan, agreement, completion with evidence), accepted or reopened by a reviewer.

A finding's description, remediation and due date freeze with the signed assessment; its
progress goes on after the decision and is kept as a history of events.
"""

from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from vendorrisk.assessments.evidence import store_evidence
from vendorrisk.assessments.links import LinkExpired
from vendorrisk.assessments.models import (
    FINDING_FILE_PREFIX,
    AnswerMark,
    Assessment,
    EvidenceFile,
    Respondent,
)
from vendorrisk.assessments.services import invite
from vendorrisk.assessments.workflow import READABLE, Outcome, State
from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    Problems,
    ValidationError,
)
from vendorrisk.foundation.extensions import db
from vendorrisk.review.finding_inputs import check_due_on, owner_of, severity_of, text_of
from vendorrisk.review.marks import ensure_reviewing, mark_answer
from vendorrisk.review.models import FINISHED, Finding, FindingEvent, FindingStatus
from vendorrisk.standards.services import definition_of
from vendorrisk.vendors.vocabulary import VendorStatus


def record_event(finding: Finding, action: str, now: datetime, *, text: str | None = None,
                 user: User | None = None, respondent: Respondent | None = None,
                 evidence: EvidenceFile | None = None,
                 changes: dict[str, list[object]] | None = None) -> None:
    """One step in the finding's history, and in the audit log."""
    finding.events.append(FindingEvent(action=action, status=finding.status, text=text,
                                       user=user, respondent=respondent, evidence=evidence,
                                       changes=changes, at=now))
    finding.updated_at = now
    db.session.flush()
    record(f"finding.{action}", actor=user, actor_label=respondent.email if respondent else None,
           object_type="finding", object_id=finding.id, now=now,
           details={"assessment_id": finding.assessment_id, "status": finding.status.value,
                    "text": text, "evidence": evidence.sha256 if evidence else None,
                    **({"changes": changes} if changes else {})})


def record_finding(assessment: Assessment, *, question_id: str | None, evidence_id: int | None,
                   severity: str, description: str, remediation: str, owner_id: int | None,
                   due_on: date | None, actor: User, now: datetime,
                   audit_id: int | None = None) -> Finding:
    """A finding on the assessment (optionally on one question and one evidence file).
    Every wrong input is reported at once. An audit's finding (``audit_id``) joins the
    remediation of the assessment the audit verified, open after an approval too; it
    marks no answer of the signed record."""
    if audit_id is None:
        ensure_reviewing(assessment, actor, now)
    else:
        _require_reviewer(actor)
        _ensure_remediation_open_for(assessment)
    problems = Problems()
    level = severity_of(severity, problems)
    if question_id and question_id not in definition_of(assessment.standard_version).questions:
        problems.add(_("There is no such question."), "question_id")
    evidence = None
    if evidence_id is not None:
        evidence = next((item for item in assessment.evidence if item.id == evidence_id), None)
        if evidence is None:
            problems.add(_("Choose a file of this assessment."), "evidence_id")
    owner = owner_of(owner_id, problems)
    check_due_on(due_on, now, problems)
    with problems.check():
        description = text_of(description, "description", _("Describe the finding."))
    with problems.check():
        remediation = text_of(remediation, "remediation", _("Say what the vendor is asked to do."))
    problems.raise_any()
    finding = Finding(
        assessment=assessment, vendor_id=assessment.vendor_id, question_id=question_id or None,
        evidence=evidence, severity=level, description=description, remediation=remediation,
        owner=owner, due_on=due_on, status=FindingStatus.OPEN, created_by=actor, audit_id=audit_id,
        created_at=now, updated_at=now)
    db.session.add(finding)
    db.session.flush()
    record_event(finding, "recorded", now, text=finding.description, user=actor)
    if question_id and audit_id is None:
        mark_answer(assessment, question_id, mark=AnswerMark.FINDING.value,
                    note=finding.description, actor=actor, now=now)
    return finding


def withdraw_finding(finding: Finding, *, reason: str, actor: User, now: datetime) -> None:
    """Take a finding back while the assessment is still in review."""
    ensure_reviewing(finding.assessment, actor, now)
    if finding.status == FindingStatus.WITHDRAWN:
        raise Conflict(_("This finding has already been withdrawn."))
    finding.status = FindingStatus.WITHDRAWN
    record_event(finding, "withdrawn", now, user=actor,
           text=text_of(reason, "reason", _("Say why the finding is withdrawn.")))


def share_findings(assessment: Assessment, *, actor: User | None, now: datetime) -> int:
    """Show the open findings to the vendor and e-mail each respondent a link that works
    until the last due date; return how many findings were shared."""
    if not remediation_open(assessment):
        raise Conflict(_("Remediation is requested during the review or after an approval, "
                         "not now."))
    findings = open_findings(assessment)
    if not findings:
        return 0
    for finding in findings:
        finding.shared_at = finding.shared_at or now
    # Until the last due date, and never less than a fresh questionnaire's time to answer
    # (a link re-sent for an overdue finding must still work).
    until = max(max(finding.due_on for finding in findings),
                now.date() + timedelta(days=ANSWER_DAYS))
    for respondent in assessment.respondents:
        if respondent.revoked_at is None:
            invite(respondent, kind="remediation", actor=actor, now=now, until=until,
                   extra={"findings": findings})
    record("assessment.findings_shared", actor=actor, object_type="assessment",
           object_id=assessment.id, now=now,
           details={"findings": [finding.id for finding in findings],
                    "until": until.isoformat()})
    return len(findings)


ANSWER_DAYS = 14  # as the default due date of a new assessment


def remediation_open(assessment: Assessment) -> bool:
    """Findings may be sent, accepted and reopened during the review and after an approval
    — not while a decision waits for its signatures, nor after a rejection or cancellation."""
    if assessment.status == State.DECIDED:
        return assessment.decision != Outcome.REJECT
    return assessment.status in (State.SUBMITTED, State.IN_REVIEW)


def open_findings(assessment: Assessment) -> list[Finding]:
    return list(db.session.scalars(
        select(Finding).where(Finding.assessment_id == assessment.id,
                              Finding.status.not_in(FINISHED))
        .order_by(Finding.due_on, Finding.id)))


def findings_of(assessment: Assessment) -> list[Finding]:
    """With what the page shows of each (owner, file, history) loaded in the same go."""
    return list(db.session.scalars(
        select(Finding).where(Finding.assessment_id == assessment.id)
        .options(joinedload(Finding.owner), joinedload(Finding.evidence),
                 selectinload(Finding.events)).order_by(Finding.id)))


def shared_findings(respondent: Respondent) -> list[Finding]:
    """The remediation requests the vendor sees through this respondent's link."""
    return list(db.session.scalars(select(Finding).where(
        Finding.assessment_id == respondent.assessment_id, Finding.shared_at.is_not(None))
        .order_by(Finding.due_on, Finding.id)))


def shared_finding(respondent: Respondent, finding_id: int, now: datetime) -> Finding:
    """A finding the vendor may act on through this link; the link must not have expired."""
    finding = db.session.get(Finding, finding_id)
    if finding is None or finding.assessment_id != respondent.assessment_id \
            or finding.shared_at is None:
        raise NotFound(_("There is no such remediation request."))
    if respondent.expires_at is not None and respondent.expires_at <= now:
        raise LinkExpired(_("This link has expired; ask for a new one to answer."))
    if respondent.assessment.status not in READABLE:
        raise Conflict(_("This questionnaire is closed."))
    return finding


def plan_remediation(finding: Finding, respondent: Respondent, *, plan: str,
                     planned_on: date | None, agreed: bool, now: datetime) -> None:
    """The vendor agrees to the remediation and says how and by when."""
    if finding.status not in (FindingStatus.OPEN, FindingStatus.PLANNED):
        raise Conflict(_("This remediation is no longer waiting for a plan."))
    if not agreed:
        raise ValidationError(_("Confirm that you agree to the remediation."), field="agreed")
    if planned_on is None or planned_on < now.date():
        raise ValidationError(_("Give a completion date from today on."), field="planned_on")
    finding.plan = text_of(plan, "plan", _("Describe your plan."))
    finding.planned_on = planned_on
    finding.status = FindingStatus.PLANNED
    record_event(finding, "planned", now, text=f"{finding.plan} ({planned_on.isoformat()})",
           respondent=respondent)


def complete_remediation(finding: Finding, respondent: Respondent, *, note: str,
                         filename: str, data: bytes, now: datetime) -> None:
    """The vendor reports the remediation done, with a file that shows it."""
    if finding.status not in (FindingStatus.OPEN, FindingStatus.PLANNED):
        raise Conflict(_("This remediation is not open."))
    text = text_of(note, "note", _("Say what was done."))
    if not data:
        raise ValidationError(_("Attach a file that shows the remediation."), field="file")
    evidence = store_evidence(finding.assessment, respondent,
                              f"{FINDING_FILE_PREFIX}{finding.id}", filename=filename, data=data,
                              now=now)
    finding.completion_note = text
    finding.status = FindingStatus.COMPLETED
    record_event(finding, "completed", now, text=text, respondent=respondent, evidence=evidence)


def accept_remediation(finding: Finding, *, note: str, actor: User, now: datetime) -> None:
    """A reviewer accepts the completion; the last condition met lifts a conditional
    approval to an approval."""
    _require_reviewer(actor)
    _ensure_remediation_open(finding)
    if finding.status != FindingStatus.COMPLETED:
        raise Conflict(_("Only a remediation the vendor has completed can be accepted."))
    finding.status = FindingStatus.CLOSED
    record_event(finding, "accepted", now, text=note.strip() or None, user=actor)
    if _conditions_of_standing_approval(finding) and not open_findings(finding.assessment):
        _set_vendor_status(finding, VendorStatus.APPROVED, "vendor.conditions_met", actor, now)


def _conditions_of_standing_approval(finding: Finding) -> bool:
    """The finding is a condition of the decision the vendor stands on now (its latest)."""
    assessment = finding.assessment
    latest = db.session.scalar(select(func.max(Assessment.id)).where(
        Assessment.vendor_id == assessment.vendor_id, Assessment.status == State.DECIDED))
    return (latest == assessment.id
            and assessment.decision == Outcome.APPROVE_WITH_CONDITIONS)


def _set_vendor_status(finding: Finding, status: VendorStatus, action: str, actor: User,
                       now: datetime) -> None:
    vendor = finding.vendor
    if vendor.status == status:
        return
    previous, vendor.status = vendor.status, status
    record(action, actor=actor, object_type="vendor", object_id=vendor.id, now=now,
           details={"assessment_id": finding.assessment_id, "finding_id": finding.id,
                    "from": previous.value, "to": status.value})


def reopen_finding(finding: Finding, *, note: str, actor: User, now: datetime) -> None:
    """A reviewer does not accept the completion (or a closed finding comes back)."""
    _require_reviewer(actor)
    _ensure_remediation_open(finding)
    if finding.status not in (FindingStatus.COMPLETED, FindingStatus.CLOSED):
        raise Conflict(_("Only a completed or closed finding can be reopened."))
    finding.status = FindingStatus.OPEN
    record_event(finding, "reopened", now, user=actor,
           text=text_of(note, "note", _("Tell the vendor why it is reopened.")))
    if _conditions_of_standing_approval(finding) \
            and finding.vendor.status == VendorStatus.APPROVED:
        _set_vendor_status(finding, VendorStatus.CONDITIONALLY_APPROVED,
                           "vendor.condition_reopened", actor, now)


def ensure_finding_changeable(finding: Finding, actor: User) -> None:
    """A reviewer or approver, while remediation is open (after an approval)."""
    _require_reviewer(actor)
    _ensure_remediation_open(finding)


def _ensure_remediation_open(finding: Finding) -> None:
    _ensure_remediation_open_for(finding.assessment)


def _ensure_remediation_open_for(assessment: Assessment) -> None:
    if not remediation_open(assessment):
        raise Conflict(_("This finding cannot change now: the decision is waiting for its "
                         "signatures, or the assessment was rejected or cancelled."))


def _require_reviewer(actor: User) -> None:
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers handle findings."))


def awaiting_remediation() -> ColumnElement[bool]:
    """Open findings whose assessment still asks for them: not cancelled, not rejected."""
    dropped = or_(Assessment.status == State.CANCELLED,
                  and_(Assessment.status == State.DECIDED,
                       Assessment.decision == Outcome.REJECT))
    return and_(Finding.status.not_in(FINISHED),
                ~Finding.assessment.has(dropped))
