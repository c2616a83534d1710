"""What staff read of each answer and its points, in their language: the answer as
labels (never choice ids or list text), the rule that gave the points in words, and
the warnings that hold with their advice and the vendor's justification.

The same lines serve the assessment page (from the live score) and the assessment
report (from the record, signed or not): :func:`answer_lines` takes plain data.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from vendorrisk.assessments.labels import MATURITY_LABELS, SEVERITY_LABELS, YES_NO_LABELS
from vendorrisk.foundation.richtext import plain
from vendorrisk.review.warning_check import gateway_of, holding_warnings
from vendorrisk.standards.definition import Definition, Question, QuestionType, Text, Warning
from vendorrisk.standards.scoring import Answer, score


@dataclass(frozen=True)
class ScoreItem:
    """One question's part of the score, as the live score or the record gives it."""

    status: str
    points: int | None
    weight: int


@dataclass(frozen=True)
class WarningLine:
    name: str
    severity: str  # the label, in the reader's language
    severity_code: str  # critical | high | medium | low (for the page's colour)
    advice: Text | None  # shown with |rich
    why: Text | None
    justification: str  # the vendor's, when the warning asks why


@dataclass(frozen=True)
class AnswerLine:
    answer: str
    rule: str
    warnings: tuple[WarningLine, ...] = ()


def _label(text: Text, locale: str) -> str:
    return plain(text.get(locale))


def answer_words(question: Question, value: Any, locale: str) -> str:
    """An answer as the reader says it: labels of choices and levels, "Yes", a list
    joined with commas; an unknown value as stored, never as Python text."""
    if value is None or value == "":
        return _("(no answer)")
    if isinstance(value, list):
        if not value:
            return _("None of these")
        return ", ".join(answer_words(question, item, locale) for item in value)
    if question.type is QuestionType.MATURITY and value in MATURITY_LABELS \
            and not isinstance(value, bool):
        return str(MATURITY_LABELS[value])
    if question.type is QuestionType.YES_NO and value in YES_NO_LABELS:
        return str(YES_NO_LABELS[value])
    choice = question.choice(value) if isinstance(value, str) else None
    return _label(choice.label, locale) if choice else str(value)


def _invalid(question: Question, answer: Answer | None) -> str:
    if answer is not None and answer.not_applicable:
        if not question.na_allowed:
            return _("N/A is not allowed for this question: 0")
        return _("N/A without a justification: 0")
    return _("Not a valid answer: 0")


def rule_words(question: Question, item: ScoreItem, answer: Answer | None, *,
               applying: tuple[Warning, ...], gateway: Question | None,
               computed: int | None, locale: str) -> str:
    """How the points were reached, in words (the scoring's own rule text is the English
    kept in the record); ``computed``: the answer's own points when a reviewer set
    others (None: no override)."""
    status, points = item.status, item.points
    if status == "hidden":
        if points is None:
            return _("Not shown")
        if gateway is None:
            return _("Hidden: counts as %(points)d points", points=points)
        return _("Hidden by “%(question)s”: counts as its %(points)d points",
                 question=_label(gateway.text, locale), points=points)
    if status == "not_applicable":
        return _("Not applicable: left out of the score")
    if status == "invalid":
        return _invalid(question, answer)
    if not item.weight or status == "unscored":
        return _("Not scored")
    if status == "unanswered" or points is None:
        return _("Not answered: 0")
    if computed is not None:
        return _("Set by the reviewer: %(points)d of 3 (the answer gave %(before)d)",
                 points=points, before=computed)
    if question.warnings and applying:
        return "; ".join(_("Warning “%(name)s” applies: 0", name=_label(w.name, locale))
                         for w in applying)
    if question.warnings and points:
        return _("No warning applies: %(points)d of 3", points=points)
    value = answer.value if answer is not None else None
    return _("Answer: %(answer)s — %(points)d of 3",
             answer=answer_words(question, value, locale), points=points)


def _warning_line(warning: Warning, answer: Answer | None, locale: str) -> WarningLine:
    return WarningLine(
        name=_label(warning.name, locale),
        severity=str(SEVERITY_LABELS.get(warning.severity, warning.severity)),
        severity_code=warning.severity,
        advice=warning.advice, why=warning.why,
        justification=(answer.justification if answer is not None else "") or "")


def _computed(definition: Definition, answers: Mapping[str, Answer],
              scores: Mapping[str, ScoreItem], overridden: set[str],
              profile: Mapping[str, Any], tier: str) -> dict[str, int]:
    """The points the vendor's own answers gave the questions a reviewer overrode."""
    shown = {qid for qid in overridden if qid in scores and scores[qid].status == "scored"}
    if not shown:
        return {}
    own = score(definition, answers, profile, tier).questions
    return {qid: own[qid].points or 0 for qid in shown if qid in own}


def answer_lines(definition: Definition, answers: Mapping[str, Answer],
                 scores: Mapping[str, ScoreItem], overridden: set[str],
                 profile: Mapping[str, Any], tier: str, locale: str
                 ) -> dict[str, AnswerLine]:
    """Question id → what a reviewer reads of its answer, rule and warnings;
    ``overridden``: the questions whose points a reviewer set."""
    hidden = {qid for qid, item in scores.items() if item.status == "hidden"}
    computed = _computed(definition, answers, scores, overridden, profile, tier)
    applying = holding_warnings(definition, answers, profile, hidden)
    # What each answer counts as (unanswered and invalid count as 0), for the gateway.
    points = {qid: 0 if item.points is None and item.weight
              and item.status in {"unanswered", "invalid"} else item.points
              for qid, item in scores.items()}
    lines = {}
    for qid, question in definition.questions.items():
        item = scores.get(qid, ScoreItem("hidden", None, question.weight))
        answer = answers.get(qid)
        gateway_id = gateway_of(question, points, item.points) \
            if item.status == "hidden" and item.points is not None else None
        value = None if answer is None or answer.not_applicable else answer.value
        lines[qid] = AnswerLine(
            answer=answer_words(question, value, locale),
            rule=rule_words(question, item, answer, applying=applying.get(qid, ()),
                            gateway=definition.questions.get(gateway_id or ""),
                            computed=computed.get(qid),
                            locale=locale),
            warnings=tuple(_warning_line(w, answer, locale)
                           for w in applying.get(qid, ())))
    return lines


def record_lines(definition: Definition, record: Mapping[str, Any],
                 locale: str) -> dict[str, AnswerLine]:
    """:func:`answer_lines` for an assessment record (build_record's shape)."""
    answers = {qid: Answer(value=item.get("value"),
                           not_applicable=bool(item.get("not_applicable")),
                           justification=item.get("justification") or "")
               for qid, item in record["answers"].items()}
    scores = {qid: ScoreItem(item.get("status", ""), item.get("points"),
                             item.get("weight") or 0)
              for qid, item in record["scores"]["questions"].items()}
    overridden = {qid for qid, review in record["reviews"].items()
                  if review and review.get("override_points") is not None}
    return answer_lines(definition, answers, scores, overridden,
                        record["assessment"].get("profile") or {},
                        str(record["assessment"].get("tier", "")), locale)


def question_choice(definition: Definition, question_id: str, locale: str) -> str:
    """A question as a list offers it: its section's title and its text in the reader's
    language, never its id."""
    question = definition.questions.get(question_id)
    section = next((part for part in definition.sections
                    if part.id == (question.section_id if question else None)), None)
    if question is None or section is None:
        return _("(a question this standard no longer has)")
    return f"{_label(section.title, locale)} · {_label(question.text, locale)}"
