"""The view side of "validate, call one service, commit": refusals land on the form."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import flash, redirect
from flask_wtf import FlaskForm

from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db

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
    status: int = 400  # the refusal's status when not done (409 for a conflict)


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
        return Outcome(False, status=error.status_code)
    db.session.commit()
    return Outcome(True, value)


def flash_form_errors(form: FlaskForm) -> None:
    """A form posted from a page that shows no field errors: say what was wrong."""
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "danger")


def perform(action: Callable[[], T], *, message: str | Callable[[T], str], redirect_to: str,
            refused: Callable[[], Any], after: Callable[[], object] | None = None) -> Any:
    """One service call from a button: commit and redirect to ``redirect_to`` with
    ``message``; on a refusal roll back, flash why and answer ``refused()`` with the
    error's status (nothing changed). ``after`` runs once committed (deliver e-mails)."""
    try:
        value = action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return refused(), error.status_code
    db.session.commit()
    if after is not None:
        after()
    flash(message(value) if callable(message) else message, "success")
    return redirect(redirect_to)
