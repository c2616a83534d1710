"""What the assessment page shows of scoring, review and sign-off (read only)."""

from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import get_locale

from vendorrisk.acceptance.rules import latest_expiry
from vendorrisk.assessments.carry import since_last
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.submission import current_score, overrides_of
from vendorrisk.assessments.workflow import EDITABLE, REVIEWABLE, Outcome, State
from vendorrisk.review.answer_words import AnswerLine, ScoreItem, answer_lines, question_choice
from vendorrisk.review.basis_labels import signed_basis
from vendorrisk.review.decision import approval_gaps, exception_subjects, recommend
from vendorrisk.review.exceptions import case_of, exceptions_of
from vendorrisk.review.finding_history import finding_history
from vendorrisk.review.findings import findings_of, remediation_open
from vendorrisk.review.knockout_text import failure_lines, lifted_lines
from vendorrisk.review.marks import reviews_of
from vendorrisk.review.record import signatures_of
from vendorrisk.review.signoff import (
    gap_sentence,
    second_signature_needed,
    snapshot_of,
)
from vendorrisk.standards.scoring import Answer, ScoreResult
from vendorrisk.standards.services import definition_of


def lines_of(assessment: Assessment, result: ScoreResult) -> dict[str, AnswerLine]:
    """Each answer, its rule and the warnings that hold, in the reader's language."""
    answers = {answer.question_id: Answer(
        value=answer.value, not_applicable=answer.not_applicable,
        justification=answer.justification or "") for answer in assessment.answers}
    scores = {qid: ScoreItem(item.status.value, item.points, item.weight)
              for qid, item in result.questions.items()}
    overridden = set() if assessment.status in EDITABLE else set(overrides_of(assessment))
    return answer_lines(definition_of(assessment.standard_version), answers, scores,
                        overridden, assessment.profile, assessment.tier, str(get_locale()))


def review_context(assessment: Assessment, now: datetime) -> dict[str, Any]:
    result = current_score(assessment)
    context: dict[str, Any] = {"result": result, "reviews": {}, "findings": [],
                               "since_last": since_last(assessment),
                               "exceptions": [], "signatures": [], "snapshot": None,
                               "knockout_failures": failure_lines(result.failed_knockouts),
                               "knockouts_lifted": lifted_lines(result.lifted_knockouts),
                               "recommendation": recommend(assessment.tier, result.grade.value),
                               "lines": lines_of(assessment, result)}
    if assessment.status in EDITABLE or assessment.status == State.DRAFT:
        return context
    today = now.date()
    case = case_of(assessment, result, today)
    longest = int(current_app.config["EXCEPTION_MAX_DAYS"])
    context.update(
        reviews=reviews_of(assessment), findings=findings_of(assessment),
        exceptions=exceptions_of(assessment), signatures=signatures_of(assessment),
        snapshot=snapshot_of(assessment), today=today,
        approval_basis=signed_basis(snapshot_of(assessment)),
        reviewing=assessment.status in REVIEWABLE,
        remediation_open=remediation_open(assessment),
        exception_subjects=exception_subjects(case),
        exception_max_days=longest, exception_latest=latest_expiry(today, longest).isoformat(),
        gaps={outcome.value: [gap_sentence(gap, assessment)
                              for gap in approval_gaps(outcome, case)]
              for outcome in Outcome},
        second_signature=second_signature_needed(assessment) if assessment.decision else [],
        finding_history=finding_history,
        question_choice=lambda question_id: question_choice(
            definition_of(assessment.standard_version), question_id, str(get_locale())),
    )
    return context
