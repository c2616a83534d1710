"""What the assessment page shows of scoring, review and sign-off (read only)."""

from datetime import datetime
from typing import Any

from vendorrisk.assessments.carry import since_last
from vendorrisk.assessments.decision import (
    Outcome,
    approval_gaps,
    exception_subjects,
    recommend,
)
from vendorrisk.assessments.exceptions import case_of, exceptions_of
from vendorrisk.assessments.findings import findings_of, remediation_open
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.record import signatures_of
from vendorrisk.assessments.review import reviews_of
from vendorrisk.assessments.signoff import (
    gap_sentence,
    second_signature_needed,
    snapshot_of,
)
from vendorrisk.assessments.submission import current_score
from vendorrisk.assessments.workflow import EDITABLE, REVIEWABLE, State


def review_context(assessment: Assessment, now: datetime) -> dict[str, Any]:
    result = current_score(assessment)
    context: dict[str, Any] = {"result": result, "reviews": {}, "findings": [],
                               "since_last": since_last(assessment),
                               "exceptions": [], "signatures": [], "snapshot": None,
                               "recommendation": recommend(assessment.tier, result.grade.value)}
    if assessment.status in EDITABLE or assessment.status == State.DRAFT:
        return context
    today = now.date()
    case = case_of(assessment, result, today)
    context.update(
        reviews=reviews_of(assessment), findings=findings_of(assessment),
        exceptions=exceptions_of(assessment), signatures=signatures_of(assessment),
        snapshot=snapshot_of(assessment), today=today,
        reviewing=assessment.status in REVIEWABLE,
        remediation_open=remediation_open(assessment),
        exception_subjects=exception_subjects(case),
        gaps={outcome.value: [gap_sentence(gap) for gap in approval_gaps(outcome, case)]
              for outcome in Outcome},
        second_signature=second_signature_needed(assessment) if assessment.decision else [],
    )
    return context
