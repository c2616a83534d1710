"""Reading a posted questionnaire section.

Field names, per question id: ``present-<id>`` (the question was on the page),
``q-<id>`` (the value; repeated for multi-choice), ``na-<id>``, ``just-<id>``,
``comment-<id>``, ``ver-<id>`` (the answer version the page was loaded with) and
``keep-<id>`` (a carried-over answer confirmed as still true; ``confirm_all`` confirms
every one posted).
"""

from collections.abc import Iterator, Mapping
from typing import Any

from flask_babel import gettext as _

from vendorrisk.assessments.answers import MAX_TEXT, parse_value
from vendorrisk.foundation.errors import ValidationError
from vendorrisk.foundation.routing import as_id
from vendorrisk.standards.definition import Question, QuestionType, Section


def parse_section_post(section: Section, form: Any, errors: dict[str, str]
                       ) -> Iterator[tuple[Question, dict[str, Any]]]:
    """(question, save_answer arguments) for each question posted; problems go to ``errors``."""
    for question in section.questions:
        qid = question.id
        if f"present-{qid}" not in form:
            continue
        raw = form.getlist(f"q-{qid}") if question.type == QuestionType.MULTI_CHOICE \
            else form.get(f"q-{qid}")
        not_applicable = form.get(f"na-{qid}") == "yes"
        justification = form.get(f"just-{qid}", "")
        if not_applicable and not question.na_allowed:
            errors[qid] = _("This question cannot be answered N/A.")
            continue
        if not_applicable and not justification.strip():
            errors[qid] = _("Explain why the question does not apply.")
            continue
        try:
            value = None if not_applicable else parse_value(question, raw)
        except ValidationError as error:
            errors[qid] = error.message
            continue
        comment = form.get(f"comment-{qid}", "")
        if len(justification) > MAX_TEXT or len(comment) > MAX_TEXT:
            errors[qid] = _("Use at most 10,000 characters.")
            continue
        yield question, {"value": value, "not_applicable": not_applicable,
                         "justification": justification, "comment": comment,
                         "expected_version": _version(form, qid),
                         "confirm": "yes" in (form.get(f"keep-{qid}"), form.get("confirm_all"))}


def _version(form: Mapping[str, str], qid: str) -> int | None:
    return as_id(form.get(f"ver-{qid}"))
