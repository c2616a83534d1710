"""The outbox page: every e-mail and its delivery, for administrators."""

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications import bp
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.notifications.services import deliver_pending, retry_now

DELIVERY_LABELS = {
    "queued": _l("waiting to be sent"), "retrying": _l("failed, will retry"),
    "sent": _l("sent"), "written": _l("written to the outbox folder (no SMTP)"),
    "failed": _l("failed"),
}


@bp.app_context_processor
def _labels() -> dict:
    return {"delivery_labels": DELIVERY_LABELS}


@bp.get("/outbox")
@require_role(Role.ADMIN)
def outbox() -> ResponseReturnValue:
    page = db.paginate(select(OutboxMessage).order_by(OutboxMessage.id.desc()), per_page=50,
                       error_out=False)
    return render_template("notifications/outbox.html", page=page)


@bp.post("/outbox/<int:message_id>/retry")
@require_role(Role.ADMIN)
def retry(message_id: int) -> ResponseReturnValue:
    message = db.get_or_404(OutboxMessage, message_id)
    retry_now(message, utcnow())
    db.session.commit()
    report = deliver_pending(utcnow(), ids=[message.id])
    flash(_("Delivered.") if report.delivered else _("Still not delivered: %(error)s",
                                                    error=message.last_error), "info")
    return redirect(url_for("notifications.outbox"))
