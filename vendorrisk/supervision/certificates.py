"""Certificates a vendor holds (PrivacyMark, ISO/IEC 27001), read from the validity dates
in its latest signed answers: the date questions a standard names in
``evidence.valid_until``. notices.py warns before one expires; triggers.py opens a
reassessment once one has lapsed (docs/rules.md#supervision-cadence-and-triggers)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from vendorrisk.assessments.answers import answered_date
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.assessments.workflow import State
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.definition import Question
from vendorrisk.standards.models import StandardVersion
from vendorrisk.standards.services import definition_of
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import SUPERVISED

BATCH = 500


@dataclass(frozen=True)
class Certificate:
    vendor_id: int
    question: Question  # the question the certificate's file backs (d5_privacymark)
    expires_on: date
    assessment_id: int  # the signed assessment that gave the date

    @property
    def question_id(self) -> str:
        return self.question.id


def validity_questions() -> dict[str, Question]:
    """Date question id → the question whose file it dates, across the stored standards
    (the newest version's wording wins)."""
    dated: dict[str, Question] = {}
    for version in db.session.scalars(select(StandardVersion).order_by(StandardVersion.id)):
        definition = definition_of(version)
        for qid, date_question in definition.dated_files().items():
            dated[date_question] = definition.questions[qid]
    return dated


def certificates() -> Iterator[Certificate]:
    """Each certificate date in the latest signed answers of the supervised vendors (a
    later signed assessment's date replaces an earlier one)."""
    dated = validity_questions()
    if not dated:
        return
    rows = db.session.execute(
        select(Assessment.vendor_id, Answer.question_id, Answer.value, Assessment.id)
        .join(Answer, Answer.assessment_id == Assessment.id)
        .join(Vendor, Vendor.id == Assessment.vendor_id)
        .where(Assessment.status == State.DECIDED, Answer.question_id.in_(dated),
               Vendor.status.in_(SUPERVISED))
        .order_by(Assessment.vendor_id, Assessment.decided_at, Assessment.id)
        .execution_options(yield_per=BATCH))
    current: dict[str, Certificate] = {}
    vendor_id = None
    for row_vendor, question_id, value, assessment_id in rows:
        if row_vendor != vendor_id:
            yield from current.values()
            current, vendor_id = {}, row_vendor
        expires_on = answered_date(value)
        if expires_on is None:  # answered blank: no longer held
            current.pop(dated[question_id].id, None)
        else:
            current[dated[question_id].id] = Certificate(row_vendor, dated[question_id],
                                                         expires_on, assessment_id)
    yield from current.values()
