"""Domain errors raised by services, and the error pages every failure ends on.

Services raise :class:`DomainError` subclasses; views turn the expected ones into form
errors, and anything that escapes becomes a 4xx page with a plain message. No page
ever shows a stack trace.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any, TypeVar

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.problems import http_problem, problem

log = logging.getLogger(__name__)
E = TypeVar("E", bound=Enum)


class DomainError(Exception):
    """A rule of the domain refused the request; ``message`` is shown to the user."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(DomainError):
    """The input breaks a rule (400)."""


class ValidationErrors(ValidationError):
    """Several inputs break rules; ``errors`` lists each, so a form marks them all."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__(errors[0].message, field=errors[0].field)
        self.errors = errors


class Problems:
    """Collects every refusal of a form's inputs, so that people see them all at once
    rather than one per attempt::

        problems = Problems()
        with problems.check():
            level = Severity(...)          # a ValidationError raised here is kept
        problems.add(_("Describe it."), "description")
        problems.raise_any()               # ValidationErrors with all of them
    """

    def __init__(self) -> None:
        self.errors: list[DomainError] = []

    def add(self, message: str, field: str | None = None) -> None:
        self.errors.append(ValidationError(message, field=field))

    @contextmanager
    def check(self) -> Iterator[None]:
        try:
            yield
        except ValidationError as error:
            self.errors.extend(getattr(error, "errors", None) or [error])

    def text(self, value: str, field: str, missing: str, limit: int = 20_000) -> str:
        """``value`` stripped; refused with ``missing`` when empty, and when longer than
        ``limit`` characters (nothing is cut off unseen)."""
        text = value.strip()
        if not text:
            self.add(missing, field)
        elif len(text) > limit:
            self.add(_("At most %(limit)d characters.", limit=limit), field)
        return text

    def member(self, enum: type[E], value: str, field: str, missing: str) -> E | None:
        """``value`` as a member of ``enum``; refused with ``missing`` when it is none."""
        try:
            return enum(value)
        except ValueError:
            self.add(missing, field)
            return None

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)


class PermissionDenied(DomainError):
    """The actor may not do this (403)."""

    status_code = 403


class NotFound(DomainError):
    """The object does not exist or is not visible to the actor (404)."""

    status_code = 404


class Conflict(DomainError):
    """The object's current state does not allow the change (409)."""

    status_code = 409


TITLES = {
    400: _l("The request could not be processed"),
    403: _l("You do not have access to this page"),
    404: _l("Page not found"),
    405: _l("This action is not available here"),
    409: _l("The change conflicts with the current state"),
    410: _l("This link has expired"),
    413: _l("The upload is too large"),
    429: _l("Too many requests"),
    500: _l("Something went wrong on our side"),
    503: _l("Temporarily unavailable"),
}

MESSAGES = {
    400: _l("Please check what you entered and try again."),
    403: _l("Your roles do not allow this. Ask an administrator if you need access."),
    404: _l("The page or record you asked for does not exist or is not visible to you."),
    405: _l("Go back and use the buttons on the page."),
    409: _l("Someone may have changed it meanwhile. Reload the page and try again."),
    410: _l("The link you followed is no longer valid. Ask whoever sent it for a new one."),
    413: _l("The file is larger than the allowed size. Nothing was saved."),
    429: _l("There were too many requests from you in a short time. Nothing was changed. "
            "Wait a little, then try again."),
    500: _l("The error has been logged. Nothing was changed; please try again later."),
    503: _l("Nothing was changed; please try again later."),
}

CSRF_MESSAGE = _l(
    "The form has expired or was not sent from this site. Reload the page and try again."
)


def render_error(status: int, message: str | None = None) -> tuple[str, int]:
    """The error page for ``status``; ``message`` replaces the generic explanation. A
    status without a page of its own gets its class's (the request's fault or ours)."""
    known = status if status in TITLES else (400 if status < 500 else 500)
    return (
        render_template(
            "errors/error.html",
            status=status,
            title=TITLES[known],
            message=message or MESSAGES[known],
            # The start page is the staff login: no use to a vendor on a link.
            offer_start=not request.path.startswith("/portal/"),
        ),
        status,
    )


def _for_the_api() -> bool:
    """The JSON API answers every error as a problem document, never as a page."""
    return request.path.startswith("/api/")


def _http_error(error: HTTPException) -> Any:
    status = error.code or 500
    if _for_the_api():
        return http_problem(error)
    if status not in TITLES:
        status = 400 if status < 500 else 500
    return render_error(status)


def _csrf_error(error: CSRFError) -> tuple[str, int]:
    # Link tokens in the path are masked by vendorrisk.foundation.logmask, as in every log line.
    log.info("CSRF refusal on %s %s: %s", request.method, request.path, error.description)
    return render_error(400, str(CSRF_MESSAGE))


def _domain_error(error: DomainError) -> Any:
    db.session.rollback()
    if _for_the_api():
        # A refused input is 422 in the API, with every field named.
        found = getattr(error, "errors", None) or [error]
        errors = [{"field": item.field, "message": item.message} for item in found
                  if item.field]
        status = 422 if isinstance(error, ValidationError) else error.status_code
        return problem(status, error.message, errors=errors or None)
    return render_error(error.status_code, error.message)


def _server_error(error: HTTPException) -> Any:
    # Flask logs the original exception before it calls this handler.
    db.session.rollback()
    if _for_the_api():
        return http_problem(error, status=500)
    return render_error(500)


def register_error_handlers(app: Flask) -> None:
    """Route every error to a page that explains it without internals."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(DomainError, _domain_error)
    # Unhandled exceptions reach this as a 500 (tests see them raised instead).
    app.register_error_handler(500, _server_error)
