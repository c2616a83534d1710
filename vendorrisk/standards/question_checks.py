"""The checks of one question of a selection-standard file: its type, weight, knockout,
choices, evidence, warnings, subsection and criteria; each problem names file and line
(checks.py holds the checker and the file-level checks)."""

import re
from typing import TYPE_CHECKING, Any

from vendorrisk.standards.conditions import references
from vendorrisk.standards.definition import (
    MAX_POINTS,
    SCORED_TYPES,
    SEVERITY_WEIGHT,
    Choice,
    Evidence,
    Knockout,
    Question,
    QuestionType,
    Warning,
)
from vendorrisk.standards.yamlsource import Path as DataPath

if TYPE_CHECKING:
    from vendorrisk.standards.checks import Checker

IDENT = re.compile(r"[a-z][a-z0-9_]*")


REF_KINDS = ("appi", "jis", "iso27001", "sig", "caiq", "vsaq")


QUESTION_KEYS = {"id", "type", "text", "help", "weight", "knockout", "condition", "required",
                 "na_allowed", "evidence", "choices", "refs", "prefill", "subsection",
                 "criteria", "warnings"}


WARNING_KEYS = {"id", "when", "severity", "name", "advice", "why"}


EVIDENCE_KEYS = {"required", "what", "valid_until"}


def answer_refs(node: Any) -> tuple[str, ...]:
    """The question ids a condition reads, sorted."""
    if node is None:
        return ()
    return tuple(sorted(ref.name for ref in references(node) if ref.scope == "answers"))


def check_choices(c: "Checker", raw: dict, path: DataPath, qtype: str, *,
                  warned: bool = False) -> tuple[Choice, ...]:
    """A choice question's choices; on a question with warnings a choice's ``score`` may
    be left out (its warnings decide the points)."""
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
        score = c.get(item, where, "score", int, required=not warned, default=0)
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


def check_knockout(c: "Checker", raw: dict, path: DataPath) -> Knockout | None:
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


def check_evidence(c: "Checker", raw: dict, path: DataPath) -> Evidence:
    for key in sorted(set(raw) - EVIDENCE_KEYS):
        c.problem((*path, key), f"unknown key {key!r} in evidence")
    return Evidence(required=bool(c.get(raw, path, "required", bool, required=False)),
                    what=c.text(raw, path, "what", required=False),
                    valid_until=c.get(raw, path, "valid_until", str, required=False))


def check_warning(c: "Checker", raw: Any, path: DataPath) -> Warning | None:
    """One warning: an id, a condition (``when``), a severity, a name; advice and why
    are optional."""
    if not isinstance(raw, dict):
        c.problem(path, "a warning is a mapping with id, when, severity and name")
        return None
    for key in sorted(set(raw) - WARNING_KEYS):
        c.problem((*path, key), f"unknown key {key!r} in a warning")
    warning_id = c.get(raw, path, "id", str)
    if warning_id is not None and not IDENT.fullmatch(warning_id):
        c.problem((*path, "id"), f"the id {warning_id!r} uses lower-case letters, digits and _")
    when = c.get(raw, path, "when", str)
    node = c.condition(when, (*path, "when")) if when is not None else None
    severity = c.get(raw, path, "severity", str)
    if severity is not None and severity not in SEVERITY_WEIGHT:
        c.problem((*path, "severity"), f"unknown severity {severity!r}; severities are "
                                       f"{', '.join(SEVERITY_WEIGHT)}")
        severity = None
    name = c.text(raw, path, "name")
    advice = c.text(raw, path, "advice", required=False)
    why = c.text(raw, path, "why", required=False)
    if not (warning_id and node is not None and severity and name):
        return None
    return Warning(id=warning_id, condition_text=when, condition=node, severity=severity,
                   name=name, advice=advice, why=why, depends_on=answer_refs(node))


def check_warnings(c: "Checker", raw: dict, path: DataPath) -> tuple[Warning, ...]:
    items = c.get(raw, path, "warnings", list, required=False, default=[])
    if "warnings" in raw and not items:
        c.problem((*path, "warnings"), "'warnings' lists at least one warning")
    found = (check_warning(c, item, (*path, "warnings", index))
             for index, item in enumerate(items))
    return tuple(warning for warning in found if warning is not None)


def check_criteria(c: "Checker", raw: dict, path: DataPath) -> tuple[str, ...]:
    """Criteria of the default standard: section ids (d1..d11) or its question ids."""
    items = c.get(raw, path, "criteria", list, required=False, default=[])
    criteria: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, str) or not IDENT.fullmatch(item):
            c.problem((*path, "criteria", index), f"a criterion is an id such as d3 or "
                                                  f"d4_access_control, not {item!r}")
        elif item in criteria:
            c.problem((*path, "criteria", index), f"the criterion {item!r} appears twice")
        else:
            criteria.append(item)
    return tuple(criteria)


def _check_scoring_keys(c: "Checker", raw: dict, path: DataPath, qtype: str | None,
                        warned: bool) -> tuple[int, Knockout | None]:
    weight = c.get(raw, path, "weight", int, required=False, default=0)
    if not 0 <= weight <= MAX_POINTS:
        c.problem((*path, "weight"), "the weight is 0 to 3")
    if qtype and weight and qtype not in SCORED_TYPES and not warned:
        c.problem((*path, "weight"), f"a {qtype} question is not scored (without warnings); "
                                     f"its weight is 0")
    knockout = check_knockout(c, raw, path)
    if knockout and qtype and qtype not in SCORED_TYPES and not warned:
        c.problem((*path, "knockout"), f"a {qtype} question cannot be a knockout "
                                       f"(without warnings)")
    elif knockout and qtype and not weight:
        c.problem((*path, "knockout"), "a knockout question is scored: give it a weight 1–3")
    return weight, knockout


def check_question(c: "Checker", raw: Any, path: DataPath, section_id: str
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
    warnings = check_warnings(c, raw, path)
    weight, knockout = _check_scoring_keys(c, raw, path, qtype, "warnings" in raw)
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
        depends_on=answer_refs(condition),
        required=c.get(raw, path, "required", bool, required=False, default=True),
        na_allowed=c.get(raw, path, "na_allowed", bool, required=False, default=False),
        evidence=check_evidence(c, evidence, (*path, "evidence")) if evidence else None,
        choices=check_choices(c, raw, path, qtype or "", warned="warnings" in raw),
        refs=tuple((kind, tuple(str(v) for v in refs[kind] or ())) for kind in REF_KINDS
                   if kind in refs),
        prefill=prefill, subsection=c.text(raw, path, "subsection", required=False),
        warnings=warnings, criteria=check_criteria(c, raw, path),
    )
    return question if qid and qtype else None
