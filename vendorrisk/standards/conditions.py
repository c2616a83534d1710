"""The condition language of selection standards: parsed once, evaluated safely.

A tiny expression language — no ``eval`` — over a vendor's answers and data profile::

    profile.abroad and answers.d9_countries != []
    not answered(answers.d5_privacymark_expiry) or "my_number" in profile.categories

Parsing gives an immutable tree; :func:`check` finds unknown ids and type mismatches
against the types the definition declares; :func:`evaluate` never raises anything but
:class:`ConditionError`.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MAX_LENGTH = 2000
MAX_DEPTH = 50


class ConditionError(ValueError):
    """Any problem with a condition; ``column`` is 1-based within the expression."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message if column is None else f"{message} (column {column})")
        self.column = column


class ConditionSyntaxError(ConditionError):
    """The text is not a well-formed condition."""


class ConditionTypeError(ConditionError):
    """The condition is well formed but compares unlike things or names an unknown id."""


# --- the tree -----------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    value: Any


@dataclass(frozen=True)
class ListLiteral:
    items: tuple[Any, ...]


@dataclass(frozen=True)
class Ref:
    scope: str  # "answers" or "profile"
    name: str


@dataclass(frozen=True)
class Answered:
    ref: Ref


@dataclass(frozen=True)
class Not:
    operand: Any


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" / "or"
    operands: tuple[Any, ...]


@dataclass(frozen=True)
class Compare:
    op: str  # == != < <= > >= in "not in"
    left: Any
    right: Any


Node = Literal | ListLiteral | Ref | Answered | Not | BoolOp | Compare

# --- tokens -------------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,|\.)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
""", re.VERBOSE)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    column: int


def _tokens(text: str) -> list[_Token]:
    tokens, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ConditionSyntaxError(f"unexpected character {text[position]!r}", position + 1)
        if match.lastgroup != "space":
            tokens.append(_Token(match.lastgroup, match.group(), position + 1))
        position = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


def _unquote(token: str) -> str:
    body = token[1:-1]
    return re.sub(r"\\(.)", r"\1", body)


# --- parser -------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def take(self, text: str | None = None, kind: str | None = None) -> _Token | None:
        token = self.current
        if (text is None or token.text == text) and (kind is None or token.kind == kind):
            if token.kind != "end":
                self.index += 1
            return token
        return None

    def expect(self, text: str) -> _Token:
        token = self.take(text)
        if token is None:
            found = self.current.text or "the end"
            raise ConditionSyntaxError(f"expected {text!r} but found {found!r}",
                                       self.current.column)
        return token

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionSyntaxError("the condition is nested too deeply", self.current.column)

    def parse(self) -> Node:
        node = self.or_expr()
        if self.current.kind != "end":
            raise ConditionSyntaxError(f"unexpected {self.current.text!r}", self.current.column)
        return node

    def or_expr(self) -> Node:
        operands = [self.and_expr()]
        while self.take("or", "word"):
            operands.append(self.and_expr())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def and_expr(self) -> Node:
        operands = [self.not_expr()]
        while self.take("and", "word"):
            operands.append(self.not_expr())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def not_expr(self) -> Node:
        if self.take("not", "word"):
            self.nested()
            node = Not(self.not_expr())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        left = self.atom()
        for op in ("==", "!=", "<=", ">=", "<", ">"):
            if self.take(op, "op"):
                return Compare(op, left, self.atom())
        if self.take("in", "word"):
            return Compare("in", left, self.atom())
        if self.current.text == "not" and self.tokens[self.index + 1].text == "in":
            self.index += 2
            return Compare("not in", left, self.atom())
        return left

    def atom(self) -> Node:
        token = self.current
        if self.take(kind="number"):
            return Literal(float(token.text) if "." in token.text else int(token.text))
        if self.take(kind="string"):
            return Literal(_unquote(token.text))
        if self.take("(", "op"):
            self.nested()
            node = self.or_expr()
            self.depth -= 1
            self.expect(")")
            return node
        if self.take("[", "op"):
            return self.list_literal()
        if token.kind == "word":
            return self.word()
        found = token.text or "the end"
        raise ConditionSyntaxError(f"expected a value but found {found!r}", token.column)

    def list_literal(self) -> ListLiteral:
        items: list[Any] = []
        while not self.take("]", "op"):
            if items:
                self.expect(",")
            value = self.atom()
            if not isinstance(value, Literal):
                raise ConditionSyntaxError("a list holds only literal values",
                                           self.current.column)
            items.append(value.value)
        return ListLiteral(tuple(items))

    def word(self) -> Node:
        token = self.current
        self.index += 1
        constants = {"true": True, "false": False, "null": None}
        if token.text in constants:
            return Literal(constants[token.text])
        if token.text == "answered":
            self.expect("(")
            ref = self.atom()
            if not isinstance(ref, Ref) or ref.scope != "answers":
                raise ConditionSyntaxError("answered() takes answers.<id>", token.column)
            self.expect(")")
            return Answered(ref)
        if token.text in {"answers", "profile"}:
            self.expect(".")
            name = self.take(kind="word")
            if name is None:
                raise ConditionSyntaxError(f"expected a name after {token.text}.",
                                           self.current.column)
            return Ref(token.text, name.text)
        raise ConditionSyntaxError(f"unknown word {token.text!r}", token.column)


def parse(text: str) -> Node:
    """The tree of ``text``, or ConditionSyntaxError."""
    if not isinstance(text, str) or not text.strip():
        raise ConditionSyntaxError("the condition is empty")
    if len(text) > MAX_LENGTH:
        raise ConditionSyntaxError(f"the condition is longer than {MAX_LENGTH} characters")
    return _Parser(text).parse()


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
