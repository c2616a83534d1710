"""Which questions are shown, and what conditions read
(docs/rules.md#selection-standard-and-scoring).

Pure. A condition reads an answer's value; N/A and unanswered read as null, and so does
an empty list, except for a multi-choice question with warnings, where ``[]`` is an
answer ("none of these"). A question hidden by its display condition reads as null in
every condition that depends on it.
"""

from collections.abc import Mapping
from typing import Any

from vendorrisk.standards.condition_parser import ConditionError
from vendorrisk.standards.conditions import evaluate
from vendorrisk.standards.definition import Definition, Question
from vendorrisk.standards.results import Answer


def condition_answers(definition: Definition, answers: Mapping[str, Answer]) -> dict[str, Any]:
    """Answer values as conditions see them (N/A and unanswered are null; ``[]`` is an
    answer only for a multi-choice question with warnings)."""
    values = {qid: answer.value for qid, answer in answers.items()
              if qid in definition.questions and not answer.not_applicable
              and answer.value not in (None, "", [])}
    for qid in definition.warned_lists:
        answer = answers.get(qid)
        if answer is not None and not answer.not_applicable and answer.value == []:
            values[qid] = []
    return values


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
