"""What scoring returns (scoring.py computes it): each question's points with the rule
that gave them, section and total sums, failed knockouts, the grade."""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vendorrisk.standards.definition import MAX_POINTS
from vendorrisk.standards.knockouts import KnockoutFailure


class Status(StrEnum):
    SCORED = "scored"
    NOT_APPLICABLE = "not_applicable"
    UNANSWERED = "unanswered"
    INVALID = "invalid"
    UNSCORED = "unscored"
    HIDDEN = "hidden"


class Grade(StrEnum):
    A = "A"
    B = "B"
    C = "C"


@dataclass(frozen=True)
class Answer:
    """One answer: its value, or N/A with the vendor's justification."""

    value: Any = None
    not_applicable: bool = False
    justification: str = ""


COUNTED = frozenset({Status.SCORED, Status.UNANSWERED, Status.INVALID})


@dataclass(frozen=True, slots=True)
class QuestionScore:
    """One question's part of the score; ``rule`` says how the points were reached."""

    question_id: str
    status: Status
    points: int | None
    weight: int
    rule: str
    earned: int = 0  # weight × points, when the question counts
    possible: int = 0  # weight × 3, when the question counts


def result(question_id: str, status: Status, points: int | None, weight: int,
           rule: str) -> QuestionScore:
    # Counted: shown, scored and not N/A (unanswered and invalid answers count as 0).
    if weight and status in COUNTED:
        return QuestionScore(question_id, status, points, weight, rule,
                             weight * (points or 0), weight * MAX_POINTS)
    return QuestionScore(question_id, status, points, weight, rule)


@dataclass(frozen=True)
class SectionScore:
    section_id: str
    earned: int
    possible: int

    @property
    def percent(self) -> float | None:
        return 100 * self.earned / self.possible if self.possible else None


@dataclass(frozen=True)
class ScoreResult:
    questions: dict[str, QuestionScore]
    sections: tuple[SectionScore, ...]
    earned: int
    possible: int
    failed_knockouts: tuple[KnockoutFailure, ...]
    missing: tuple[str, ...]  # required, shown, unanswered
    invalid: tuple[str, ...]  # answers the question cannot take
    grade: Grade
    pass_mark: float | None
    passed: bool
    tier: str
    rules: dict[str, Any] = field(default_factory=dict)
    # Failed by the vendor's answer, lifted by a reviewer's override (with the reason).
    lifted_knockouts: tuple[KnockoutFailure, ...] = ()

    @property
    def percent(self) -> float:
        return 100 * self.earned / self.possible if self.possible else 0.0

    @property
    def below_pass_mark(self) -> bool:
        """The total is under the tier's pass mark (knockouts aside)."""
        return self.pass_mark is not None and self.percent < self.pass_mark

    @property
    def complete(self) -> bool:
        return not self.missing and not self.invalid
