"""Proposing a decision, signing it (once or twice), and what a decision sets in motion.

The rules are in decision.py; this module applies them to the database. Signing locks
the assessment first, so two people signing at the same moment sign one after the other:
the second finds the step already taken and is told so (409).
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vendorrisk.acceptance.models import ExceptionStatus
from vendorrisk.assessments.labels import GAP_LABELS, REFUSAL_LABELS, STATE_LABELS
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.services import lock_for_change, transition
from vendorrisk.assessments.submission import rescore
from vendorrisk.assessments.workflow import Event, Outcome, State
from vendorrisk.audit.models import AuditEvent
from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.contracts.labels import contract_gap_text
from vendorrisk.foundation.errors import Conflict, NotFound, PermissionDenied, ValidationError
from vendorrisk.foundation.events import publish
from vendorrisk.foundation.extensions import db
from vendorrisk.review.audits import refuse_unaudited_go_live
from vendorrisk.review.decision import (
    Gap,
    Stage,
    approval_gaps,
    recommend,
    second_signature_reasons,
    signing_refusal,
)
from vendorrisk.review.events import AssessmentDecided
from vendorrisk.review.exceptions import case_of, exceptions_of
from vendorrisk.review.findings import share_findings
from vendorrisk.review.handoffs import announce_decision, ask_approvers
from vendorrisk.review.marks import ensure_reviewing
from vendorrisk.review.models import Signature, Snapshot
from vendorrisk.review.record import build_record, signatures_of
from vendorrisk.review.snapshot import canonical, differences, digest, frozen_part
from vendorrisk.review.subject_labels import question_text
from vendorrisk.vendors.countries import country_names
from vendorrisk.vendors.services.crossborder import suspended_countries
from vendorrisk.vendors.vocabulary import VendorStatus

VENDOR_STATUS = {
    Outcome.APPROVE: VendorStatus.APPROVED,
    Outcome.APPROVE_WITH_CONDITIONS: VendorStatus.CONDITIONALLY_APPROVED,
    Outcome.REJECT: VendorStatus.REJECTED,
}


def gap_sentence(gap: Gap, standard: Any = None) -> str:
    """``gap`` in a sentence; a failed knockout is named by its question's text, read from
    ``standard`` (the assessment, or its standard version)."""
    if gap.code.startswith("contract:"):  # what the contracts lack, worded by contracts/
        return contract_gap_text(gap.code, gap.detail)
    subject = gap.subject
    if gap.code == "knockout":
        subject = _("“%(question)s”",
                    question=question_text(gap.subject, standard) or gap.subject)
    return str(GAP_LABELS[gap.code]).format(subject=subject, detail=gap.detail)


def refuse_suspended_provision(assessment: Assessment, outcome: Outcome) -> None:
    """An approval would entrust data where a Rule 18 check suspended the provision
    (vendors/crossborder.py): refused until a later check lets it continue."""
    if outcome == Outcome.REJECT:
        return
    countries = suspended_countries([assessment.vendor_id]).get(assessment.vendor_id)
    if countries:
        names = country_names(str(get_locale()))
        raise ValidationError(_(
            "The provision to %(countries)s is suspended after a Rule 18 check: an approval "
            "would entrust data there. Record a check that lets it continue first.",
            countries=", ".join(names.get(code, code) for code in countries)), field="outcome")


def _refuse_gaps(gaps: list[Gap], assessment: Assessment) -> None:
    if gaps:
        raise ValidationError(_("This decision cannot be signed yet: %(gaps)s",
                                gaps=" ".join(gap_sentence(gap, assessment) for gap in gaps)),
                              field="outcome")


def propose_decision(assessment: Assessment, *, outcome: str, rationale: str, actor: User,
                     now: datetime) -> None:
    """The reviewer's proposal, checked against the rules before anyone signs it."""
    ensure_reviewing(assessment, actor, now)
    try:
        chosen = Outcome(outcome)
    except ValueError:
        raise ValidationError(_("Choose approve, approve with conditions or reject."),
                              field="outcome") from None
    if not rationale.strip():
        raise ValidationError(_("Give the reasons for the decision."), field="rationale")
    refuse_suspended_provision(assessment, chosen)
    refuse_unaudited_go_live(assessment, chosen)
    result = rescore(assessment)
    _refuse_gaps(approval_gaps(chosen, case_of(assessment, result, now.date())), assessment)
    recommendation = recommend(assessment.tier, result.grade.value)
    assessment.decision, assessment.decision_rationale = chosen, rationale.strip()
    assessment.recommended = recommendation.outcome if recommendation else None
    assessment.residual_risk = recommendation.risk.value if recommendation and \
        recommendation.risk else None
    assessment.proposal_round += 1
    assessment.proposed_by, assessment.proposed_at = actor, now
    transition(assessment, Event.PROPOSE, actor=actor, now=now,
               details={"outcome": chosen.value, "rationale": assessment.decision_rationale,
                        "recommended": assessment.recommended and assessment.recommended.value,
                        "percent": round(result.percent, 2), "grade": result.grade.value})


def withdraw_proposal(assessment: Assessment, *, actor: User, now: datetime) -> None:
    """Back to review, before anyone signed."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers withdraw proposals."))
    lock_for_change(assessment)
    transition(assessment, Event.WITHDRAW, actor=actor, now=now)


def decline(assessment: Assessment, *, note: str, actor: User, now: datetime) -> None:
    """The approver does not sign and sends the assessment back to review; the reviewer's
    signature stays on record for that round."""
    if not actor.has_role(Role.APPROVER):
        raise PermissionDenied(_("Only approvers decline a proposal."))
    if not note.strip():
        raise ValidationError(_("Say why you do not sign."), field="note")
    lock_for_change(assessment)
    transition(assessment, Event.DECLINE, actor=actor, now=now, details={"note": note.strip()})


def second_signature_needed(assessment: Assessment) -> list[str]:
    approved = any(item.status == ExceptionStatus.APPROVED
                   for item in exceptions_of(assessment))
    return second_signature_reasons(assessment.tier, assessment.decision, approved)


def sign(assessment: Assessment, *, stage: str, actor: User, now: datetime) -> Signature:
    """Sign the proposal at ``stage`` (the page's view of which signature is due: if
    someone signed meanwhile, this is refused rather than counted as the next one)."""
    lock_for_change(assessment)
    try:
        expected = Stage(stage)
    except ValueError:
        raise ValidationError(_("Say which signature you give."), field="stage") from None
    due = {State.PROPOSED: Stage.REVIEWER, State.AWAITING_APPROVAL: Stage.APPROVER}
    if due.get(assessment.status) != expected:
        raise Conflict(_("This assessment is %(state)s: the signature you were about to give "
                         "is no longer due (someone may have signed meanwhile).",
                         state=STATE_LABELS[assessment.status.value]))
    signed = signatures_of(assessment, assessment.proposal_round)
    refusal = signing_refusal(
        signer_id=actor.id, signer_roles={role.value for role in actor.roles}, stage=expected,
        sender_ids=(assessment.created_by_id, assessment.sent_by_id),
        signed_by=[signature.user_id for signature in signed])
    if refusal is None and any(r.email.lower() == actor.email.lower()
                               for r in assessment.respondents):
        refusal = "answered_it"
    if refusal:
        raise PermissionDenied(str(REFUSAL_LABELS[refusal]))
    result = rescore(assessment)
    _refuse_gaps(approval_gaps(assessment.decision, case_of(assessment, result, now.date())),
                 assessment)
    content = digest(canonical(build_record(assessment, with_signatures=False,
                                            today=now.date())))
    if signed and signed[0].content_sha256 != content:
        raise Conflict(_("The assessment changed after the first signature; it must be "
                         "proposed and signed again."))
    signature = Signature(assessment_id=assessment.id, stage=expected,
                          round=assessment.proposal_round, user=actor, signed_at=now,
                          content_sha256=content)
    try:
        with db.session.begin_nested():
            db.session.add(signature)
    except IntegrityError:
        raise Conflict(_("Someone else has just signed this step.")) from None
    reasons = second_signature_needed(assessment)
    if expected == Stage.REVIEWER and reasons:
        transition(assessment, Event.SIGN, actor=actor, now=now,
                   details={"stage": expected.value, "content_sha256": content,
                            "approver_needed_for": reasons})
        ask_approvers(assessment, signer=actor, reasons=reasons, now=now)
    else:
        transition(assessment, Event.DECIDE, actor=actor, now=now,
                   details={"stage": expected.value, "content_sha256": content,
                            "outcome": assessment.decision.value})
        _decided(assessment, actor=actor, now=now)
    return signature


def _decided(assessment: Assessment, *, actor: User, now: datetime) -> None:
    """Freeze the snapshot; the vendor's status and next review follow the decision."""
    assessment.decided_at = now
    db.session.flush()
    body = canonical(build_record(assessment, with_signatures=True, today=now.date()))
    snapshot = Snapshot(assessment_id=assessment.id, body=body, sha256=digest(body),
                        created_at=now)
    db.session.add(snapshot)
    vendor, outcome = assessment.vendor, assessment.decision
    if vendor.status == VendorStatus.TERMINATED:  # ending it refuses open assessments
        raise Conflict(_("The relationship with this vendor has ended; the decision can "
                         "no longer be signed."))
    refuse_suspended_provision(assessment, outcome)  # suspended since it was proposed
    refuse_unaudited_go_live(assessment, outcome)
    previous = vendor.status
    vendor.status = VENDOR_STATUS[outcome]
    publish(AssessmentDecided(vendor, assessment, outcome, now.date()))  # supervision plans
    vendor.updated_at = now
    db.session.flush()
    record("assessment.snapshot", actor=actor, object_type="assessment",
           object_id=assessment.id, now=now, details={"sha256": snapshot.sha256})
    record("vendor.decided", actor=actor, object_type="vendor", object_id=vendor.id, now=now,
           details={"assessment_id": assessment.id, "outcome": outcome.value,
                    "from": previous.value, "to": vendor.status.value,
                    "next_review_on": vendor.next_review_on and
                    vendor.next_review_on.isoformat()})
    announce_decision(assessment, now=now)  # the vendor's contacts: outcome, conditions
    if outcome != Outcome.REJECT:
        share_findings(assessment, actor=actor, now=now)


@dataclass(frozen=True)
class Verification:
    sha256: str
    # The stored text still hashes to the stored SHA-256, and that SHA-256 is the one the
    # hash-chained audit log recorded at signing (so rewriting both is caught too).
    hash_matches: bool
    differences: list[str]  # parts where the database no longer says what was signed

    @property
    def ok(self) -> bool:
        return self.hash_matches and not self.differences


def _audited_sha256(assessment: Assessment) -> str | None:
    details = db.session.scalar(
        select(AuditEvent.details).where(AuditEvent.action == "assessment.snapshot",
                                         AuditEvent.object_type == "assessment",
                                         AuditEvent.object_id == str(assessment.id))
        .order_by(AuditEvent.seq.desc()).limit(1))
    return (details or {}).get("sha256")


def snapshot_of(assessment: Assessment) -> Snapshot | None:
    return db.session.scalar(select(Snapshot).where(Snapshot.assessment_id == assessment.id))


def verify_snapshot(assessment: Assessment) -> Verification:
    """Recompute the snapshot's hash, and rebuild the record from the database to see that
    nothing signed has changed since."""
    snapshot = snapshot_of(assessment)
    if snapshot is None:
        raise NotFound(_("This assessment has not been signed off."))
    stored = json.loads(snapshot.body)
    rebuilt = json.loads(canonical(build_record(assessment, with_signatures=True)))
    intact = digest(snapshot.body) == snapshot.sha256 == _audited_sha256(assessment)
    return Verification(snapshot.sha256, intact,
                        differences(frozen_part(stored), frozen_part(rebuilt)))

