"""For any standard: candidate answers per question, a strictly better answer, and the
best answer set a vendor could give (to show its maximum attainable score)."""

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from vendorrisk.standards.condition_parser import Literal
from vendorrisk.standards.definition import (
    MAX_POINTS,
    Definition,
    Question,
    QuestionType,
    ScoringPolicy,
    Section,
    Use,
)
from vendorrisk.standards.scoring import Answer, score


def _literals(node: Any) -> list[Any]:
    if isinstance(node, Literal):
        return [node.value]
    children = [getattr(node, name, None) for name in ("operand", "left", "right")]
    children += list(getattr(node, "operands", ()))
    return [value for child in children if child is not None for value in _literals(child)]


def candidates(question: Question) -> list[Any]:
    """Answer values worth trying: every level or choice (a choice list: none, each one,
    all), and for free text the values its warnings name plus one they do not."""
    kind = question.type
    if kind == QuestionType.MATURITY:
        return [0, 1, 2, 3]
    if kind == QuestionType.YES_NO:
        return ["yes", "no"]
    ids = [choice.id for choice in question.choices]
    if kind == QuestionType.SINGLE_CHOICE:
        return ids
    if kind == QuestionType.MULTI_CHOICE:
        return [[], ids, *([choice] for choice in ids)]
    named = [value for warning in question.warnings
             for value in _literals(warning.condition) if isinstance(value, str | int)]
    return [*dict.fromkeys(named), "something else"]


def points_alone(question: Question, value: Any, profile: Mapping[str, Any]) -> int:
    """The points ``value`` earns for ``question`` shown, with no other answer given."""
    shown = replace(question, condition=None, condition_text=None, depends_on=(),
                    knockout=None)
    alone = Definition(slug="alone", version=1, title=question.text, use=Use.SELECTION,
                       tiers=("1",), scoring=ScoringPolicy({"1": 0.0}, 100.0, 0),
                       sections=(Section(question.section_id, question.text, (shown,)),))
    result = score(alone, {question.id: Answer(value)}, profile, "1")
    return result.questions[question.id].points or 0


def better_answers(question: Question, answer: Answer | None, profile: Mapping[str, Any]
                   ) -> list[Answer]:
    """Answers to ``question`` strictly better than ``answer`` (each taken alone): more
    points than it earns (an unanswered question earns 0); after N/A, only full points
    are better (a lower answer would add a gap N/A left out)."""
    if answer is None or answer.value in (None, "") and not answer.not_applicable:
        current = 0
    elif answer.not_applicable:
        current = MAX_POINTS - 1
    else:
        current = points_alone(question, answer.value, profile)
    return [Answer(value) for value in candidates(question)
            if points_alone(question, value, profile) > current]


def best_answers(definition: Definition, profile: Mapping[str, Any], tier: str = "1"
                 ) -> dict[str, Answer]:
    """Answers found by trying each question's candidates in turn, keeping whatever
    raises the score, until nothing does."""
    answers: dict[str, Answer] = {}
    best = score(definition, answers, profile, tier).percent
    for _round in range(len(definition.questions) + 1):
        raised = False
        for question in definition.questions.values():
            for value in candidates(question):
                trial = {**answers, question.id: Answer(value)}
                percent = score(definition, trial, profile, tier).percent
                if percent > best + 1e-9:
                    answers, best, raised = trial, percent, True
        if not raised:
            break
    return answers
