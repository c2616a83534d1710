"""Whether a standard's scored gateways keep the scoring guarantee
(docs/rules.md#selection-standard-and-scoring): raising one answer's points never lowers
the total. The loader refuses a file that does not keep it (loader.py).

A scored question hidden by a condition on scored answers counts as the lowest of their
points (gateways.py). That keeps the guarantee when (1) a better answer never hides a
question a worse one shows, unless hidden it then counts the full 3 points; (2) an
answer that hides a question it could show earns 0 points; and (3) a scored gateway
cannot be answered N/A (N/A would take its questions out, and answering could then lower
the score). The checker tries every answer the condition distinguishes; a condition with
too many combinations is not tried.
"""

import itertools
from collections.abc import Iterator
from typing import Any

from vendorrisk.standards.condition_parser import ConditionError, ListLiteral, Literal
from vendorrisk.standards.conditions import PROFILE_TYPES, evaluate, references
from vendorrisk.standards.definition import MAX_POINTS, Definition, Question, QuestionType
from vendorrisk.standards.risk_warnings import holding
from vendorrisk.standards.scoring import answer_points

MAX_COMBINATIONS = 4096
OTHER = "(another value)"


def _literals(node: Any) -> list[Any]:
    if isinstance(node, Literal):
        return [node.value]
    if isinstance(node, ListLiteral):
        return list(node.items)
    children = [getattr(node, name, None) for name in ("operand", "left", "right", "ref")]
    children += list(getattr(node, "operands", ()))
    return [value for child in children if child is not None for value in _literals(child)]


def _answer_values(question: Question, named: list[Any]) -> list[Any]:
    kind = question.type
    if kind == QuestionType.MATURITY:
        return [None, 0, 1, 2, 3]
    if kind == QuestionType.YES_NO:
        return [None, "yes", "no"]
    ids = [choice.id for choice in question.choices]
    if kind == QuestionType.SINGLE_CHOICE:
        return [None, *ids]
    if kind == QuestionType.MULTI_CHOICE:
        if len(ids) <= 4:
            return [None, *(list(chosen) for size in range(len(ids) + 1)
                            for chosen in itertools.combinations(ids, size))]
        return [None, [], ids, *([choice] for choice in ids)]
    return [None, *dict.fromkeys(v for v in named if not isinstance(v, list)), OTHER]


def _profile_values(kind: str, named: list[Any]) -> list[Any]:
    strings = [value for value in dict.fromkeys(named) if isinstance(value, str)]
    if kind == "bool":
        return [True, False]
    if kind == "list":
        return [[], *([value] for value in strings), strings]
    return [None, *strings, OTHER]


def _points(question: Question, value: Any) -> int:
    """The points of a gateway's answer taken alone (unanswered: 0)."""
    if value is None or value == "" or value == [] and not question.warnings:
        return 0
    if question.warnings:
        return 0 if holding(question, {question.id: value}, {}) else 3
    return answer_points(question, value)[0] or 0


def _combinations(definition: Definition, question: Question
                  ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]] | None:
    node = question.condition
    named = _literals(node) + [value for qid in question.depends_on
                               for warning in definition.questions[qid].warnings
                               for value in _literals(warning.condition)]
    refs = sorted(references(node), key=lambda ref: (ref.scope, ref.name))
    domains = [_answer_values(definition.questions[ref.name], named) if ref.scope == "answers"
               else _profile_values(PROFILE_TYPES.get(ref.name, "string"), named)
               for ref in refs]
    total = 1
    for domain in domains:
        total *= len(domain)
    if total > MAX_COMBINATIONS:
        return None
    return ((
        {ref.name: value for ref, value in zip(refs, values, strict=True)
         if ref.scope == "answers" and value is not None},
        {ref.name: value for ref, value in zip(refs, values, strict=True)
         if ref.scope == "profile"}) for values in itertools.product(*domains))


def _shown(question: Question, answers: dict, profile: dict) -> bool:
    try:
        return evaluate(question.condition, answers, profile)
    except ConditionError:
        return True


def gateway_problem(definition: Definition, question: Question) -> str | None:
    """Why ``question``'s display condition breaks the guarantee, or None."""
    gates = definition.gateways.get(question.id, ())
    combinations = _combinations(definition, question) if gates else None
    for answers, profile in combinations or ():
        shown = _shown(question, answers, profile)
        lowest = min(_points(definition.questions[g], answers.get(g)) for g in gates)
        for gate in gates:
            gateway = definition.questions[gate]
            here = _points(gateway, answers.get(gate))
            for value in _answer_values(gateway, _literals(question.condition)):
                if _points(gateway, value) <= here:
                    continue
                better = {**answers, gate: value}
                revealed = _shown(question, better, profile)
                before = "unanswered" if answers.get(gate) is None else repr(answers[gate])
                hidden_counts = min(_points(definition.questions[g], better.get(g))
                                    for g in gates)
                if shown and not revealed and hidden_counts < MAX_POINTS:
                    return (f"a better answer to {gate} ({value!r} rather than {before}) "
                            f"hides this scored question, which could lower the score; "
                            f"show it on the better answers")
                if revealed and not shown and lowest > 0:
                    worst = min(gates, key=lambda g: _points(definition.questions[g],
                                                             answers.get(g)))
                    return (f"this scored question is hidden while {worst} earns {lowest} "
                            f"points and shown on a better answer to {gate}: hide it only "
                            f"on answers worth 0 points (hidden, it counts as its gateway's "
                            f"points)")
    return None


def na_gateways(definition: Definition) -> list[str]:
    """Scored gateways (a scored question's display condition reads them) that allow N/A."""
    gates = {gate for gates in definition.gateways.values() for gate in gates}
    return sorted(gate for gate in gates if definition.questions[gate].na_allowed)


def guarantee_problems(definition: Definition) -> list[tuple[str, str]]:
    """(question id, why) for each question whose scored gateways break the guarantee."""
    found = [(question.id, problem) for question in definition.questions.values()
             if (problem := gateway_problem(definition, question))]
    found += [(gate, "a scored question that shows or hides scored questions cannot be "
                     "answered N/A: answering it could then lower the score")
              for gate in na_gateways(definition)]
    return found
