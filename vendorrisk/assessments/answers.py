"""Turning what a respondent typed into an answer value the standard accepts."""

import math
from datetime import date
from typing import Any

from flask_babel import gettext as _

from vendorrisk.foundation.clock import parse_day
from vendorrisk.foundation.errors import ValidationError
from vendorrisk.standards.definition import Question, QuestionType

MAX_TEXT = 10_000


def answered_date(value: Any) -> date | None:
    """A stored date answer as a date; None when blank or not a date."""
    return parse_day(value) if isinstance(value, str) else None


def parse_value(question: Question, raw: str | list[str] | None) -> Any:
    """The typed value of ``raw`` for ``question`` (None when empty), or ValidationError."""
    if isinstance(raw, list):
        values = list(dict.fromkeys(item for item in raw if item))  # each choice once
        if question.type != QuestionType.MULTI_CHOICE:
            raw = values[0] if values else None
        else:
            unknown = [item for item in values if question.choice(item) is None]
            if unknown:
                raise ValidationError(_("Choose from the options given."), field=question.id)
            return values
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return [] if question.type == QuestionType.MULTI_CHOICE and raw is not None else None
    text = str(raw).strip()
    kind = question.type
    if kind == QuestionType.MATURITY:
        if text not in {"0", "1", "2", "3"}:
            raise ValidationError(_("Choose a level from 0 to 3."), field=question.id)
        return int(text)
    if kind == QuestionType.YES_NO:
        if text not in {"yes", "no"}:
            raise ValidationError(_("Answer yes or no."), field=question.id)
        return text
    if kind in {QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE}:
        if question.choice(text) is None:
            raise ValidationError(_("Choose from the options given."), field=question.id)
        return text if kind == QuestionType.SINGLE_CHOICE else [text]
    if kind == QuestionType.NUMBER:
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            raise ValidationError(_("Enter a number."), field=question.id) from None
        if not math.isfinite(number):
            raise ValidationError(_("Enter a number."), field=question.id)
        return int(number) if number.is_integer() else number
    if kind == QuestionType.DATE:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValidationError(_("Enter a date as YYYY-MM-DD."), field=question.id) from None
    if len(text) > MAX_TEXT:
        raise ValidationError(_("Use at most 10,000 characters."), field=question.id)
    return text
