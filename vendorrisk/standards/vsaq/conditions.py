"""VSAQ's condition syntax (vsaq/static/questionnaire/utils.js) read as VSAQ reads it,
and written in our condition language with the same meaning.

VSAQ evaluates strictly left to right — ``a || b && c`` is ``(a || b) && c`` — and a
``!`` negates the operand right after it (a name or a parenthesised group). Names are
item ids, choice ids, ``id/yes``, ``id/no``, ``id/value``, ``^id`` (item id is visible)
and ``false``. The converted text spells the grouping out with parentheses.
"""

from collections.abc import Callable
from dataclasses import dataclass

SPECIAL = " ()!&|,"


class VsaqConditionError(ValueError):
    """A condition VSAQ itself would refuse, or one using what we do not convert."""


@dataclass(frozen=True)
class Name:
    text: str

    @property
    def visibility(self) -> bool:
        return self.text.startswith("^")

    @property
    def item_id(self) -> str:
        """The id VSAQ looks up: no ``^`` in front, no ``/yes`` ``/no`` ``/value`` after."""
        name = self.text[1:] if self.visibility else self.text
        for suffix in ("/yes", "/no", "/value"):
            if name.endswith(suffix):
                return name[: -len(suffix)]
        return name

    @property
    def suffix(self) -> str:
        return self.text[len(self.item_id) + (1 if self.visibility else 0):]


@dataclass(frozen=True)
class Neg:
    operand: "Name | Seq"


@dataclass(frozen=True)
class Seq:
    """``first op operand op operand ...`` evaluated from the left."""

    first: "Name | Seq | Neg"
    rest: tuple[tuple[str, "Name | Seq | Neg"], ...] = ()


def _tokens(text: str) -> list[str]:
    tokens, current, index = [], "", 0
    while index < len(text):
        char = text[index]
        if char == '"':
            raise VsaqConditionError("text literals and functions (matches, contains) are "
                                     "not converted")
        if char not in SPECIAL:
            current += char
        else:
            if current:
                tokens.append(current)
                current = ""
            if char in "&|":
                if text[index + 1: index + 2] != char:
                    raise VsaqConditionError(f"a single {char!r}: VSAQ needs {char * 2!r}")
                tokens.append(char * 2)
                index += 1
            elif char == ",":
                raise VsaqConditionError("argument lists (functions) are not converted")
            elif char != " ":
                tokens.append(char)
        index += 1
    if current:
        tokens.append(current)
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.index = 0

    def peek(self) -> str | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def sequence(self) -> Seq:
        first, rest = self.operand(), []
        while self.peek() in ("&&", "||"):
            op = self.tokens[self.index]
            self.index += 1
            rest.append((op, self.operand()))
        return Seq(first, tuple(rest))

    def operand(self) -> "Name | Seq | Neg":
        word = self.peek()
        self.index += 1
        if word == "!":
            following = self.operand()
            if isinstance(following, Neg):
                raise VsaqConditionError("'!!': VSAQ cannot evaluate a double negation")
            return Neg(following)
        if word == "(":
            inner = self.sequence()
            if self.peek() != ")":
                raise VsaqConditionError("a '(' is not closed")
            self.index += 1
            return inner
        if word is None or word in ("&&", "||", ")"):
            raise VsaqConditionError(f"expected a name but found {word or 'the end'!r}")
        return Name(word)


def parse_condition(text: str) -> Seq:
    """The tree of a VSAQ condition; VsaqConditionError when VSAQ would refuse it."""
    parser = _Parser(text)
    if not parser.tokens:
        raise VsaqConditionError("the condition is empty")
    tree = parser.sequence()
    if parser.peek() is not None:
        raise VsaqConditionError(f"unexpected {parser.peek()!r}: two names need && or || "
                                 "between them")
    return tree


def names(node: "Name | Seq | Neg") -> list[Name]:
    """Every name in the condition, in order."""
    if isinstance(node, Name):
        return [node]
    if isinstance(node, Neg):
        return names(node.operand)
    return [name for part in (node.first, *(operand for _op, operand in node.rest))
            for name in names(part)]


# Our side: ("atom", text) | ("not", node) | ("and"|"or", [nodes]).
Ours = tuple


def to_ours(node: "Name | Seq | Neg", term: Callable[[Name], Ours]) -> Ours:
    """Our condition tree; ``term`` gives each name's meaning (it may raise)."""
    if isinstance(node, Name):
        return term(node)
    if isinstance(node, Neg):
        return negate(to_ours(node.operand, term))
    result = to_ours(node.first, term)
    for op, operand in node.rest:
        result = combine("and" if op == "&&" else "or", [result, to_ours(operand, term)])
    return result


TRUE: Ours = ("atom", "true")
FALSE: Ours = ("atom", "false")


def negate(node: Ours) -> Ours:
    if node == TRUE:
        return FALSE
    if node == FALSE:
        return TRUE
    return ("not", node)


def combine(op: str, parts: list[Ours]) -> Ours:
    """``and``/``or`` of parts, flattened, constants folded."""
    flat: list[Ours] = []
    for part in parts:
        flat.extend(part[1] if part[0] == op else [part])
    unit, zero = (TRUE, FALSE) if op == "and" else (FALSE, TRUE)
    if zero in flat:
        return zero
    flat = [part for index, part in enumerate(flat) if part != unit and part not in flat[:index]]
    if not flat:
        return unit
    return flat[0] if len(flat) == 1 else (op, flat)


def render(node: Ours) -> str:
    """Our condition text, grouping made explicit."""
    kind = node[0]
    if kind == "atom":
        return node[1]
    if kind == "not":
        return f"not ({render(node[1])})"
    return f" {kind} ".join(
        f"({render(part)})" if part[0] in ("and", "or") else render(part) for part in node[1])
