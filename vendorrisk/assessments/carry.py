"""Carried-over answers: a periodic or triggered reassessment starts from the vendor's
answers to its last signed assessment of the same standard (any version of it), each
marked "carried over" until the vendor confirms or changes it. A file whose validity date
(``evidence.valid_until``) has passed stays behind and is asked for again.

``what_carries`` decides, without Flask or a database; ``carry_over`` copies the rows.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import select

from vendorrisk.assessments.answers import answered_date
from vendorrisk.assessments.comparison import compare, shown_answers
from vendorrisk.assessments.models import Answer, Assessment, AssessmentKind, EvidenceFile
from vendorrisk.assessments.workflow import State
from vendorrisk.audit.services import record
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.definition import Definition, Question, QuestionType
from vendorrisk.standards.models import StandardVersion
from vendorrisk.standards.services import definition_of

CARRIED_KINDS = frozenset({AssessmentKind.PERIODIC, AssessmentKind.TRIGGERED})


class StoredAnswer(Protocol):
    value: Any
    not_applicable: bool


@dataclass(frozen=True)
class CarryPlan:
    question_ids: tuple[str, ...]  # the answers to copy
    lapsed: dict[str, date] = field(default_factory=dict)  # question → its file's expiry


def lapsed_files(definition: Definition, answers: Mapping[str, StoredAnswer], today: date
                 ) -> dict[str, date]:
    """Question id → the date its file stopped being valid, for files valid before today
    only (an unanswered validity date says nothing: the reviewer judges the file)."""
    lapsed = {}
    for qid, dated_by in definition.dated_files().items():
        answer = answers.get(dated_by)
        until = answered_date(answer.value) if answer is not None else None
        if until is not None and until < today:
            lapsed[qid] = until
    return lapsed


def _still_fits(before: Question, after: Question, answer: StoredAnswer) -> bool:
    """An answer carries into ``after`` only if it still means the same there."""
    if before.type != after.type:
        return False
    if answer.not_applicable:
        return after.na_allowed
    if after.type in {QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE}:
        chosen = answer.value if isinstance(answer.value, list) else [answer.value]
        return all(after.choice(choice) is not None for choice in chosen if choice)
    return True


def what_carries(before: Definition, after: Definition, answers: Mapping[str, StoredAnswer],
                 today: date) -> CarryPlan:
    """Which of ``answers`` (given under ``before``) start a questionnaire of ``after``:
    those to a question of the same id and type that still accepts them, less the expiry
    dates that have passed and file questions whose file has lapsed."""
    lapsed = lapsed_files(after, answers, today)
    dated_by = after.dated_files()
    expired_dates = {dated_by[qid] for qid in lapsed}
    carried = []
    for qid, question in after.questions.items():
        answer, old = answers.get(qid), before.questions.get(qid)
        if answer is None or old is None or qid in expired_dates:
            continue
        if question.type == QuestionType.FILE and qid in lapsed:
            continue
        if _still_fits(old, question, answer):
            carried.append(qid)
    return CarryPlan(tuple(carried), lapsed)


def source_for(assessment: Assessment) -> Assessment | None:
    """The vendor's last signed (decided) assessment of the same standard, any version."""
    return db.session.scalar(
        select(Assessment).join(StandardVersion, Assessment.standard_version_id
                                == StandardVersion.id)
        .where(Assessment.vendor_id == assessment.vendor_id,
               Assessment.status == State.DECIDED, Assessment.id != assessment.id,
               StandardVersion.slug == assessment.standard_version.slug)
        .order_by(Assessment.decided_at.desc(), Assessment.id.desc()).limit(1))


def carry_over(assessment: Assessment, *, now: datetime) -> CarryPlan | None:
    """Fill a new reassessment from its source; None when there is nothing to carry."""
    if assessment.kind not in CARRIED_KINDS:
        return None
    source = source_for(assessment)
    if source is None:
        return None
    after = definition_of(assessment.standard_version)
    old_answers = {answer.question_id: answer for answer in source.answers}
    plan = what_carries(definition_of(source.standard_version), after, old_answers,
                        now.date())
    for qid in plan.question_ids:
        old = old_answers[qid]
        assessment.answers.append(Answer(
            question_id=qid, value=old.value, not_applicable=old.not_applicable,
            justification=old.justification, comment=old.comment, version=1,
            updated_at=now, carried_over=True))
    files = [file for file in source.evidence
             if file.removed_at is None and not file.for_finding
             and file.question_id in after.questions and file.question_id not in plan.lapsed]
    for file in files:
        assessment.evidence.append(EvidenceFile(
            question_id=file.question_id, sha256=file.sha256, filename=file.filename,
            content_type=file.content_type, size=file.size, uploaded_at=file.uploaded_at,
            carried_over=True))
    if not plan.question_ids and not files:
        return None  # nothing to confirm: a questionnaire like any other
    assessment.carried_from_id = source.id
    db.session.flush()
    record("assessment.carried_over", actor=None, object_type="assessment",
           object_id=assessment.id, now=now,
           details={"from": source.id, "answers": len(plan.question_ids), "files": len(files),
                    "lapsed": {qid: day.isoformat() for qid, day in plan.lapsed.items()}})
    return plan


def pending_confirmation(assessment: Assessment, shown: set[str]) -> list[str]:
    """Shown questions whose carried-over answer the vendor has not confirmed or changed."""
    return sorted(answer.question_id for answer in assessment.answers
                  if answer.carried_over and answer.question_id in shown)


def lapsed_for(assessment: Assessment) -> dict[str, date]:
    """The files of the source that were left behind because they had lapsed."""
    source = assessment.carried_from
    if source is None:
        return {}
    return lapsed_files(definition_of(assessment.standard_version),
                        {answer.question_id: answer for answer in source.answers},
                        assessment.created_at.date())


@dataclass(frozen=True)
class SinceLast:
    """What a reviewer sees of a carried-over reassessment: each answer changed since the
    source (with its earlier value) and those confirmed unchanged."""

    source: Assessment
    changed: dict[str, Any]
    unchanged: frozenset[str]


def since_last(assessment: Assessment) -> SinceLast | None:
    source = assessment.carried_from
    if source is None:
        return None
    # A pending carried-over answer equals its source, so it is never "changed".
    comparison = compare(shown_answers(source.answers), shown_answers(assessment.answers),
                         percent_before=source.score_percent,
                         percent_after=assessment.score_percent)
    changed = {change.question_id: change.before for change in comparison.changes}
    unchanged = frozenset(answer.question_id for answer in assessment.answers
                          if answer.question_id not in changed and not answer.carried_over)
    return SinceLast(source, changed, unchanged)
