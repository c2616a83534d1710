"""Why boxes: a warning with a ``why`` text asks the vendor to explain an answer that
shows the risk, before the questionnaire can be submitted; and which empty answers still
stop a submission.

Pure: the definition, the answers and the profile in, question ids out. A warning holds
as the scoring reads it (standards/risk_warnings.py: over the shown answers only, a
hidden question's answer reading as null, and the profile; docs/rules.md).
"""

from collections.abc import Collection, Mapping
from typing import Any

from vendorrisk.standards.definition import Definition, QuestionType, Warning
from vendorrisk.standards.risk_warnings import holding, shown_answers
from vendorrisk.standards.scoring import Answer, condition_answers


def _answered(answer: Answer | None) -> bool:
    return answer is not None and not answer.not_applicable and answer.value is not None \
        and answer.value != ""


def why_asked(definition: Definition, answers: Mapping[str, Answer],
              profile: Mapping[str, Any], hidden: Collection[str]
              ) -> dict[str, tuple[Warning, ...]]:
    """Question id → its warnings with a ``why`` text that hold now, for each shown,
    answered question (an empty choice list is an answer: "none of these")."""
    asking = [question for question in definition.questions.values()
              if question.id not in hidden and _answered(answers.get(question.id))
              and any(warning.why for warning in question.warnings)]
    if not asking:  # most standards have no why boxes: autosave reads no more
        return {}
    shown = shown_answers(condition_answers(definition, answers), hidden)
    asked: dict[str, tuple[Warning, ...]] = {}
    for question in asking:
        qid = question.id
        # A warning that cannot be evaluated holds (the stricter reading, as scoring's).
        found = tuple(warning for warning in holding(question, shown, profile)
                      if warning.why is not None)
        if found:
            asked[qid] = found
    return asked


def unexplained(asked: Mapping[str, tuple[Warning, ...]], answers: Mapping[str, Answer]
                ) -> list[str]:
    """The questions of ``asked`` whose answer has no justification written yet."""
    return [qid for qid in asked
            if not (answers[qid].justification or "").strip()]


def blocking_missing(definition: Definition, missing: Collection[str],
                     answers: Mapping[str, Answer]) -> list[str]:
    """The required, unanswered questions that stop a submission: a choice list saved
    with nothing chosen ("none of these apply") is an answer, never missing."""
    return [qid for qid in missing
            if not (definition.questions[qid].type == QuestionType.MULTI_CHOICE
                    and qid in answers and answers[qid].value == []
                    and not answers[qid].not_applicable)]
