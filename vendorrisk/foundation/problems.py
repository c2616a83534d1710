"""Errors as RFC 9457 problem details (``application/problem+json``): a title per
status, the detail in plain words, and each invalid field for a validation failure."""

from typing import Any

from flask import Response, json
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

PROBLEM = "application/problem+json"


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"), 401: _("Not authenticated"), 403: _("Forbidden"),
        404: _("Not found"), 405: _("Method not allowed"), 409: _("Conflict"),
        410: _("Gone"), 412: _("Precondition failed"), 413: _("Too large"),
        415: _("Unsupported media type"), 422: _("Invalid input"),
        428: _("Precondition required"), 429: _("Too many requests"),
        500: _("Server error"),
    }


def problem(status: int, detail: str, *, errors: list[dict[str, str]] | None = None,
            headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": _titles().get(status, str(status)),
                            "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body, ensure_ascii=False), status=status,
                        mimetype=PROBLEM, headers=headers)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="vendorrisk"'
    return response


class Problem(Exception):
    """Raised by the API's own checks; answered as a problem."""

    def __init__(self, status: int, detail: str, *,
                 errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors


def _details() -> dict[int, str]:
    return {
        401: _("Send a personal access token: Authorization: Bearer <token>."),
        403: _("The token's roles do not allow this."),
        404: _("There is no such resource, or it is not visible to this token."),
        405: _("This method is not allowed on this resource; see the OpenAPI document."),
        500: _("The error has been logged. Nothing was changed; please try again later."),
    }


def http_problem(error: HTTPException, *, status: int | None = None) -> Response:
    """An HTTP error (routing, rate limit, size limit, server error) as a problem."""
    status = status or error.code or 500
    detail = _details().get(status) or error.description or _details()[500]
    headers = {"Allow": ", ".join(error.valid_methods)} \
        if status == 405 and getattr(error, "valid_methods", None) else None
    return problem(status, str(detail), headers=headers)
