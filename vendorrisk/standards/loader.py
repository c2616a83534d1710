"""Reading and checking selection-standard files; every problem names file and line.

:func:`read_definition` returns the definition or the full list of problems; the same
checks build definitions back from stored JSON snapshots.
"""

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from vendorrisk.standards.checks import Checker, check_header, check_scoring, check_sections
from vendorrisk.standards.condition_parser import ConditionError
from vendorrisk.standards.conditions import check, references
from vendorrisk.standards.definition import (
    Definition,
    QuestionType,
)
from vendorrisk.standards.gateway_checks import gateway_problem, na_gateways
from vendorrisk.standards.yamlsource import Located, Problem, SourceError, parse_yaml
from vendorrisk.standards.yamlsource import Path as DataPath


def _question_paths(data: dict) -> dict[str, DataPath]:
    paths = {}
    for s_index, section in enumerate(data.get("sections") or []):
        for q_index, question in enumerate((section or {}).get("questions") or []):
            if isinstance(question, dict) and isinstance(question.get("id"), str):
                paths[question["id"]] = ("sections", s_index, "questions", q_index)
    return paths


def _conditions(question, path: DataPath):  # noqa: ANN202
    """(condition, where, is it the display condition) of one question."""
    yield question.condition, (*path, "condition"), True
    if question.knockout and question.knockout.condition is not None:
        yield question.knockout.condition, (*path, "knockout"), False
    for index, warning in enumerate(question.warnings):
        yield warning.condition, (*path, "warnings", index, "when"), False


def _check_conditions(c: Checker, definition: Definition, paths: dict[str, DataPath]) -> None:
    """Ids exist, types agree (display, knockout and warning conditions), and no
    question's visibility depends on itself. A display condition may read scored
    answers (a scored gateway: scoring.py counts what it hides)."""
    types = definition.answer_types()
    depends: dict[str, set[str]] = {}
    for question in definition.questions.values():
        for node, where, is_display in _conditions(question, paths.get(question.id, ())):
            if node is None:
                continue
            try:
                check(node, types)
            except ConditionError as error:
                c.problem(where, f"condition: {error}")
                continue
            if is_display:
                depends[question.id] = {ref.name for ref in references(node)
                                        if ref.scope == "answers"}
    for start in sorted(depends):
        cycle = _find_cycle(start, depends)
        if cycle:
            c.problem((*paths.get(start, ()), "condition"),
                      "circular conditions: " + " → ".join(cycle))


def _check_validity_dates(c: Checker, definition: Definition,
                          paths: dict[str, DataPath]) -> None:
    """``evidence.valid_until`` names a date question of the same file."""
    for question in definition.questions.values():
        target = question.evidence.valid_until if question.evidence else None
        if target is None:
            continue
        where = (*paths.get(question.id, ()), "evidence", "valid_until")
        other = definition.questions.get(target)
        if other is None:
            c.problem(where, f"valid_until: unknown question {target!r}")
        elif other.type != QuestionType.DATE:
            c.problem(where, f"valid_until names {target}, a {other.type} question; "
                             f"it must name a date question")


def _find_cycle(start: str, depends: dict[str, set[str]]) -> list[str] | None:
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    while stack:
        node, trail = stack.pop()
        for nxt in sorted(depends.get(node, ())):
            if nxt == start:
                return [*trail, start]
            if nxt not in trail:
                stack.append((nxt, [*trail, nxt]))
    return None


def _check_guarantee(c: Checker, definition: Definition, paths: dict[str, DataPath]) -> None:
    """Scored gateways keep the scoring guarantee (gateway_checks.py)."""
    for question in definition.questions.values():
        if why := gateway_problem(definition, question):
            c.problem((*paths.get(question.id, ()), "condition"), f"scored gateway: {why}")
    for gate in na_gateways(definition):
        c.problem((*paths.get(gate, ()), "na_allowed"),
                  "a scored question that shows or hides scored questions cannot be "
                  "answered N/A: answering it could then lower the score")


def build_definition(source: Located, file: str, file_path: Path | None = None, *,
                     guarantee: bool = True) -> tuple[Definition | None, list[Problem]]:
    """Check parsed data and build the definition; every problem is returned.
    ``guarantee``: also refuse scored gateways that break the scoring guarantee (files;
    a stored snapshot passed when it was stored)."""
    c = Checker(source, file)
    data = source.data
    if not isinstance(data, dict):
        return None, [Problem(file, 1, "the file must be a mapping (slug, version, ...)")]
    header = check_header(c, data, file_path)
    scoring = check_scoring(c, data)
    sections = check_sections(c, data)
    if c.problems or scoring is None:
        return None, c.problems
    definition = Definition(scoring=scoring, sections=sections, **header)
    for tier in definition.tiers:
        if tier not in scoring.pass_marks and tier != "out_of_scope":
            c.problem(("scoring", "pass_marks"), f"no pass mark for tier {tier}")
    paths = _question_paths(data)
    _check_conditions(c, definition, paths)
    _check_validity_dates(c, definition, paths)
    if guarantee and not c.problems:
        _check_guarantee(c, definition, paths)
    return (None, c.problems) if c.problems else (definition, [])


def read_definition(path: Path, root: Path | None = None
                    ) -> tuple[Definition | None, dict | None, list[Problem]]:
    """Read one file: (definition, parsed data, problems)."""
    name = str(path.relative_to(root)) if root else str(path)
    try:
        source = parse_yaml(path.read_text(encoding="utf-8"), name)
    except UnicodeDecodeError:
        return None, None, [Problem(name, None, "the file is not UTF-8 text")]
    except SourceError as error:
        return None, None, [error.problem]
    definition, problems = build_definition(source, name, path)
    return definition, source.data, problems


def definition_from_snapshot(snapshot: dict) -> Definition:
    """Rebuild a stored version (it passed every check when it was stored)."""
    definition, problems = build_definition(Located(snapshot, {}), "<stored version>",
                                           guarantee=False)
    if definition is None:
        raise ValueError("; ".join(str(problem) for problem in problems))
    return definition


def checksum(data: dict) -> str:
    """SHA-256 of the canonical JSON of a parsed file (formatting and comments aside)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def definition_files(folder: Path) -> list[Path]:
    """Every ``<slug>/v<N>.yaml`` below ``folder``, in a stable order."""
    return sorted(folder.glob("*/v*.y*ml"))


def check_folder(folder: Path, on_file: Callable[[Path, list[Problem]], None] | None = None
                 ) -> list[Problem]:
    """Check every file; return all problems."""
    problems = []
    for path in definition_files(folder):
        _definition, _data, found = read_definition(path, folder)
        problems.extend(found)
        if on_file:
            on_file(path, found)
    return problems

