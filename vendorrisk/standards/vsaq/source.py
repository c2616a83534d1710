"""Reading VSAQ's own file syntax: JSON with ``//`` comments and string literals joined
by ``+`` across lines, as Google publishes its questionnaires; and applying an extension
file (``{"version", "namespace", "extensions": [... "insertAfter": id]}``) to a base
questionnaire. Every object remembers its line; every syntax error names the line and
column of the original file."""

import json
import re
from dataclasses import dataclass
from typing import Any


class VsaqSourceError(ValueError):
    """The text is not a VSAQ file; ``line``/``column`` point into the original text."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 file: str = "") -> None:
        where = ":".join(str(part) for part in (file, line, column) if part)
        super().__init__(f"{where}: {message}" if where else message)
        self.line, self.column, self.reason = line, column, message


class Obj(dict):
    """A JSON object that knows the line it starts on."""

    line: int = 0


@dataclass(frozen=True)
class _Token:
    kind: str  # "string", "number", "word", "punct", "end"
    value: Any
    line: int
    column: int


_SPACE = re.compile(r"[ \t\r\n]+|//[^\n]*|/\*.*?\*/", re.DOTALL)
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_WORD = re.compile(r"[A-Za-z_]\w*")


class _Tokens:
    def __init__(self, text: str, file: str) -> None:
        self.text, self.file = text, file
        self.tokens: list[_Token] = []
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._starts = line_starts
        position = 0
        while True:
            while (space := _SPACE.match(text, position)) and space.end() > position:
                position = space.end()
            if position >= len(text):
                self.tokens.append(_Token("end", None, *self.where(position)))
                break
            position = self._one(position)
        self.index = 0

    def where(self, position: int) -> tuple[int, int]:
        low, high = 0, len(self._starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self._starts[middle] <= position:
                low = middle
            else:
                high = middle - 1
        return low + 1, position - self._starts[low] + 1

    def fail(self, message: str, token: _Token) -> VsaqSourceError:
        return VsaqSourceError(message, token.line, token.column, self.file)

    def _one(self, position: int) -> int:
        line, column = self.where(position)
        char = self.text[position]
        if char == '"':
            match = _STRING.match(self.text, position)
            if match is None:
                raise VsaqSourceError("unterminated string", line, column, self.file)
            try:
                value = json.loads(match.group())
            except json.JSONDecodeError as error:
                raise VsaqSourceError(f"bad string: {error.msg}", line,
                                      column + error.colno - 1, self.file) from None
            self.tokens.append(_Token("string", value, line, column))
            return match.end()
        if char in "{}[]:,+":
            self.tokens.append(_Token("punct", char, line, column))
            return position + 1
        if match := _NUMBER.match(self.text, position):
            self.tokens.append(_Token("number", json.loads(match.group()), line, column))
            return match.end()
        if match := _WORD.match(self.text, position):
            self.tokens.append(_Token("word", match.group(), line, column))
            return match.end()
        raise VsaqSourceError(f"unexpected character {char!r}", line, column, self.file)

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def take(self, punct: str) -> _Token | None:
        token = self.current
        if token.kind == "punct" and token.value == punct:
            self.index += 1
            return token
        return None

    def expect(self, punct: str, what: str) -> None:
        if self.take(punct) is None:
            raise self.fail(f"expected {what} but found {_shown(self.current)}", self.current)


def _shown(token: _Token) -> str:
    if token.kind == "end":
        return "the end of the file"
    if token.kind == "string":
        return "a string"
    return repr(str(token.value))


_WORDS = {"true": True, "false": False, "null": None}


def _value(tokens: _Tokens) -> Any:
    token = tokens.current
    if token.kind == "string":
        tokens.index += 1
        parts = [token.value]
        while tokens.take("+"):
            following = tokens.current
            if following.kind != "string":
                raise tokens.fail(f"expected a string after '+' but found "
                                  f"{_shown(following)}", following)
            tokens.index += 1
            parts.append(following.value)
        return "".join(parts)
    if token.kind == "number":
        tokens.index += 1
        return token.value
    if token.kind == "word" and token.value in _WORDS:
        tokens.index += 1
        return _WORDS[token.value]
    if tokens.take("{"):
        return _object(tokens, token)
    if tokens.take("["):
        items: list[Any] = []
        while tokens.take("]") is None:
            if items:
                tokens.expect(",", "',' or ']'")
            items.append(_value(tokens))
        return items
    raise tokens.fail(f"expected a value but found {_shown(token)}", token)


def _object(tokens: _Tokens, start: _Token) -> Obj:
    result = Obj()
    result.line = start.line
    while tokens.take("}") is None:
        if result:
            tokens.expect(",", "',' or '}'")
        key = tokens.current
        if key.kind != "string":
            raise tokens.fail(f"expected a quoted key but found {_shown(key)}", key)
        tokens.index += 1
        tokens.expect(":", "':'")
        if key.value in result:
            raise tokens.fail(f"the key {key.value!r} appears twice", key)
        result[key.value] = _value(tokens)
    return result


def parse_vsaq(text: str, file: str = "") -> Any:
    """The data of a VSAQ file; VsaqSourceError naming the original line and column."""
    tokens = _Tokens(text, file)
    value = _value(tokens)
    if tokens.current.kind != "end":
        raise tokens.fail(f"unexpected {_shown(tokens.current)} after the end", tokens.current)
    return value


def questionnaire_items(document: Any, file: str = "") -> list:
    """The ``questionnaire`` list of a base file."""
    items = document.get("questionnaire") if isinstance(document, dict) else None
    if not isinstance(items, list) or not items:
        raise VsaqSourceError(f"{file + ': ' if file else ''}not a VSAQ questionnaire: "
                              "no 'questionnaire' list")
    return items


def _namespaced(items: list, namespace: str) -> None:
    """VSAQ's addNamespaceToIds_: item and choice ids get ``namespace:`` in front
    (conditions are left as written, as VSAQ does)."""
    for item in items:
        if not isinstance(item, dict):
            continue
        if "id" in item:
            item["id"] = f"{namespace}:{item['id']}"
        _namespaced(item.get("items") or [], namespace)
        for index, choice in enumerate(item.get("choices") or []):
            if isinstance(choice, dict) and len(choice) == 1:
                ((key, label),) = choice.items()
                renamed = Obj({f"{namespace}:{key}": label})
                renamed.line = getattr(choice, "line", 0)
                item["choices"][index] = renamed


def _insert(items: list, new: dict, target: str, after: bool) -> bool:
    """VSAQ's insertItemIntoTemplate_: a depth-first search for ``target``."""
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == target:
            items.insert(index + 1 if after else index, new)
            return True
        if isinstance(item, dict) and _insert(item.get("items") or [], new, target, after):
            return True
    return False


def apply_extension(base: Any, extension: Any, file: str = "") -> None:
    """Insert an extension file's items into ``base`` (in place), as VSAQ's
    setMultipleTemplates does; VsaqSourceError when it does not fit."""
    if not isinstance(extension, dict) or not isinstance(extension.get("extensions"), list):
        raise VsaqSourceError(f"{file + ': ' if file else ''}not a VSAQ extension: "
                              "no 'extensions' list")
    if extension.get("version") != (base.get("version") if isinstance(base, dict) else None):
        raise VsaqSourceError(f"{file + ': ' if file else ''}the extension's version "
                              f"{extension.get('version')!r} differs from the base "
                              f"questionnaire's {base.get('version')!r}")
    extensions = extension["extensions"]
    if extension.get("namespace"):
        _namespaced(extensions, str(extension["namespace"]))
    for item in extensions:
        before, after = item.pop("insertBefore", None), item.pop("insertAfter", None)
        line = getattr(item, "line", None)
        if bool(before) == bool(after):
            raise VsaqSourceError("an extension item needs either insertBefore or "
                                  "insertAfter", line, None, file)
        if not _insert(questionnaire_items(base), item, before or after, bool(after)):
            raise VsaqSourceError(f"the target item {before or after!r} is not in the "
                                  "base questionnaire", line, None, file)
