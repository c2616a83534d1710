"""What the portal shows of a questionnaire: sections, questions, answers, progress."""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from vendorrisk.assessments.carry import lapsed_for, pending_confirmation
from vendorrisk.assessments.evidence import (
    EvidenceNeed,
    current_files,
    evidence_need,
    wanting_evidence,
)
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.assessments.submission import current_score, scoring_answers
from vendorrisk.assessments.why_boxes import blocking_missing, why_asked
from vendorrisk.standards.definition import (
    Definition,
    Question,
    QuestionType,
    Section,
    Warning,
)
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
    why: tuple[Warning, ...] = ()  # its warnings that hold now and ask the vendor why
    need: EvidenceNeed | None = None  # which answers need a file
    file_missing: bool = False  # its answer needs a file now, and it has none

    @property
    def carried(self) -> bool:
        """Carried over (from the last assessment, or from an answers file the vendor
        uploaded) and not yet confirmed or changed."""
        return bool(self.answer and self.answer.carried_over)

    @property
    def from_file(self) -> bool:
        """Filled in from an answers file the vendor uploaded (a respondent wrote it;
        answers carried from the last assessment have no author)."""
        return self.carried and self.answer.updated_by_id is not None

    @property
    def why_warnings(self) -> tuple[Warning, ...]:
        """The question's warnings that may ask why (shown or hidden as answers change)."""
        return tuple(warning for warning in self.question.warnings if warning.why)

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

    @cached_property
    def scoring(self) -> dict:
        """The stored answers as the scoring reads them (built once per view)."""
        return scoring_answers(self.assessment)

    @cached_property
    def why(self) -> dict[str, tuple[Warning, ...]]:
        """Shown, answered questions whose warnings hold and ask the vendor why."""
        hidden = {qid for qid, item in self.result.questions.items()
                  if item.status == Status.HIDDEN}
        return why_asked(self.definition, self.scoring, self.assessment.profile, hidden)

    @property
    def to_explain(self) -> list[str]:
        """The why boxes still without an explanation (they stop the submission)."""
        return [qid for qid in self.why if not (self.answers[qid].justification or "").strip()]

    @cached_property
    def missing(self) -> list[str]:
        """Required questions still unanswered (a choice list saved empty is an answer)."""
        return blocking_missing(self.definition, self.result.missing, self.scoring)

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
        return self.required_total - len(self.missing)

    @cached_property
    def files_wanted(self) -> list[str]:
        """Shown questions whose answer now needs an evidence file (a file question's file
        is its answer, counted with the answers)."""
        return [qid for qid in wanting_evidence(self.definition, self.result)
                if self.definition.questions[qid].type != QuestionType.FILE]

    @cached_property
    def files_missing(self) -> list[str]:
        """Those of them without a file (the submission stops on each); the files are read
        only when some answer wants one."""
        if not self.files_wanted:
            return []
        files = current_files(self.assessment)
        return [qid for qid in self.files_wanted if not files.get(qid)]

    @property
    def percent_done(self) -> int:
        """Required answers given and evidence files attached, of all that are needed."""
        total = self.required_total + len(self.files_wanted)
        done = self.required_answered + len(self.files_wanted) - len(self.files_missing)
        return 100 if not total else round(100 * done / total)

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
                             self.lapsed.get(question.id), self.why.get(question.id, ()),
                             evidence_need(question), question.id in self.files_missing)
                for question in section.questions]

    def section_missing(self, section: Section) -> int:
        ids = {question.id for question in section.questions}
        return sum(1 for qid in self.missing if qid in ids)

    def section_files_missing(self, section: Section) -> int:
        return sum(1 for qid in self.files_missing
                   if self.definition.questions[qid].section_id == section.id)

    def section_counts(self) -> dict[str, dict[str, int]]:
        """Section id → its answers and files still missing (for the autosave's answer)."""
        counts = {section.id: {"answers": 0, "files": 0} for section in self.definition.sections}
        for qid in self.missing:
            counts[self.definition.questions[qid].section_id]["answers"] += 1
        for qid in self.files_missing:
            counts[self.definition.questions[qid].section_id]["files"] += 1
        return counts

    def section_pending(self, section: Section) -> int:
        ids = {question.id for question in section.questions}
        return sum(1 for qid in self.pending if qid in ids)
