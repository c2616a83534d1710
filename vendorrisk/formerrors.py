"""The view side of "validate, call one service, commit": refusals land on the form."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask import flash
from flask_wtf import FlaskForm

from vendorrisk.errors import DomainError
from vendorrisk.extensions import db

T = TypeVar("T")


def show_on_form(form: FlaskForm, error: DomainError) -> None:
    """Attach ``error`` (or each of its ``errors``) to its field, else flash it."""
    for problem in getattr(error, "errors", None) or [error]:
        field = getattr(form, problem.field, None) if problem.field else None
        if field is not None:
            field.errors = [*field.errors, problem.message]
        else:
            flash(problem.message, "danger")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What became of a submitted form: ``done`` with the service's result, or not."""

    done: bool
    value: T | None = None


def submit(form: FlaskForm, action: Callable[[], T]) -> Outcome[T]:
    """On a valid POST run ``action`` and commit; on a refusal roll back and show it.

    Nothing is committed unless the whole action succeeds.
    """
    if not form.validate_on_submit():
        return Outcome(False)
    try:
        value = action()
    except DomainError as error:
        db.session.rollback()
        show_on_form(form, error)
        return Outcome(False)
    db.session.commit()
    return Outcome(True, value)
