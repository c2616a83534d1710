"""Assessments and findings as table rows for CSV and XLSX, for analysis outside the
product: one row per answer (with its points), one row per finding. Codes rather than
labels, so a spreadsheet filters on them in any language; read in batches, so an export
of every assessment ever made streams in constant memory."""

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.submission import current_score
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Finding
from vendorrisk.standards.services import definition_of

BATCH = 100

ANSWER_COLUMNS = [
    "assessment_id", "vendor_id", "vendor", "kind", "standard", "standard_version", "status",
    "tier", "submitted_at", "decision", "section_id", "question_id", "question", "type",
    "answer", "not_applicable", "justification", "comment", "carried_over", "score_status",
    "points", "weight", "earned", "possible",
]

FINDING_COLUMNS = [
    "finding_id", "assessment_id", "vendor_id", "vendor", "question_id", "severity", "status",
    "description", "remediation", "owner", "due_on", "overdue", "plan", "planned_on",
    "completion_note", "shared_with_vendor_at", "created_by", "created_at", "updated_at",
]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value)
    return str(value)


def _batches(statement) -> Iterator[Any]:  # noqa: ANN001
    """The rows of ``statement`` (ordered by id) BATCH at a time, keyset-paged."""
    last = 0
    entity = statement.column_descriptions[0]["entity"]
    while True:
        rows = db.session.scalars(statement.where(entity.id > last).order_by(entity.id)
                                  .limit(BATCH)).unique().all()
        yield from rows
        if len(rows) < BATCH:
            return
        last = rows[-1].id


def answer_rows(*, vendor_id: int | None = None) -> Iterator[list[object]]:
    statement = select(Assessment).options(
        joinedload(Assessment.vendor), joinedload(Assessment.standard_version),
        selectinload(Assessment.answers))
    if vendor_id is not None:
        statement = statement.where(Assessment.vendor_id == vendor_id)
    for assessment in _batches(statement):
        definition = definition_of(assessment.standard_version)
        scores = current_score(assessment).questions
        stored = {answer.question_id: answer for answer in assessment.answers}
        head = [assessment.id, assessment.vendor_id, assessment.vendor.legal_name,
                assessment.kind.value, definition.slug, definition.version,
                assessment.status.value, assessment.tier, _text(assessment.submitted_at),
                _text(assessment.decision and assessment.decision.value)]
        for section in definition.sections:
            for question in section.questions:
                answer = stored.get(question.id)
                if answer is None:
                    continue
                result = scores.get(question.id)
                yield [*head, section.id, question.id, question.text.get("en"),
                       question.type.value, _text(answer.value), _text(answer.not_applicable),
                       answer.justification or "", answer.comment or "",
                       _text(answer.carried_over),
                       result.status.value if result else "",
                       _text(result.points if result else None),
                       result.weight if result else "", result.earned if result else "",
                       result.possible if result else ""]


def finding_rows(today: date) -> Iterator[list[object]]:
    statement = select(Finding).options(joinedload(Finding.vendor), joinedload(Finding.owner),
                                        joinedload(Finding.created_by))
    for finding in _batches(statement):
        yield [finding.id, finding.assessment_id, finding.vendor_id, finding.vendor.legal_name,
               finding.question_id or "", finding.severity.value, finding.status.value,
               finding.description, finding.remediation,
               finding.owner.email if finding.owner else "", _text(finding.due_on),
               _text(finding.overdue(today)),
               finding.plan or "", _text(finding.planned_on), finding.completion_note or "",
               _text(finding.shared_at), finding.created_by.email, _text(finding.created_at),
               _text(finding.updated_at)]
