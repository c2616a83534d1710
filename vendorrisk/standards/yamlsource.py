"""YAML parsed with the line of every value, so errors can say where they are."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

Path = tuple[Any, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where, and what."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class SourceError(Exception):
    """The file could not be read as YAML at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Located:
    """Parsed data plus the line where each path starts."""

    data: Any
    lines: dict[Path, int]

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)


def parse_yaml(text: str, file: str) -> Located:
    """Parse ``text``; duplicate keys and YAML errors become SourceError with a line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        raise SourceError(Problem(file, mark.line + 1 if mark else None,
                                  f"not valid YAML: {reason}")) from None
    lines: dict[Path, int] = {}
    constructor = SafeConstructor()

    def build(node: Any, path: Path) -> Any:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = constructor.construct_object(key_node, deep=True)
                if key in result:
                    raise SourceError(Problem(file, key_node.start_mark.line + 1,
                                              f"the key {key!r} appears twice"))
                result[key] = build(value_node, (*path, key))
                lines[(*path, key)] = key_node.start_mark.line + 1
            return result
        if isinstance(node, SequenceNode):
            return [build(item, (*path, index)) for index, item in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            try:
                value = constructor.construct_object(node, deep=True)
                # Dates stay text, as they would in JSON.
                return value.isoformat() if isinstance(value, date) else value
            except yaml.YAMLError as error:
                raise SourceError(Problem(file, node.start_mark.line + 1,
                                          f"unreadable value: {error}")) from None
        raise SourceError(Problem(file, node.start_mark.line + 1, "unsupported YAML"))

    return Located(build(root, ()) if root is not None else None, lines)
