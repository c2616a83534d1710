"""A selection standard as immutable data: sections, questions, the scoring policy.

Built from a file's parsed YAML (by the loader, which adds line numbers to errors) or
from a stored JSON snapshot; both go through :func:`build_definition`.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vendorrisk.standards.condition_parser import Node


class QuestionType(StrEnum):
    YES_NO = "yes_no"
    MATURITY = "maturity"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    FILE = "file"


class Use(StrEnum):
    SELECTION = "selection"
    PERIODIC = "periodic"
    HANDLING_STATUS_REPORT = "handling_status_report"
    CONFIRMATION = "confirmation"


SCORED_TYPES = frozenset({QuestionType.YES_NO, QuestionType.MATURITY,
                          QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE})
TIERS = ("1", "2", "3", "out_of_scope")
MAX_POINTS = 3
# What an answer looks like inside a condition.
ANSWER_TYPES = {
    QuestionType.YES_NO: "string", QuestionType.MATURITY: "number",
    QuestionType.SINGLE_CHOICE: "string", QuestionType.MULTI_CHOICE: "list",
    QuestionType.TEXT: "string", QuestionType.NUMBER: "number",
    QuestionType.DATE: "string", QuestionType.FILE: "any",
}


@dataclass(frozen=True)
class Text:
    """The same words in both interface languages."""

    en: str
    ja: str

    def get(self, locale: str) -> str:
        return self.ja if locale == "ja" else self.en


@dataclass(frozen=True)
class Choice:
    id: str
    label: Text
    score: int


@dataclass(frozen=True)
class Knockout:
    """When the question is a knockout: ``always``, ``tier1`` or ``when`` a condition holds."""

    kind: str
    condition_text: str | None = None
    condition: Node | None = None


# A warning's severity → the weight of the question it is on (critical also knocks out).
SEVERITY_WEIGHT = {"critical": 3, "high": 3, "medium": 2, "low": 1}


@dataclass(frozen=True)
class Warning:
    """A risk the answers can show (VSAQ's ``tip`` with ``warn``): when ``condition``
    holds over the shown answers and the profile, the question it is on scores 0.
    ``advice`` is shown to the reviewer beside the answer; ``why`` asks the vendor for a
    justification whenever the warning applies."""

    id: str
    condition_text: str
    condition: Node | None
    severity: str
    name: Text
    advice: Text | None = None
    why: Text | None = None
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    required: bool
    what: Text | None = None
    # The date question (same file) that says until when the file is valid: a
    # certificate's expiry. A reassessment does not carry over a file past that date.
    valid_until: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    section_id: str
    type: QuestionType
    text: Text
    help: Text | None = None
    weight: int = 0
    knockout: Knockout | None = None
    condition_text: str | None = None
    condition: Node | None = None
    required: bool = True
    na_allowed: bool = False
    evidence: Evidence | None = None
    choices: tuple[Choice, ...] = ()
    refs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    prefill: str | None = None
    # The answers the display condition reads (filled in by the loader).
    depends_on: tuple[str, ...] = ()
    # A heading shown before this question: it starts a subsection of its section.
    subsection: Text | None = None
    warnings: tuple[Warning, ...] = ()
    # The criteria of the default standard (consignee-selection: a section id such as
    # "d3", or one of its question ids) that this question evidences.
    criteria: tuple[str, ...] = ()

    @property
    def scored(self) -> bool:
        return self.weight > 0

    def choice(self, choice_id: str) -> Choice | None:
        return next((choice for choice in self.choices if choice.id == choice_id), None)


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    questions: tuple[Question, ...]
    description: Text | None = None


@dataclass(frozen=True)
class ScoringPolicy:
    pass_marks: dict[str, float]
    grade_a: float
    knockout_min: int


@dataclass(frozen=True)
class Definition:
    slug: str
    version: int
    title: Text
    use: Use
    tiers: tuple[str, ...]
    scoring: ScoringPolicy
    sections: tuple[Section, ...]
    description: Text | None = None
    references: tuple[str, ...] = ()
    # "en" or "ja" when the standard is declared single-language: every text is in that
    # language only, and respondents of the other language see it with a one-line note.
    language: str | None = None
    questions: dict[str, Question] = field(default_factory=dict, compare=False)
    # Worked out once: scored question id → the scored answers its display condition
    # reads (its scored gateways), and the multi-choice questions with warnings (whose
    # empty list is an answer).
    gateways: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False,
                                                 init=False, repr=False)
    warned_lists: tuple[str, ...] = field(default=(), compare=False, init=False, repr=False)
    # Some warning or knockout condition reads answers (they read the shown ones only).
    reads_answers: bool = field(default=False, compare=False, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.questions:
            object.__setattr__(self, "questions", {
                question.id: question for section in self.sections
                for question in section.questions})
        questions = self.questions
        object.__setattr__(self, "gateways", {
            question.id: gates for question in questions.values() if question.scored
            and (gates := tuple(qid for qid in question.depends_on
                                if qid in questions and questions[qid].scored))})
        object.__setattr__(self, "warned_lists", tuple(
            question.id for question in questions.values()
            if question.warnings and question.type == QuestionType.MULTI_CHOICE))
        object.__setattr__(self, "reads_answers", any(
            question.warnings or question.knockout is not None
            and question.knockout.condition_text is not None
            and "answers." in question.knockout.condition_text
            for question in questions.values()))

    def answer_types(self) -> dict[str, str]:
        return {qid: ANSWER_TYPES[question.type] for qid, question in self.questions.items()}

    def dated_files(self) -> dict[str, str]:
        """Question id → the date question that says until when its file is valid
        (``evidence.valid_until``)."""
        return {qid: question.evidence.valid_until for qid, question in self.questions.items()
                if question.evidence and question.evidence.valid_until}


def text_of(value: Any) -> Text | None:
    """A Text from ``{"en": ..., "ja": ...}`` (the loader has checked both are there)."""
    return Text(en=value["en"], ja=value["ja"]) if isinstance(value, dict) else None
