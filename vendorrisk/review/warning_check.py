"""Which warnings of a standard hold for a vendor's answers, and which scored answer a
hidden question takes its points from: what a reviewer is shown beside each answer.

Pure: the answers and the profile in, the warnings out. A warning is read on the shown
answers only (a hidden question's answer reads as null) and the profile, as the scoring
reads it (docs/rules.md); an answer N/A or left empty is null too.
"""

from collections.abc import Collection, Mapping
from typing import Any

from vendorrisk.standards.condition_parser import ConditionError
from vendorrisk.standards.conditions import evaluate
from vendorrisk.standards.definition import Definition, Question, QuestionType, Warning
from vendorrisk.standards.scoring import Answer, condition_answers


def answered(question: Question, answer: Answer | None) -> bool:
    """The vendor gave an answer (an empty list is one for a multi-choice question with
    warnings: "none of these")."""
    if answer is None or answer.not_applicable or answer.value is None or answer.value == "":
        return False
    if answer.value == []:
        return question.type is QuestionType.MULTI_CHOICE and bool(question.warnings)
    return True


def shown_values(definition: Definition, answers: Mapping[str, Answer],
                 hidden: Collection[str]) -> dict[str, Any]:
    """The answers as a warning's condition reads them: hidden ones left out."""
    return {qid: value for qid, value in condition_answers(definition, answers).items()
            if qid not in hidden}


def holds(warning: Warning, values: Mapping[str, Any], profile: Mapping[str, Any]) -> bool:
    """The warning's condition holds (one that cannot be evaluated counts as holding:
    the stricter reading, as for knockouts)."""
    if warning.condition is None:
        return False
    try:
        return evaluate(warning.condition, values, profile)
    except ConditionError:
        return True


def holding_warnings(definition: Definition, answers: Mapping[str, Answer],
                     profile: Mapping[str, Any], hidden: Collection[str]
                     ) -> dict[str, tuple[Warning, ...]]:
    """Question id → its warnings that hold, for each shown, answered question."""
    values = shown_values(definition, answers, hidden)
    found: dict[str, tuple[Warning, ...]] = {}
    for qid, question in definition.questions.items():
        if not question.warnings or qid in hidden or not answered(question,
                                                                   answers.get(qid)):
            continue
        applying = tuple(w for w in question.warnings if holds(w, values, profile))
        if applying:
            found[qid] = applying
    return found


def gateway_of(question: Question, points: Mapping[str, int | None],
               counted: int | None) -> str | None:
    """The answer a hidden, counted question takes its points from: among the scored
    answers its condition reads, the one with ``counted`` points (the lowest), else the
    lowest-scored; None when its condition reads no scored answer."""
    scored = sorted((points[qid], qid) for qid in question.depends_on
                    if points.get(qid) is not None)
    for value, qid in scored:
        if value == counted:
            return qid
    return scored[0][1] if scored else None
