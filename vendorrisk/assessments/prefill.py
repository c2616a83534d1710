"""Which answers of a vendor's VSAQ export or CAIQ workbook fill which questions.

A question names the items it stands for in ``refs``: ``refs.vsaq`` the VSAQ item (or,
for a group without an id, its choices' ids), ``refs.caiq`` CAIQ question ids such as
``A&A-01.1``. A VSAQ choice is found by its id (the importer's choice id is the VSAQ id
in lower case, other characters as ``_``).

CAIQ answers mean, by question type: yes/no → ``yes``/``no``; a maturity level → 2 for Yes
("in place": the 3 needs evidence or independent assurance, which a self-assessed Yes does
not give) and 0 for No; a choice question with ``yes``/``no`` choices → that choice; NA →
N/A with the row's notes as its justification, where the question allows N/A and the
notes explain it. A question named by several rows takes No if any says No. The notes of
a Yes or No become the answer's comment. Everything else is listed as not filled, with
its reason (a code the page puts in words).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vendorrisk.assessments.answers import MAX_TEXT, parse_value
from vendorrisk.assessments.prefill_files import CaiqRow
from vendorrisk.foundation.errors import ValidationError
from vendorrisk.standards.definition import Definition, Question, QuestionType

CHECKED = "checked"
MAX_LISTED = 300  # unmatched items shown after an upload


@dataclass(frozen=True)
class Filled:
    question_id: str
    value: Any
    not_applicable: bool = False
    justification: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Unmapped:
    item: str  # its id in the file
    reason: str  # no_question | not_convertible | file | na_not_allowed | na_unexplained
    text: str = ""  # the question as the file words it (CAIQ)


@dataclass(frozen=True)
class Mapped:
    filled: tuple[Filled, ...]
    unmapped: tuple[Unmapped, ...]


def ident(value: str) -> str:
    """An id as the VSAQ importer writes it."""
    return re.sub(r"[^a-z0-9_]+", "_", value.lower()).strip("_")


def _refs(question: Question, kind: str) -> tuple[str, ...]:
    return dict(question.refs).get(kind, ())


def _vsaq_index(definition: Definition) -> dict[str, tuple[str, str]]:
    """File key → (question id, "item" or a choice id); keys naming two targets dropped."""
    found: dict[str, set[tuple[str, str]]] = {}
    for qid, question in definition.questions.items():
        refs = _refs(question, "vsaq")
        if not refs:
            continue
        choices = {choice.id for choice in question.choices}
        for ref in refs:
            role = ident(ref) if ident(ref) in choices else "item"
            found.setdefault(ref, set()).add((qid, role))
            found.setdefault(ident(ref), set()).add((qid, role))
        for choice in choices:
            found.setdefault(choice, set()).add((qid, choice))
    return {key: next(iter(targets)) for key, targets in found.items() if len(targets) == 1}


def _vsaq_item(question: Question, value: str | None) -> Any:
    if value is None:
        return None
    if question.type == QuestionType.YES_NO:
        return {"yes": "yes", "no": "no", CHECKED: "yes", "": "no"}.get(value)
    if question.type == QuestionType.SINGLE_CHOICE:
        chosen = {CHECKED: "yes", "": "no"}.get(value, value)
        return chosen if question.choice(chosen) else None
    if question.type == QuestionType.FILE or not value.strip():
        return None
    try:
        return parse_value(question, value[:MAX_TEXT])
    except ValidationError:
        return None


def _vsaq_value(question: Question, roles: Mapping[str, str]) -> Any:
    chosen = [choice.id for choice in question.choices if roles.get(choice.id) == CHECKED]
    if question.type == QuestionType.MULTI_CHOICE:
        return chosen if any(choice.id in roles for choice in question.choices) else None
    if question.type == QuestionType.SINGLE_CHOICE and chosen:
        return chosen[0] if len(chosen) == 1 else None
    if question.type == QuestionType.SINGLE_CHOICE and "item" not in roles:
        return "none_of_the_above" if question.choice("none_of_the_above") else None
    return _vsaq_item(question, roles.get("item"))


def from_vsaq(definition: Definition, values: Mapping[str, str]) -> Mapped:
    """The questions a VSAQ answer export fills, and the answers it gives that fill none."""
    index = _vsaq_index(definition)
    targets: dict[str, dict[str, str]] = {}
    unmapped: list[Unmapped] = []
    for key, value in values.items():
        target = index.get(key) or index.get(ident(key))
        if target is None:
            if value.strip() and len(unmapped) < MAX_LISTED:
                unmapped.append(Unmapped(key, "no_question"))
            continue
        targets.setdefault(target[0], {})[target[1]] = value
    filled = []
    for qid, roles in targets.items():
        question = definition.questions[qid]
        value = _vsaq_value(question, roles)
        if value is not None:
            filled.append(Filled(qid, value))
        elif any(v.strip() for v in roles.values()):
            unmapped.append(Unmapped(_refs(question, "vsaq")[0], "file" if question.type
                                     == QuestionType.FILE else "not_convertible"))
    return Mapped(tuple(filled), tuple(unmapped))


def _caiq_key(question_id: str) -> str:
    return re.sub(r"\s+", "", question_id).upper()


def _caiq_fill(question: Question, rows: list[CaiqRow]) -> Filled | Unmapped:
    answers = {row.answer for row in rows}
    notes = "\n".join(row.notes for row in rows if row.notes)[:MAX_TEXT] or None
    item = rows[0].question_id
    if answers == {"na"}:
        if not question.na_allowed:
            return Unmapped(item, "na_not_allowed", rows[0].text)
        if not notes:
            return Unmapped(item, "na_unexplained", rows[0].text)
        return Filled(question.id, None, not_applicable=True, justification=notes)
    said = "no" if "no" in answers else "yes" if "yes" in answers else None
    value: Any = None
    if said and question.type == QuestionType.YES_NO:
        value = said
    elif said and question.type == QuestionType.MATURITY:
        value = 2 if said == "yes" else 0
    elif said and question.type == QuestionType.SINGLE_CHOICE and question.choice(said):
        value = said
    if value is None:
        return Unmapped(item, "file" if question.type == QuestionType.FILE
                        else "not_convertible", rows[0].text)
    return Filled(question.id, value, comment=notes)


def from_caiq(definition: Definition, rows: list[CaiqRow]) -> Mapped:
    """The questions a CAIQ workbook's answered rows fill, and the rows that fill none."""
    index: dict[str, list[str]] = {}
    for qid, question in definition.questions.items():
        for ref in _refs(question, "caiq"):
            index.setdefault(_caiq_key(ref), []).append(qid)
    per_question: dict[str, list[CaiqRow]] = {}
    unmapped: list[Unmapped] = []
    for row in rows:
        qids = index.get(_caiq_key(row.question_id))
        if not qids:
            if len(unmapped) < MAX_LISTED:
                unmapped.append(Unmapped(row.question_id, "no_question", row.text))
            continue
        for qid in qids:
            per_question.setdefault(qid, []).append(row)
    filled = []
    for qid, question_rows in per_question.items():
        outcome = _caiq_fill(definition.questions[qid], question_rows)
        (filled if isinstance(outcome, Filled) else unmapped).append(outcome)
    return Mapped(tuple(filled), tuple(unmapped))
