"""Reviewing a submitted assessment: marking answers and overriding points.

Every change re-scores the assessment and is audited; nothing here works once the
assessment has left review (proposed, signed, decided: 409).
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.assessments.labels import STATE_LABELS
from vendorrisk.assessments.models import AnswerMark, AnswerReview, Assessment
from vendorrisk.assessments.services import lock_for_change, transition
from vendorrisk.assessments.submission import current_score, rescore
from vendorrisk.assessments.workflow import REVIEWABLE, Event, State
from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.errors import Conflict, NotFound, PermissionDenied, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.definition import MAX_POINTS
from vendorrisk.standards.scoring import Status
from vendorrisk.standards.services import definition_of


def refuse_unless_reviewable(assessment: Assessment) -> None:
    """Conflict (409) once the assessment has left review (proposed, signed, decided...)."""
    if assessment.status not in REVIEWABLE:
        raise Conflict(_("This assessment is %(state)s: its review can no longer change.",
                         state=STATE_LABELS[assessment.status.value]))


def ensure_reviewing(assessment: Assessment, actor: User, now: datetime) -> None:
    """Refuse unless the assessment is in review; the first review step on a submitted
    assessment starts the review, with ``actor`` as its reviewer."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers review assessments."))
    # Held until commit: a change checked here cannot land after someone else's signature.
    lock_for_change(assessment)
    refuse_unless_reviewable(assessment)
    if assessment.status == State.SUBMITTED:
        transition(assessment, Event.REVIEW, actor=actor, now=now)
    if assessment.reviewer_id is None:
        assessment.reviewer = actor


def reviews_of(assessment: Assessment) -> dict[str, AnswerReview]:
    return {review.question_id: review for review in db.session.scalars(
        select(AnswerReview).where(AnswerReview.assessment_id == assessment.id))}


def _review(assessment: Assessment, question_id: str, actor: User,
            now: datetime) -> AnswerReview:
    if question_id not in definition_of(assessment.standard_version).questions:
        raise NotFound(_("There is no such question."))
    review = db.session.scalar(select(AnswerReview).where(
        AnswerReview.assessment_id == assessment.id, AnswerReview.question_id == question_id))
    if review is None:
        review = AnswerReview(assessment=assessment, question_id=question_id)
        db.session.add(review)
    review.reviewed_by, review.reviewed_at = actor, now
    return review


def mark_answer(assessment: Assessment, question_id: str, *, mark: str, note: str,
                actor: User, now: datetime) -> AnswerReview:
    """Mark an answer accepted, needing information (a remark for the vendor when the
    questionnaire is returned) or a finding."""
    ensure_reviewing(assessment, actor, now)  # first: after sign-off, every change is 409
    try:
        chosen = AnswerMark(mark)
    except ValueError:
        raise ValidationError(_("Choose accepted, needs information or finding."),
                              field="mark") from None
    if chosen == AnswerMark.NEEDS_INFORMATION and not note.strip():
        raise ValidationError(_("Say what information is needed; the vendor will read it."),
                              field="note")
    review = _review(assessment, question_id, actor, now)
    review.mark, review.note = chosen, note.strip() or None
    db.session.flush()
    record("assessment.answer_marked", actor=actor, object_type="assessment",
           object_id=assessment.id, now=now,
           details={"question": question_id, "mark": chosen.value, "note": review.note})
    return review


def override_points(assessment: Assessment, question_id: str, *, points: int | None,
                    reason: str, actor: User, now: datetime) -> AnswerReview:
    """Set a question's points by hand (``points`` None: back to the computed points).
    The justification is mandatory; the computed points stay visible in the score. The
    points count in knockouts too: below the minimum the knockout fails, with this
    justification as its reason; at or above it a failure of the vendor's answer is
    lifted (docs/rules.md#selection-standard-and-scoring)."""
    ensure_reviewing(assessment, actor, now)
    if not reason.strip():
        raise ValidationError(_("Give the justification for the override."), field="reason")
    if points is not None and not 0 <= points <= MAX_POINTS:
        raise ValidationError(_("Points run from 0 to 3."), field="points")
    before = current_score(assessment, with_overrides=False).questions.get(question_id)
    if points is not None and (before is None or before.status == Status.HIDDEN
                               or not before.weight):
        raise ValidationError(_("This question does not count towards the score; there are "
                                "no points to override."), field="points")
    review = _review(assessment, question_id, actor, now)
    previous = review.override_points
    review.override_points = points
    review.override_reason = reason.strip()
    db.session.flush()
    result = rescore(assessment)
    record("assessment.points_overridden" if points is not None
           else "assessment.override_removed", actor=actor, object_type="assessment",
           object_id=assessment.id, now=now,
           details={"question": question_id, "points": points, "previous_override": previous,
                    "computed": before.points if before else None, "reason": reason.strip(),
                    "percent": round(result.percent, 2), "grade": result.grade.value,
                    "failed_knockouts": [f.question_id for f in result.failed_knockouts],
                    "lifted_knockouts": [f.question_id for f in result.lifted_knockouts]})
    return review
