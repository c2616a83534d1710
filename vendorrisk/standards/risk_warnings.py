"""Warnings: the risks a vendor's answers show (docs/rules.md#selection-standard-and-scoring).

Pure. A warning's condition reads the *shown* answers only (a hidden question's answer
reads as null, as VSAQ reads a hidden item as false) and the profile. A question with
warnings that is answered and shown scores 3 when none of its warnings holds and 0 when
one does; the warnings that hold are what the reviewer sees beside the answer, and a
holding warning with a ``why`` asks the vendor for a justification.
"""

from collections.abc import Collection, Mapping
from typing import Any

from vendorrisk.standards.condition_parser import ConditionError
from vendorrisk.standards.conditions import evaluate
from vendorrisk.standards.definition import Question, Warning


def shown_answers(values: Mapping[str, Any], hidden: Collection[str]) -> dict[str, Any]:
    """The condition values of the shown questions only."""
    return {qid: value for qid, value in values.items() if qid not in hidden}


def holding(question: Question, shown: Mapping[str, Any], profile: Mapping[str, Any]
            ) -> tuple[Warning, ...]:
    """The warnings of ``question`` that hold; one that cannot be evaluated holds (the
    stricter reading)."""
    found = []
    for warning in question.warnings:
        try:
            holds = evaluate(warning.condition, shown, profile)
        except ConditionError:
            holds = True
        if holds:
            found.append(warning)
    return tuple(found)
