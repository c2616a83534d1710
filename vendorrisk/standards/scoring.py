"""Scoring a set of answers against a selection standard
(docs/rules.md#selection-standard-and-scoring).

A pure function: per-question points with the rule that gave them, per-section and
total percentages, failed knockouts with their reasons, the grade and pass/fail
against the tier's pass mark. Nothing is rounded until display. Warnings
(risk_warnings.py) and scored gateways (gateways.py) have their own modules.
"""

from collections import ChainMap
from collections.abc import Mapping
from typing import Any

from vendorrisk.standards.condition_parser import ConditionError
from vendorrisk.standards.conditions import evaluate
from vendorrisk.standards.definition import (
    MAX_POINTS,
    SCORED_TYPES,
    Definition,
    Question,
    QuestionType,
)
from vendorrisk.standards.gateways import hidden_by_gateways
from vendorrisk.standards.knockouts import KnockoutFailure, Override, as_override, reviewed_knockout
from vendorrisk.standards.results import (
    COUNTED,
    Answer,
    Grade,
    QuestionScore,
    ScoreResult,
    SectionScore,
    Status,
    result,
)
from vendorrisk.standards.risk_warnings import holding, shown_answers
from vendorrisk.standards.visibility import condition_answers, hidden_questions

__all__ = ["COUNTED", "Answer", "Grade", "KnockoutFailure", "Override", "QuestionScore",
           "ScoreResult", "SectionScore", "Status", "condition_answers", "hidden_questions",
           "score"]


def answer_points(question: Question, value: Any) -> tuple[int | None, str]:
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




MATURITY_RULES = tuple(f"maturity {level}" for level in range(MAX_POINTS + 1))


def _score_question(question: Question, answer: Answer | None, shown: bool,
                    context: tuple[Mapping[str, Any], Mapping[str, Any]]) -> QuestionScore:
    """``context``: the shown answers' condition values and the profile (for warnings)."""
    weight = question.weight
    # The common case first: a shown, scored maturity question with a valid level.
    if shown and weight and answer is not None and not answer.not_applicable \
            and question.type is QuestionType.MATURITY and type(answer.value) is int \
            and 0 <= answer.value <= MAX_POINTS and not question.warnings:
        level = answer.value
        return QuestionScore(question.id, Status.SCORED, level, weight, MATURITY_RULES[level],
                             weight * level, weight * MAX_POINTS)
    if not shown:
        return result(question.id, Status.HIDDEN, None, weight, "not shown")
    if answer is not None and answer.not_applicable:
        if not question.na_allowed:
            return result(question.id, Status.INVALID, None, weight,
                          "N/A is not allowed for this question: 0")
        if not answer.justification.strip():
            return result(question.id, Status.INVALID, None, weight,
                          "N/A without a justification: 0")
        return result(question.id, Status.NOT_APPLICABLE, None, weight,
                      "not applicable: left out of the score")
    value = None if answer is None else answer.value
    if not question.scored:
        status = Status.UNSCORED if value not in (None, "", []) else Status.UNANSWERED
        return result(question.id, status, None, 0, "not scored")
    if value is None or value in ("", []) and question.type != QuestionType.MULTI_CHOICE:
        return result(question.id, Status.UNANSWERED, None, weight, "not answered: 0")
    if question.warnings:
        return _by_warnings(question, value, *context)
    points, rule = answer_points(question, value)
    if points is None:
        return result(question.id, Status.INVALID, None, weight, f"{rule}: 0")
    return result(question.id, Status.SCORED, points, weight, rule)


def _by_warnings(question: Question, value: Any, shown: Mapping[str, Any],
                 profile: Mapping[str, Any]) -> QuestionScore:
    """An answered, shown question with warnings: 3 unless one of them holds, then 0
    (an answer its type cannot take is invalid, as without warnings)."""
    if question.type in SCORED_TYPES:
        points, rule = answer_points(question, value)
        if points is None:
            return result(question.id, Status.INVALID, None, question.weight, f"{rule}: 0")
    found = holding(question, shown, profile)
    if not found:
        return result(question.id, Status.SCORED, MAX_POINTS, question.weight,
                      "no warning applies: 3")
    names = ", ".join(f"“{warning.name.en}”" for warning in found)
    return result(question.id, Status.SCORED, 0, question.weight,
                  f"warning {names} applies: 0")


def _knockout_failure(definition: Definition, question: Question, scored: QuestionScore,
                      profile: Mapping[str, Any], tier: str,
                      values: Mapping[str, Any]) -> KnockoutFailure | None:
    """``values``: the shown answers' condition values (a knockout's condition reads
    the shown answers, as a warning's does)."""
    knockout = question.knockout
    minimum = definition.scoring.knockout_min
    if scored.points is not None and scored.points >= minimum:
        return None  # met, whether or not it applies: no need to evaluate its condition
    if knockout is None or scored.status == Status.NOT_APPLICABLE:
        return None
    if scored.status == Status.HIDDEN and not scored.possible:
        return None  # hidden and out of the score
    if knockout.kind == "tier1" and tier != "1":
        return None
    if knockout.kind == "when":
        try:
            if not evaluate(knockout.condition, values, profile):
                return None
        except ConditionError:
            pass  # treat an unevaluable knockout as applying: the stricter reading
    if scored.points is None:
        return KnockoutFailure(question.id, f"knockout not answered (needs {minimum} of 3)",
                               None, minimum)
    if scored.status == Status.HIDDEN:
        return KnockoutFailure(question.id, f"knockout {scored.rule}, needs at least "
                                            f"{minimum}", scored.points, minimum)
    return KnockoutFailure(question.id, f"knockout scored {scored.points}, needs at least "
                                        f"{minimum}", scored.points, minimum)


def _overridden(computed: QuestionScore, points: int) -> QuestionScore:
    """A reviewer's points in place of the computed ones; the rule keeps the original.
    Hidden and unweighted questions are not scored: an override of one changes nothing."""
    if computed.status == Status.HIDDEN or not computed.weight:
        return computed
    before = computed.points if computed.points is not None else computed.status.value
    return QuestionScore(computed.question_id, Status.SCORED, points, computed.weight,
                         f"overridden by the reviewer: {points} (was {before})",
                         computed.weight * points, computed.weight * MAX_POINTS)


def score(definition: Definition, answers: Mapping[str, Answer],
          profile: Mapping[str, Any], tier: str,
          overrides: Mapping[str, int | Override] | None = None) -> ScoreResult:
    """Score ``answers`` for a vendor of ``tier`` with ``profile``; ``overrides`` are a
    reviewer's points (0–3) per question, with their justification: they count in the
    score and in knockouts (knockouts.py)."""
    values = condition_answers(definition, answers)
    hidden = hidden_questions(definition, values, profile)
    # Warnings and knockouts read the shown answers only.
    shown = shown_answers(values, hidden) if hidden and definition.reads_answers else values
    context = (shown, profile)
    results: dict[str, QuestionScore] = {}
    vendor: dict[str, QuestionScore] = {}  # the vendor's own, where a reviewer overrode
    given = {qid: as_override(points) for qid, points in overrides.items()} \
        if overrides else {}
    fresh = not (hidden and definition.gateways)
    if not fresh:
        _with_gateways(definition, answers, hidden, context, given, results, vendor)
    failures, lifted, missing, invalid, sections = [], [], [], [], []
    minimum = definition.scoring.knockout_min
    for section in definition.sections:
        earned = possible = 0
        for question in section.questions:
            qid = question.id
            if fresh:
                outcome = _score_question(question, answers.get(qid), qid not in hidden,
                                          context)
                if given and qid in given:
                    vendor[qid], outcome = outcome, _overridden(outcome, given[qid].points)
                results[qid] = outcome
            else:
                outcome = results[qid]
            earned += outcome.earned
            possible += outcome.possible
            if outcome.status == Status.UNANSWERED and question.required:
                missing.append(qid)
            elif outcome.status == Status.INVALID:
                invalid.append(qid)
            if question.knockout is None or (outcome.points or 0) >= minimum \
                    and qid not in vendor:
                continue
            failure = _knockout(definition, question, vendor.get(qid, outcome), outcome,
                                given.get(qid), (profile, tier, shown), lifted)
            if failure:
                failures.append(failure)
        sections.append(SectionScore(section.id, earned, possible))
    return _summed(definition, tier, results, tuple(sections), failures, lifted,
                   missing, invalid)


def _with_gateways(definition: Definition, answers: Mapping[str, Answer],
                   hidden: set[str], context: tuple[Mapping[str, Any], Mapping[str, Any]],
                   given: Mapping[str, Override], results: dict[str, QuestionScore],
                   vendor: dict[str, QuestionScore]) -> None:
    """Every question's score into ``results`` (and the vendor's own into ``vendor``
    where a reviewer overrode), then the hidden questions that count as their scored
    gateways' points (gateways.py)."""
    for qid, question in definition.questions.items():
        results[qid] = _score_question(question, answers.get(qid), qid not in hidden,
                                       context)
        if qid in given:
            vendor[qid], results[qid] = results[qid], _overridden(results[qid],
                                                                  given[qid].points)
    # Counted as the gateway's points: the ones that count, and the vendor's own.
    counted = hidden_by_gateways(definition, hidden, results)
    if given:
        vendor.update(hidden_by_gateways(definition, hidden, ChainMap(vendor, results)))
    results.update(counted)


def _knockout(definition: Definition, question: Question, computed: QuestionScore,
              outcome: QuestionScore, override: Override | None,
              context: tuple[Mapping[str, Any], str, Mapping[str, Any]],
              lifted: list[KnockoutFailure]) -> KnockoutFailure | None:
    """The knockout failure that counts; a failure a reviewer lifted goes to ``lifted``."""
    profile, tier, shown = context
    failure = _knockout_failure(definition, question, computed, profile, tier, shown)
    if outcome is computed:
        return failure
    # The points that count decide, the reviewer's as the vendor's would.
    effective = _knockout_failure(definition, question, outcome, profile, tier, shown)
    if override is None or outcome.status == Status.HIDDEN:
        return effective  # hidden: the gateway's points that count (a reviewer's, if set)
    failure, lift = reviewed_knockout(failure, effective, override,
                                      definition.scoring.knockout_min)
    lifted += [lift] if lift else []
    return failure


def _summed(definition: Definition, tier: str, results: dict[str, QuestionScore],
            sections: tuple[SectionScore, ...], failures: list, lifted: list,
            missing: list, invalid: list) -> ScoreResult:
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
