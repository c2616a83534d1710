"""Scored gateways (docs/rules.md#selection-standard-and-scoring).

Pure. A display condition may read scored answers. A scored question hidden by such a
condition still counts: with the lowest points among the scored answers its condition
reads (the gateway's points), out of its weight × 3, so an answer that hides questions
never scores better than answering them. A question hidden only by the profile or by
unscored answers stays out of the score. A gateway that is itself out of the score
(hidden by the profile, or N/A) does not count: a question every gateway of which is
out stays out too.
"""

from collections.abc import Collection, Mapping

from vendorrisk.standards.definition import MAX_POINTS, Definition
from vendorrisk.standards.results import QuestionScore, Status


def _counted(gateway: QuestionScore) -> bool:
    return gateway.possible > 0


def hidden_by_gateways(definition: Definition, hidden: Collection[str],
                       results: Mapping[str, QuestionScore]) -> dict[str, QuestionScore]:
    """The hidden questions that count as their gateways' points, with the rule
    "hidden by <gateway>: counts as its p points"; ``results`` holds every question's
    score so far (a reviewer's override of a gateway counts)."""
    counted: dict[str, QuestionScore] = {}

    def resolve(qid: str) -> QuestionScore:
        if qid in counted:
            return counted[qid]
        result = results[qid]
        gates = definition.gateways.get(qid) if qid in hidden else None
        if gates:
            # The loader refused circular conditions, so this recursion ends.
            points = [(resolved.points or 0, gate) for gate in gates
                      if _counted(resolved := resolve(gate))]
            if points:
                low, gate = min(points)
                weight = result.weight
                result = QuestionScore(qid, Status.HIDDEN, low, weight,
                                       f"hidden by {gate}: counts as its {low} points",
                                       weight * low, weight * MAX_POINTS)
        counted[qid] = result
        return result

    changed = {}
    for qid in definition.gateways:
        if qid in hidden:
            result = resolve(qid)
            if result is not results[qid]:
                changed[qid] = result
    return changed
