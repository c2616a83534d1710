"""The evaluation record (R7) as plain data: what the signers signed and the snapshot
keeps. Built from the database; hashed by snapshot.py."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.submission import current_score
from vendorrisk.auth.models import User
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.review.approval_basis import KEY as BASIS
from vendorrisk.review.approval_basis import approval_basis
from vendorrisk.review.decision import DECISION_RULES_VERSION
from vendorrisk.review.exceptions import exceptions_of
from vendorrisk.review.findings import findings_of
from vendorrisk.review.marks import reviews_of
from vendorrisk.review.models import Finding, Signature

FORMAT = 1


def _when(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class _People:
    """Collects the people named, by id; their names go to the context part."""

    def __init__(self) -> None:
        self.seen: dict[int, User] = {}

    def __call__(self, user: User | None) -> int | None:
        if user is None:
            return None
        self.seen[user.id] = user
        return user.id

    def context(self) -> dict[str, Any]:
        return {str(uid): {"name": user.name, "email": user.email}
                for uid, user in sorted(self.seen.items())}


def signatures_of(assessment: Assessment, round_number: int | None = None) -> list[Signature]:
    statement = select(Signature).where(Signature.assessment_id == assessment.id)
    if round_number is not None:
        statement = statement.where(Signature.round == round_number)
    return list(db.session.scalars(statement.order_by(Signature.id)))


def _signed_with(finding: Finding, assessment: Assessment) -> bool:
    """An audit's finding recorded after the decision is not part of what was signed."""
    return (finding.audit_id is None or assessment.decided_at is None
            or finding.created_at < assessment.decided_at)


def build_record(assessment: Assessment, *, with_signatures: bool,
                 today: date | None = None) -> dict[str, Any]:
    """Answers, evidence hashes, standard version, scores, rules, reviews, findings,
    exceptions and the decision — and, when ``with_signatures``, who signed when.

    ``context`` holds what may be renamed later (the vendor's name, people's names); a
    verification against the database compares everything else.
    """
    person = _People()
    version = assessment.standard_version
    result = current_score(assessment)
    body: dict[str, Any] = {
        "format": FORMAT,
        "assessment": {
            "id": assessment.id, "kind": assessment.kind.value,
            "vendor_id": assessment.vendor_id, "tier": assessment.tier,
            "profile": assessment.profile, "due_on": _when(assessment.due_on),
            "standard": {"slug": version.slug, "version": version.version,
                         "checksum": version.checksum},
            "created_by": person(assessment.created_by), "sent_by": person(assessment.sent_by),
            "sent_at": _when(assessment.sent_at), "submitted_at": _when(assessment.submitted_at),
            "attested": {"name": assessment.attested_name, "title": assessment.attested_title,
                         "email": assessment.attested_email,
                         "at": _when(assessment.attested_at)},
        },
        "answers": {answer.question_id: {
            "value": answer.value, "not_applicable": answer.not_applicable,
            "justification": answer.justification, "comment": answer.comment,
            "version": answer.version, "updated_at": _when(answer.updated_at)}
            for answer in sorted(assessment.answers, key=lambda a: a.question_id)},
        "evidence": [{"id": item.id, "question_id": item.question_id, "filename": item.filename,
                      "sha256": item.sha256, "size": item.size, "type": item.content_type,
                      "uploaded_at": _when(item.uploaded_at)}
                     for item in assessment.evidence
                     if item.removed_at is None and not item.for_finding],
        "scores": {
            "percent": result.percent, "earned": result.earned, "possible": result.possible,
            "grade": result.grade.value, "pass_mark": result.pass_mark, "passed": result.passed,
            "failed_knockouts": [{"question_id": f.question_id, "reason": f.reason}
                                 for f in result.failed_knockouts],
            # Only when there are some: records signed before issue 22 still verify.
            **({"lifted_knockouts": [{"question_id": f.question_id, "reason": f.reason}
                                     for f in result.lifted_knockouts]}
               if result.lifted_knockouts else {}),
            "sections": [{"id": s.section_id, "earned": s.earned, "possible": s.possible}
                         for s in result.sections],
            "questions": {qid: {"status": q.status.value, "points": q.points,
                                "weight": q.weight, "rule": q.rule}
                          for qid, q in result.questions.items()},
        },
        "rules": {**result.rules, "decision_rules": DECISION_RULES_VERSION},
        "reviews": {qid: {"mark": review.mark.value if review.mark else None,
                          "note": review.note, "override_points": review.override_points,
                          "override_reason": review.override_reason,
                          "reviewed_by": person(review.reviewed_by),
                          "reviewed_at": _when(review.reviewed_at)}
                    for qid, review in sorted(reviews_of(assessment).items())},
        "findings": [{"id": f.id, "question_id": f.question_id,
                      "evidence_sha256": f.evidence.sha256 if f.evidence else None,
                      "severity": f.severity.value, "description": f.description,
                      "remediation": f.remediation, "owner": person(f.owner),
                      "due_on": _when(f.due_on), "recorded_by": person(f.created_by),
                      "status_at_signing": f.status.value}
                     for f in findings_of(assessment) if _signed_with(f, assessment)],
        "exceptions": [{"id": e.id, "subject": e.subject, "rationale": e.rationale,
                        "compensating_measures": e.compensating_measures,
                        "expires_on": _when(e.expires_on), "status": e.status.value,
                        "requested_by": person(e.requested_by),
                        "decided_by": person(e.decided_by), "decided_at": _when(e.decided_at)}
                       for e in exceptions_of(assessment)],
        "decision": {
            "outcome": assessment.decision.value if assessment.decision else None,
            "rationale": assessment.decision_rationale,
            "recommended": assessment.recommended.value if assessment.recommended else None,
            "residual_risk": assessment.residual_risk, "round": assessment.proposal_round,
            "proposed_by": person(assessment.proposed_by),
            "proposed_at": _when(assessment.proposed_at)},
    }
    # What let the approval through, as it stood on ``today`` (the day of signing).
    body[BASIS] = approval_basis(assessment, result, today or (
        assessment.decided_at or utcnow()).date(), person)
    if with_signatures:
        body["signatures"] = [{"stage": s.stage.value, "user": person(s.user),
                               "signed_at": _when(s.signed_at),
                               "content_sha256": s.content_sha256}
                              for s in signatures_of(assessment, assessment.proposal_round)]
    # The vendor's tier rules version is read now (a later edit re-tiers the vendor under
    # newer rules), so it is context, like the names.
    body["context"] = {"vendor": {"legal_name": assessment.vendor.legal_name,
                                  "corporate_number": assessment.vendor.corporate_number,
                                  "tier_rules": assessment.vendor.tier_rules_version},
                       "people": person.context()}
    return body
