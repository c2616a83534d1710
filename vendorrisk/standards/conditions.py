"""The condition language of selection standards: parsed once, evaluated safely.

A tiny expression language — no ``eval`` — over a vendor's answers and data profile::

    profile.abroad and answers.d9_countries != []
    not answered(answers.d5_privacymark_expiry) or "my_number" in profile.categories

Parsing gives an immutable tree; :func:`check` finds unknown ids and type mismatches
against the types the definition declares; :func:`evaluate` never raises anything but
:class:`ConditionError`.
"""

from collections.abc import Mapping
from typing import Any

from vendorrisk.standards.condition_parser import (
    Answered,
    BoolOp,
    Compare,
    ConditionError,
    ConditionTypeError,
    ListLiteral,
    Literal,
    Node,
    Not,
    Ref,
)

# --- the tree -----------------------------------------------------------------------


# --- tokens -------------------------------------------------------------------------


# --- parser -------------------------------------------------------------------------


# --- static checks ------------------------------------------------------------------

# Value types: "bool", "number", "string", "list", "null", "any".
PROFILE_TYPES = {
    "tier": "string", "classification": "string", "categories": "list",
    "countries": "list", "abroad": "bool", "special_care": "bool", "my_number": "bool",
    "payment_card": "bool", "children": "bool", "sub_consignees": "bool",
    "access": "string", "individuals": "string", "criticality": "string",
}


def references(node: Node) -> set[Ref]:
    """Every answers./profile. reference in the tree."""
    if isinstance(node, Ref):
        return {node}
    if isinstance(node, Answered):
        return {node.ref}
    if isinstance(node, Not):
        return references(node.operand)
    if isinstance(node, BoolOp):
        return set().union(*(references(operand) for operand in node.operands))
    if isinstance(node, Compare):
        return references(node.left) | references(node.right)
    return set()


def _literal_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "list"


def _type_of(node: Node, answer_types: Mapping[str, str]) -> str:
    if isinstance(node, Literal):
        return _literal_type(node.value)
    if isinstance(node, ListLiteral):
        return "list"
    if isinstance(node, Ref):
        types = answer_types if node.scope == "answers" else PROFILE_TYPES
        if node.name not in types:
            what = "question" if node.scope == "answers" else "profile field"
            raise ConditionTypeError(f"unknown {what} {node.scope}.{node.name}")
        return types[node.name]
    if isinstance(node, Answered):
        _type_of(node.ref, answer_types)
        return "bool"
    if isinstance(node, Not | BoolOp):
        for operand in (node.operands if isinstance(node, BoolOp) else (node.operand,)):
            _type_of(operand, answer_types)
        return "bool"
    return _compare_type(node, answer_types)


def _compare_type(node: Compare, answer_types: Mapping[str, str]) -> str:
    left, right = _type_of(node.left, answer_types), _type_of(node.right, answer_types)
    if node.op in {"in", "not in"}:
        if right not in {"list", "any"}:
            raise ConditionTypeError(f"'{node.op}' needs a list on its right, not a {right}")
        return "bool"
    if node.op in {"<", "<=", ">", ">="}:
        if "number" not in {left, right} or {left, right} - {"number", "any"}:
            raise ConditionTypeError(f"'{node.op}' compares numbers, not {left} and {right}")
        return "bool"
    comparable = left == right or {left, right} & {"null", "any"}
    if not comparable:
        raise ConditionTypeError(f"'{node.op}' compares a {left} with a {right}")
    return "bool"


def check(node: Node, answer_types: Mapping[str, str]) -> None:
    """Raise ConditionTypeError for unknown ids or unlike comparisons."""
    result = _type_of(node, answer_types)
    if result not in {"bool", "any"}:
        raise ConditionTypeError(f"the condition gives a {result}, not true or false")


# --- evaluation ---------------------------------------------------------------------


def evaluate(node: Node, answers: Mapping[str, Any], profile: Mapping[str, Any]) -> bool:
    """True or False for these answers and profile; ConditionError on nonsense input."""
    return bool(_value(node, answers, profile))


def _value(node: Node, answers: Mapping[str, Any], profile: Mapping[str, Any]) -> Any:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, ListLiteral):
        return list(node.items)
    if isinstance(node, Ref):
        return (answers if node.scope == "answers" else profile).get(node.name)
    if isinstance(node, Answered):
        return answers.get(node.ref.name) is not None
    if isinstance(node, Not):
        return not _value(node.operand, answers, profile)
    if isinstance(node, BoolOp):
        values = (_value(operand, answers, profile) for operand in node.operands)
        return all(values) if node.op == "and" else any(values)
    if isinstance(node, Compare):
        return _compare(node.op, _value(node.left, answers, profile),
                        _value(node.right, answers, profile))
    raise ConditionError(f"not a condition node: {type(node).__name__}")


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if op in {"in", "not in"}:
        if right is None:
            return op == "not in"
        if not isinstance(right, list | tuple):
            raise ConditionError(f"'{op}' needs a list on its right")
        try:
            found = left in right
        except TypeError as error:
            raise ConditionError(str(error)) from None
        return found if op == "in" else not found
    if left is None or right is None:
        return False  # an unanswered number satisfies no inequality
    numbers = (int, float)
    if isinstance(left, bool) or isinstance(right, bool) or not (
            isinstance(left, numbers) and isinstance(right, numbers)):
        raise ConditionError(f"'{op}' compares numbers")
    return {"<": left < right, "<=": left <= right, ">": left > right,
            ">=": left >= right}[op]
