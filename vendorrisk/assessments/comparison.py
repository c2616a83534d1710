"""What changed between two assessments of one vendor. Pure: no Flask, no database."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class AnswerChange:
    question_id: str
    before: Any  # None when the question was not answered (or not asked) before
    after: Any


@dataclass(frozen=True)
class Comparison:
    changes: tuple[AnswerChange, ...]
    percent_before: float | None
    percent_after: float | None

    @property
    def score_delta(self) -> float | None:
        if self.percent_before is None or self.percent_after is None:
            return None
        return self.percent_after - self.percent_before


def compare(before: Mapping[str, Any], after: Mapping[str, Any], *,
            percent_before: float | None, percent_after: float | None) -> Comparison:
    """Answers (question id → shown value) that differ, in question-id order."""
    changes = tuple(AnswerChange(qid, before.get(qid), after.get(qid))
                    for qid in sorted(set(before) | set(after))
                    if before.get(qid) != after.get(qid))
    return Comparison(changes, percent_before, percent_after)


class ShownAnswer(Protocol):
    question_id: str
    value: Any
    not_applicable: bool


def shown_answers(answers: Iterable[ShownAnswer]) -> dict[str, Any]:
    """Question id → the answer as a reader compares it (N/A spelled out)."""
    return {answer.question_id: "N/A" if answer.not_applicable else answer.value
            for answer in answers}
