"""What the portal shows of a questionnaire: sections, questions, answers, progress."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vendorrisk.assessments.carry import lapsed_for, pending_confirmation
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.assessments.submission import current_score
from vendorrisk.standards.definition import Definition, Question, Section
from vendorrisk.standards.scoring import ScoreResult, Status
from vendorrisk.standards.services import definition_of


def section_of(definition: Definition, section_id: str | None) -> Section:
    """The section with this id, or the first."""
    return next((s for s in definition.sections if s.id == section_id), definition.sections[0])


@dataclass(frozen=True)
class QuestionView:
    question: Question
    answer: Answer | None
    shown: bool
    remarks: tuple[str, ...]  # the reviewer's, from the latest return
    lapsed_on: date | None = None  # last time's file expired then and was left behind

    @property
    def carried(self) -> bool:
        """Carried over from the last assessment and not yet confirmed or changed."""
        return bool(self.answer and self.answer.carried_over)

    @property
    def value(self) -> Any:
        return self.answer.value if self.answer else None


@dataclass(frozen=True)
class Questionnaire:
    """A questionnaire as one respondent sees it now."""

    assessment: Assessment
    definition: Definition
    result: ScoreResult
    answers: dict[str, Answer]
    lapsed: dict[str, date] = field(default_factory=dict)

    @classmethod
    def of(cls, assessment: Assessment) -> "Questionnaire":
        return cls(assessment, definition_of(assessment.standard_version),
                   current_score(assessment),
                   {answer.question_id: answer for answer in assessment.answers},
                   lapsed_for(assessment))

    @property
    def pending(self) -> list[str]:
        """Shown carried-over answers still to be confirmed or changed."""
        return pending_confirmation(self.assessment, set(self.shown_ids))

    @property
    def shown_ids(self) -> list[str]:
        """The questions whose display condition holds now."""
        return [qid for qid, item in self.result.questions.items()
                if item.status != Status.HIDDEN]

    @property
    def required_total(self) -> int:
        return sum(1 for qid, item in self.result.questions.items()
                   if item.status != Status.HIDDEN and self.definition.questions[qid].required)

    @property
    def required_answered(self) -> int:
        return self.required_total - len(self.result.missing)

    @property
    def percent_done(self) -> int:
        total = self.required_total
        return 100 if not total else round(100 * self.required_answered / total)

    def section(self, section_id: str | None) -> Section:
        return section_of(self.definition, section_id)

    def latest_remarks(self) -> dict[str, list[str]]:
        comments = self.assessment.review_comments
        latest = max((comment.round for comment in comments), default=0)
        remarks: dict[str, list[str]] = {}
        for comment in comments:
            if comment.round == latest:
                remarks.setdefault(comment.question_id, []).append(comment.text)
        return remarks

    def views(self, section: Section) -> list[QuestionView]:
        remarks = self.latest_remarks()
        return [QuestionView(question, self.answers.get(question.id),
                             self.result.questions[question.id].status != Status.HIDDEN,
                             tuple(remarks.get(question.id, ())),
                             self.lapsed.get(question.id))
                for question in section.questions]

    def section_missing(self, section: Section) -> int:
        ids = {question.id for question in section.questions}
        return sum(1 for qid in self.result.missing if qid in ids)

    def section_pending(self, section: Section) -> int:
        ids = {question.id for question in section.questions}
        return sum(1 for qid in self.pending if qid in ids)
