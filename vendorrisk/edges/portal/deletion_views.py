"""The vendor's page for its certificate of return or deletion, reached by the link
procurement sends when a relationship ends (no account). Every use is audited."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from vendorrisk.audit.services import record
from vendorrisk.contracts.models import Termination
from vendorrisk.contracts.termination import (
    CertificateInput,
    resolve_deletion_link,
    submit_certificate,
)
from vendorrisk.edges.portal import bp
from vendorrisk.edges.portal.views import portal_limits
from vendorrisk.foundation.clock import parse_day, utcnow
from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db


def _log(termination: Termination, action: str) -> None:
    record(f"termination.link_{action}", actor=None, actor_label="vendor link",
           object_type="termination", object_id=termination.id, now=utcnow(),
           details={"ip": request.remote_addr,
                    "user_agent": request.user_agent.string[:300]})


def _page(token: str, termination: Termination) -> str:
    return render_template("portal/deletion.html", token=token, termination=termination,
                           vendor=termination.vendor, today=utcnow().date())


@bp.get("/deletion/<token>")
@portal_limits
def deletion(token: str) -> ResponseReturnValue:
    termination = resolve_deletion_link(token, utcnow())
    _log(termination, "opened")
    db.session.commit()
    return _page(token, termination)


@bp.post("/deletion/<token>")
@portal_limits
def deletion_certificate(token: str) -> ResponseReturnValue:
    now = utcnow()
    termination = resolve_deletion_link(token, now, for_change=True)
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise DomainError(_("Choose the certificate file."))
        submit_certificate(termination, CertificateInput(
            filename=upload.filename, data=upload.read(),
            deleted_on=parse_day(request.form.get("deleted_on")),
            statement=request.form.get("statement", ""),
            submitted_by_name=request.form.get("submitted_by_name", "")), actor=None, now=now)
    except DomainError as error:
        db.session.rollback()
        _log(termination, "refused")
        db.session.commit()
        flash(error.message, "danger")
        return _page(token, termination), error.status_code
    _log(termination, "certificate_sent")  # from where, by which browser
    db.session.commit()
    flash(_("Thank you: your certificate has been received. We will confirm it."), "success")
    return redirect(url_for("portal.deletion", token=token))
