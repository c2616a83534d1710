"""What a reviewer types about a finding, checked field by field: every problem is
collected (``Problems``) so the form marks all of them at once."""

from datetime import date, datetime

from flask_babel import gettext as _

from vendorrisk.auth.models import User
from vendorrisk.foundation.errors import Problems, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Severity

MAX_TEXT = 5_000


def text_of(value: str, field: str, message: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(message, field=field)
    if len(text) > MAX_TEXT:
        raise ValidationError(_("Use at most 5,000 characters."), field=field)
    return text


def severity_of(value: str, problems: Problems) -> Severity | None:
    try:
        return Severity(value)
    except ValueError:
        problems.add(_("Choose a severity."), "severity")
        return None


def owner_of(owner_id: int | None, problems: Problems) -> User | None:
    owner = db.session.get(User, owner_id) if owner_id else None
    if owner_id and (owner is None or not owner.active):
        problems.add(_("Choose an active user as owner."), "owner_id")
    return owner


def check_due_on(due_on: date | None, now: datetime, problems: Problems) -> None:
    if due_on is None or due_on <= now.date():
        problems.add(_("The due date must be in the future."), "due_on")
