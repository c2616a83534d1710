"""Errors on portal pages, in the portal's look: a respondent has no staff account, so
no page of theirs offers the staff login.

Blueprint handlers run before the application's (vendorrisk.foundation.errors) for any
request that reached a portal route, the refusals in before_request included (the CSRF
check, the rate limits, a body over MAX_CONTENT_LENGTH).
"""

import logging
from typing import Any

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from vendorrisk.assessments.evidence import readable_size
from vendorrisk.assessments.links import LinkClosed
from vendorrisk.edges.portal import bp
from vendorrisk.foundation.errors import CSRF_MESSAGE, MESSAGES, TITLES, DomainError
from vendorrisk.foundation.extensions import db

log = logging.getLogger(__name__)

GONE_TITLES = {
    "replaced": _l("This link has been replaced by a newer one"),
    "closed": _l("This questionnaire is closed"),
    "expired": _l("This link has expired"),
    "withdrawn": _l("This link has been withdrawn"),
}


def _back_link() -> str | None:
    """The questionnaire of the link in the address, to go back to (None: no link)."""
    token = (request.view_args or {}).get("token")
    return url_for("portal.questionnaire", token=token) if token else None


def portal_error(status: int, message: str | None = None, *, back: str | None = None,
                 title: str | None = None) -> tuple[str, int]:
    known = status if status in TITLES else (400 if status < 500 else 500)
    return render_template("portal/error.html", status=status,
                           title=title or str(TITLES[known]),
                           message=message or str(MESSAGES[known]), back=back), status


@bp.errorhandler(LinkClosed)
def _link_closed(error: LinkClosed) -> Any:
    db.session.rollback()
    return render_template("portal/gone.html", error=error,
                           title=str(GONE_TITLES[error.reason])), error.status_code


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError) -> Any:
    db.session.rollback()
    return portal_error(error.status_code, error.message)


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_error: RequestEntityTooLarge) -> Any:
    db.session.rollback()
    limit = readable_size(int(current_app.config["EVIDENCE_MAX_BYTES"]))
    return portal_error(413, _("A file can be at most %(limit)s. The file you chose is larger, "
                               "so nothing was saved: neither the file nor the answers sent "
                               "with it. Go back, choose a smaller file (or split it) and "
                               "upload again.", limit=limit), back=_back_link())


@bp.errorhandler(CSRFError)
def _csrf_error(error: CSRFError) -> Any:
    # Logged as the staff pages' refusals are; the link's token is masked in every line.
    log.info("CSRF refusal on %s %s: %s", request.method, request.path, error.description)
    return portal_error(400, str(CSRF_MESSAGE), back=_back_link())


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Any:
    db.session.rollback()
    return portal_error(error.code or 500, back=_back_link())
