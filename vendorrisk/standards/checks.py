"""The checks of a selection-standard file's header, scoring, sections, questions,
choices, knockouts and evidence; each problem names its file and line (loader.py reads
the file and runs them)."""

import re
from pathlib import Path
from typing import Any

from vendorrisk.standards.condition_parser import ConditionError, parse
from vendorrisk.standards.conditions import references
from vendorrisk.standards.definition import (
    MAX_POINTS,
    SCORED_TYPES,
    TIERS,
    Choice,
    Evidence,
    Knockout,
    Question,
    QuestionType,
    ScoringPolicy,
    Section,
    Use,
    text_of,
)
from vendorrisk.standards.yamlsource import Located, Problem
from vendorrisk.standards.yamlsource import Path as DataPath

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


IDENT = re.compile(r"[a-z][a-z0-9_]*")


REF_KINDS = ("appi", "jis", "iso27001", "sig", "caiq", "vsaq")


QUESTION_KEYS = {"id", "type", "text", "help", "weight", "knockout", "condition", "required",
                 "na_allowed", "evidence", "choices", "refs", "prefill"}


class Checker:
    """Collects problems while turning parsed data into a Definition."""

    def __init__(self, source: Located, file: str) -> None:
        self.source, self.file = source, file
        self.problems: list[Problem] = []

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

    def text(self, data: dict, path: DataPath, key: str, *, required: bool = True):  # noqa: ANN201
        value = self.get(data, path, key, dict, required=required)
        if value is None:
            return None
        complete = True
        for language in ("en", "ja"):
            if not isinstance(value.get(language), str) or not value[language].strip():
                name = "Japanese" if language == "ja" else "English"
                self.problem((*path, key), f"'{key}' has no {name} text ('{language}')")
                complete = False
        return text_of(value) if complete else None

    def condition(self, text: Any, path: DataPath):  # noqa: ANN201
        if not isinstance(text, str):
            self.problem(path, "a condition must be text")
            return None
        try:
            return parse(text)
        except ConditionError as error:
            self.problem(path, f"condition {text!r}: {error}")
            return None


def check_header(c: Checker, data: dict, file_path: Path | None) -> dict[str, Any]:
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
    return {"slug": slug, "version": version, "use": use,
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


def check_choices(c: Checker, raw: dict, path: DataPath, qtype: str) -> tuple[Choice, ...]:
    wants = qtype in {QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE}
    if not wants:
        if "choices" in raw:
            c.problem((*path, "choices"), f"a {qtype} question has no choices")
        return ()
    choices, seen = [], set()
    for index, item in enumerate(c.get(raw, path, "choices", list) or []):
        where = (*path, "choices", index)
        if not isinstance(item, dict):
            c.problem(where, "a choice is a mapping with id, label and score")
            continue
        choice_id = c.get(item, where, "id", str)
        score = c.get(item, where, "score", int)
        label = c.text(item, where, "label")
        if choice_id in seen:
            c.problem(where, f"the choice id {choice_id!r} appears twice")
        seen.add(choice_id)
        if score is not None and not 0 <= score <= MAX_POINTS:
            c.problem((*where, "score"), "a choice scores 0 to 3")
        if choice_id and score is not None and label:
            choices.append(Choice(choice_id, label, score))
    if len(choices) < 2 and "choices" in raw:
        c.problem(path, "a choice question needs at least two choices")
    return tuple(choices)


def check_knockout(c: Checker, raw: dict, path: DataPath) -> Knockout | None:
    value = raw.get("knockout")
    if value is None:
        return None
    if value in ("always", "tier1"):
        return Knockout(kind=value)
    if isinstance(value, dict) and set(value) == {"when"}:
        node = c.condition(value["when"], (*path, "knockout"))
        return Knockout(kind="when", condition_text=value["when"], condition=node)
    c.problem((*path, "knockout"), "knockout is 'always', 'tier1' or {when: <condition>}")
    return None


EVIDENCE_KEYS = {"required", "what", "valid_until"}


def check_evidence(c: Checker, raw: dict, path: DataPath) -> Evidence:
    for key in sorted(set(raw) - EVIDENCE_KEYS):
        c.problem((*path, key), f"unknown key {key!r} in evidence")
    return Evidence(required=bool(c.get(raw, path, "required", bool, required=False)),
                    what=c.text(raw, path, "what", required=False),
                    valid_until=c.get(raw, path, "valid_until", str, required=False))


def check_question(c: Checker, raw: Any, path: DataPath, section_id: str
                    ) -> Question | None:
    if not isinstance(raw, dict):
        c.problem(path, "a question is a mapping")
        return None
    for key in sorted(set(raw) - QUESTION_KEYS):
        c.problem((*path, key), f"unknown key {key!r} in a question")
    qid = c.get(raw, path, "id", str)
    if qid is not None and not IDENT.fullmatch(qid):
        c.problem((*path, "id"), f"the id {qid!r} uses lower-case letters, digits and _")
    qtype = c.get(raw, path, "type", str)
    if qtype is not None and qtype not in set(QuestionType):
        c.problem((*path, "type"), f"unknown type {qtype!r}; types are "
                                   f"{', '.join(QuestionType)}")
        qtype = None
    weight = c.get(raw, path, "weight", int, required=False, default=0)
    if not 0 <= weight <= MAX_POINTS:
        c.problem((*path, "weight"), "the weight is 0 to 3")
    if qtype and weight and qtype not in SCORED_TYPES:
        c.problem((*path, "weight"), f"a {qtype} question is not scored; its weight is 0")
    knockout = check_knockout(c, raw, path)
    if knockout and qtype and qtype not in SCORED_TYPES:
        c.problem((*path, "knockout"), f"a {qtype} question cannot be a knockout")
    condition_text = c.get(raw, path, "condition", str, required=False)
    evidence = c.get(raw, path, "evidence", dict, required=False)
    refs = c.get(raw, path, "refs", dict, required=False, default={})
    prefill = c.get(raw, path, "prefill", str, required=False)
    if prefill not in (None, "certification"):
        c.problem((*path, "prefill"), "prefill is 'certification' or absent")
    for kind in sorted(set(refs) - set(REF_KINDS)):
        c.problem((*path, "refs", kind), f"unknown reference kind {kind!r}")
    condition = c.condition(condition_text, (*path, "condition")) if condition_text else None
    question = Question(
        id=qid or "", section_id=section_id, type=QuestionType(qtype or "text"),
        text=c.text(raw, path, "text"), help=c.text(raw, path, "help", required=False),
        weight=weight, knockout=knockout, condition_text=condition_text, condition=condition,
        depends_on=tuple(sorted(ref.name for ref in references(condition)
                                if ref.scope == "answers")) if condition else (),
        required=c.get(raw, path, "required", bool, required=False, default=True),
        na_allowed=c.get(raw, path, "na_allowed", bool, required=False, default=False),
        evidence=check_evidence(c, evidence, (*path, "evidence")) if evidence else None,
        choices=check_choices(c, raw, path, qtype or ""),
        refs=tuple((kind, tuple(str(v) for v in refs[kind] or ())) for kind in REF_KINDS
                   if kind in refs),
        prefill=prefill,
    )
    return question if qid and qtype else None


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
        if section_id in seen:
            c.problem((*path, "id"), f"the id {section_id!r} is already used")
        seen[section_id] = c.source.line((*path, "id"))
        sections.append(Section(id=section_id, title=c.text(raw, path, "title"),
                                description=c.text(raw, path, "description", required=False),
                                questions=tuple(questions)))
    if not sections:
        c.problem((), "a standard needs at least one section with questions")
    return tuple(sections)
