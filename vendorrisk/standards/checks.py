"""The checks of a selection-standard file's header, scoring, sections, questions,
choices, knockouts and evidence; each problem names its file and line (loader.py reads
the file and runs them)."""

import re
from pathlib import Path
from typing import Any

from vendorrisk.standards.condition_parser import ConditionError, parse
from vendorrisk.standards.definition import (
    MAX_POINTS,
    TIERS,
    ScoringPolicy,
    Section,
    Text,
    Use,
)
from vendorrisk.standards.question_checks import check_question
from vendorrisk.standards.yamlsource import Located, Problem
from vendorrisk.standards.yamlsource import Path as DataPath

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

LANGUAGES = {"en": "English", "ja": "Japanese"}


class Checker:
    """Collects problems while turning parsed data into a Definition."""

    def __init__(self, source: Located, file: str) -> None:
        self.source, self.file = source, file
        self.problems: list[Problem] = []
        # "en" or "ja" once the header declares the standard single-language.
        self.language: str | None = None

    def problem(self, path: DataPath, message: str) -> None:
        self.problems.append(Problem(self.file, self.source.line(path), message))

    def get(self, data: dict, path: DataPath, key: str, kind: type | tuple, *,
            required: bool = True, default: Any = None) -> Any:
        if key not in data:
            if required:
                self.problem(path, f"'{key}' is missing")
            return default
        value = data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(
                k.__name__ for k in kind)
            self.problem((*path, key), f"'{key}' must be a {names}, not {value!r}")
            return default
        return value

    def text(self, data: dict, path: DataPath, key: str, *, required: bool = True
             ) -> Text | None:
        """Both languages; in a single-language standard only its language, used for
        both (Text(en=x, ja=x))."""
        value = self.get(data, path, key, dict, required=required)
        if value is None:
            return None
        complete = True
        for language in (self.language,) if self.language else LANGUAGES:
            if not isinstance(value.get(language), str) or not value[language].strip():
                self.problem((*path, key), f"'{key}' has no {LANGUAGES[language]} text "
                                           f"('{language}')")
                complete = False
        if not complete:
            return None
        if self.language:
            return Text(en=value[self.language], ja=value[self.language])
        return Text(en=value["en"], ja=value["ja"])

    def condition(self, text: Any, path: DataPath):  # noqa: ANN201
        if not isinstance(text, str):
            self.problem(path, "a condition must be text")
            return None
        try:
            return parse(text)
        except ConditionError as error:
            self.problem(path, f"condition {text!r}: {error}")
            return None


def check_language(c: Checker, data: dict) -> str | None:
    """``language: en|ja`` declares a single-language standard (absent: bilingual)."""
    language = c.get(data, (), "language", str, required=False)
    if language is not None and language not in LANGUAGES:
        c.problem(("language",), f"the language is en or ja (or absent for both), "
                                 f"not {language!r}")
        return None
    c.language = language
    return language


def check_header(c: Checker, data: dict, file_path: Path | None) -> dict[str, Any]:
    language = check_language(c, data)
    slug = c.get(data, (), "slug", str)
    version = c.get(data, (), "version", int)
    if slug is not None and not SLUG.fullmatch(slug):
        c.problem(("slug",), "the slug uses lower-case letters, digits and hyphens")
    expected_names = {f"v{version}.yaml", f"v{version}.yml"}
    misplaced = file_path is not None and slug and version is not None and (
        file_path.parent.name != slug or file_path.name not in expected_names)
    if misplaced:
        c.problem(("slug",), f"the file must be {slug}/v{version}.yaml for this slug "
                             "and version")
    if version is not None and version < 1:
        c.problem(("version",), "the version starts at 1")
    use = c.get(data, (), "use", str)
    if use is not None and use not in set(Use):
        c.problem(("use",), f"unknown use {use!r}; use one of {', '.join(Use)}")
    tiers = c.get(data, (), "tiers", list) or []
    for index, tier in enumerate(tiers):
        if str(tier) not in TIERS:
            c.problem(("tiers", index), f"unknown tier {tier!r}; tiers are {', '.join(TIERS)}")
    return {"slug": slug, "version": version, "use": use, "language": language,
            "tiers": tuple(str(tier) for tier in tiers),
            "title": c.text(data, (), "title"),
            "description": c.text(data, (), "description", required=False),
            "references": tuple(str(r) for r in c.get(data, (), "references", list,
                                                      required=False, default=[]))}


def check_scoring(c: Checker, data: dict) -> ScoringPolicy | None:
    scoring = c.get(data, (), "scoring", dict)
    if scoring is None:
        return None
    marks = c.get(scoring, ("scoring",), "pass_marks", dict) or {}
    pass_marks = {}
    for tier, mark in marks.items():
        if str(tier) not in TIERS or not isinstance(mark, int | float) or not 0 <= mark <= 100:
            c.problem(("scoring", "pass_marks", tier),
                      f"pass mark {tier!r}: {mark!r} must be a tier with a percentage 0–100")
        else:
            pass_marks[str(tier)] = float(mark)
    grade_a = c.get(scoring, ("scoring",), "grade_a", (int, float))
    knockout_min = c.get(scoring, ("scoring",), "knockout_min", int)
    if knockout_min is not None and not 0 <= knockout_min <= MAX_POINTS:
        c.problem(("scoring", "knockout_min"), "knockout_min is between 0 and 3")
    if grade_a is None or knockout_min is None:
        return None
    return ScoringPolicy(pass_marks=pass_marks, grade_a=float(grade_a),
                         knockout_min=knockout_min)


def check_sections(c: Checker, data: dict) -> tuple[Section, ...]:
    sections, seen = [], {}
    for s_index, raw in enumerate(c.get(data, (), "sections", list) or []):
        path = ("sections", s_index)
        if not isinstance(raw, dict):
            c.problem(path, "a section is a mapping with id, title and questions")
            continue
        section_id = c.get(raw, path, "id", str) or ""
        questions = []
        for q_index, raw_question in enumerate(c.get(raw, path, "questions", list) or []):
            q_path = (*path, "questions", q_index)
            question = check_question(c, raw_question, q_path, section_id)
            if question is None:
                continue
            if question.id in seen:
                c.problem((*q_path, "id"), f"the id {question.id!r} is already used on line "
                                           f"{seen[question.id]}")
                continue
            seen[question.id] = c.source.line((*q_path, "id"))
            questions.append(question)
            for w_index, warning in enumerate(question.warnings):
                w_path = (*q_path, "warnings", w_index, "id")
                if warning.id in seen:
                    c.problem(w_path, f"the id {warning.id!r} is already used on line "
                                      f"{seen[warning.id]}")
                seen.setdefault(warning.id, c.source.line(w_path))
        if section_id in seen:
            c.problem((*path, "id"), f"the id {section_id!r} is already used")
        seen[section_id] = c.source.line((*path, "id"))
        sections.append(Section(id=section_id, title=c.text(raw, path, "title"),
                                description=c.text(raw, path, "description", required=False),
                                questions=tuple(questions)))
    if not sections:
        c.problem((), "a standard needs at least one section with questions")
    return tuple(sections)
