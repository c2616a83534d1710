"""Scoring a set of answers against a selection standard
(docs/rules.md#selection-standard-and-scoring).

A pure function: per-question points with the rule that gave them, per-section and
total percentages, failed knockouts with their reasons, the grade and pass/fail
against the tier's pass mark. Nothing is rounded until display.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vendorrisk.standards.condition_parser import ConditionError
from vendorrisk.standards.conditions import evaluate
from vendorrisk.standards.definition import MAX_POINTS, Definition, Question, QuestionType
from vendorrisk.standards.knockouts import KnockoutFailure, Override, as_override, reviewed_knockout


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


def _result(question_id: str, status: Status, points: int | None, weight: int,
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


def _points(question: Question, value: Any) -> tuple[int | None, str]:
    """Points (0–3) for ``value``, and the rule; None when the value does not fit."""
    qtype = question.type
    if qtype is QuestionType.MATURITY:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_POINTS:
            return value, f"maturity {value}"
        return None, f"maturity must be 0–3, not {value!r}"
    if qtype == QuestionType.YES_NO:
        if value in ("yes", "no"):
            return (MAX_POINTS if value == "yes" else 0), f"answer {value}"
        return None, f"answer must be yes or no, not {value!r}"
    if qtype == QuestionType.SINGLE_CHOICE:
        choice = question.choice(value) if isinstance(value, str) else None
        if choice is None:
            return None, f"unknown choice {value!r}"
        return choice.score, f"choice {choice.id} scores {choice.score}"
    chosen = [question.choice(item) for item in value] if isinstance(value, list) else [None]
    if any(choice is None for choice in chosen):
        return None, f"unknown choice in {value!r}"
    total = sum(choice.score for choice in chosen)
    return min(total, MAX_POINTS), f"choices {', '.join(c.id for c in chosen) or 'none'} " \
                                   f"sum to {total}, counted up to 3"


def condition_answers(definition: Definition, answers: Mapping[str, Answer]) -> dict[str, Any]:
    """Answer values as conditions see them (N/A and unanswered are null)."""
    return {qid: answer.value for qid, answer in answers.items()
            if qid in definition.questions and not answer.not_applicable
            and answer.value not in (None, "", [])}


def hidden_questions(definition: Definition, values: Mapping[str, Any],
                     profile: Mapping[str, Any]) -> set[str]:
    """The questions whose display condition does not hold, given the answers' condition
    values (:func:`condition_answers`); hidden answers count as unanswered."""
    shown: dict[str, bool] = {}

    def is_shown(question: Question) -> bool:
        if question.id not in shown:
            if question.condition is None:
                shown[question.id] = True
            else:
                # The loader refused cycles, so this recursion ends.
                visible = {qid: values[qid] for qid in question.depends_on
                           if qid in values and is_shown(definition.questions[qid])}
                try:
                    shown[question.id] = evaluate(question.condition, visible, profile)
                except ConditionError:
                    shown[question.id] = True  # ask rather than silently skip
        return shown[question.id]

    return {question.id for question in definition.questions.values()
            if question.condition is not None and not is_shown(question)}


MATURITY_RULES = tuple(f"maturity {level}" for level in range(MAX_POINTS + 1))


def _score_question(question: Question, answer: Answer | None, shown: bool) -> QuestionScore:
    weight = question.weight
    # The common case first: a shown, scored maturity question with a valid level.
    if shown and weight and answer is not None and not answer.not_applicable \
            and question.type is QuestionType.MATURITY and type(answer.value) is int \
            and 0 <= answer.value <= MAX_POINTS:
        level = answer.value
        return QuestionScore(question.id, Status.SCORED, level, weight, MATURITY_RULES[level],
                             weight * level, weight * MAX_POINTS)
    if not shown:
        return _result(question.id, Status.HIDDEN, None, weight, "not shown")
    if answer is not None and answer.not_applicable:
        if not question.na_allowed:
            return _result(question.id, Status.INVALID, None, weight,
                                 "N/A is not allowed for this question: 0")
        if not answer.justification.strip():
            return _result(question.id, Status.INVALID, None, weight,
                                 "N/A without a justification: 0")
        return _result(question.id, Status.NOT_APPLICABLE, None, weight,
                             "not applicable: left out of the score")
    value = None if answer is None else answer.value
    if not question.scored:
        status = Status.UNSCORED if value not in (None, "", []) else Status.UNANSWERED
        return _result(question.id, status, None, 0, "not scored")
    if value is None or value in ("", []) and question.type != QuestionType.MULTI_CHOICE:
        return _result(question.id, Status.UNANSWERED, None, weight, "not answered: 0")
    points, rule = _points(question, value)
    if points is None:
        return _result(question.id, Status.INVALID, None, weight, f"{rule}: 0")
    return _result(question.id, Status.SCORED, points, weight, rule)


def _knockout_failure(definition: Definition, question: Question, result: QuestionScore,
                      profile: Mapping[str, Any], tier: str,
                      values: Mapping[str, Any]) -> KnockoutFailure | None:
    knockout = question.knockout
    minimum = definition.scoring.knockout_min
    if result.points is not None and result.points >= minimum:
        return None  # met, whether or not it applies: no need to evaluate its condition
    if knockout is None or result.status in {Status.HIDDEN, Status.NOT_APPLICABLE}:
        return None
    if knockout.kind == "tier1" and tier != "1":
        return None
    if knockout.kind == "when":
        try:
            if not evaluate(knockout.condition, values, profile):
                return None
        except ConditionError:
            pass  # treat an unevaluable knockout as applying: the stricter reading
    if result.points is None:
        return KnockoutFailure(question.id, f"knockout not answered (needs {minimum} of 3)",
                               None, minimum)
    return KnockoutFailure(question.id, f"knockout scored {result.points}, needs at least "
                                        f"{minimum}", result.points, minimum)


def _overridden(result: QuestionScore, points: int) -> QuestionScore:
    """A reviewer's points in place of the computed ones; the rule keeps the original.
    Hidden and unweighted questions are not scored: an override of one changes nothing."""
    if result.status == Status.HIDDEN or not result.weight:
        return result
    before = result.points if result.points is not None else result.status.value
    return QuestionScore(result.question_id, Status.SCORED, points, result.weight,
                         f"overridden by the reviewer: {points} (was {before})",
                         result.weight * points, result.weight * MAX_POINTS)


def score(definition: Definition, answers: Mapping[str, Answer],
          profile: Mapping[str, Any], tier: str,
          overrides: Mapping[str, int | Override] | None = None) -> ScoreResult:
    """Score ``answers`` for a vendor of ``tier`` with ``profile``; ``overrides`` are a
    reviewer's points (0–3) per question, with their justification: they count in the
    score and in knockouts (knockouts.py)."""
    values = condition_answers(definition, answers)
    hidden = hidden_questions(definition, values, profile)
    results: dict[str, QuestionScore] = {}
    failures, lifted, missing, invalid, sections = [], [], [], [], []
    for section in definition.sections:
        earned = possible = 0
        for question in section.questions:
            computed = _score_question(question, answers.get(question.id),
                                       question.id not in hidden)
            result, override = computed, None
            if overrides and question.id in overrides:
                override = as_override(overrides[question.id])
                result = _overridden(computed, override.points)
            results[question.id] = result
            earned += result.earned
            possible += result.possible
            if result.status == Status.UNANSWERED and question.required:
                missing.append(question.id)
            elif result.status == Status.INVALID:
                invalid.append(question.id)
            if question.knockout is not None:
                failure = _knockout_failure(definition, question, computed, profile, tier,
                                            values)
                if override is not None and result is not computed:
                    # The points that count decide, the reviewer's as the vendor's would.
                    failure, lift = reviewed_knockout(failure, _knockout_failure(
                        definition, question, result, profile, tier, values), override,
                        definition.scoring.knockout_min)
                    lifted += [lift] if lift else []
                if failure:
                    failures.append(failure)
        sections.append(SectionScore(section.id, earned, possible))
    sections = tuple(sections)
    earned = sum(section.earned for section in sections)
    possible = sum(section.possible for section in sections)
    percent = 100 * earned / possible if possible else 0.0
    pass_mark = definition.scoring.pass_marks.get(tier)
    grade = _grade(percent, bool(failures), definition.scoring.grade_a, pass_mark)
    return ScoreResult(
        questions=results, sections=sections, earned=earned, possible=possible,
        failed_knockouts=tuple(failures), missing=tuple(missing), invalid=tuple(invalid),
        grade=grade, pass_mark=pass_mark, passed=grade != Grade.C, tier=tier,
        rules={"grade_a": definition.scoring.grade_a, "pass_mark": pass_mark,
               "knockout_min": definition.scoring.knockout_min,
               "standard": f"{definition.slug} v{definition.version}"},
        lifted_knockouts=tuple(lifted),
    )


def _grade(percent: float, knocked_out: bool, grade_a: float, pass_mark: float | None) -> Grade:
    """A ≥ grade_a, B ≥ the tier's pass mark, both with every knockout met; else C."""
    if knocked_out:
        return Grade.C
    if percent >= grade_a:
        return Grade.A
    if pass_mark is not None and percent >= pass_mark:
        return Grade.B
    return Grade.C
