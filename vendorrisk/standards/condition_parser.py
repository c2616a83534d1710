"""The condition language's tree and its parser (conditions.py checks and evaluates
the tree): tokens, a recursive-descent parser with bounded length and depth, and the
errors it raises."""

import re
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
