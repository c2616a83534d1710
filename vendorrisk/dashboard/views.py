"""The landing page: what each of the user's roles can do from here."""

from flask import redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from vendorrisk.auth.permissions import require_login
from vendorrisk.dashboard import bp
from vendorrisk.extensions import db
from vendorrisk.notifications.models import DeliveryStatus, OutboxMessage


def root() -> ResponseReturnValue:
    """``/``: send everyone to the dashboard (which asks anonymous visitors to log in)."""
    return redirect(url_for("dashboard.index"))


@bp.get("/")
@require_login
def index() -> ResponseReturnValue:
    # E-mails this user caused that did not get through: never silent.
    undelivered = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.sent_by_id == current_user.id,
        OutboxMessage.status.in_([DeliveryStatus.FAILED, DeliveryStatus.RETRYING]))
        .order_by(OutboxMessage.id.desc()).limit(20)).all()
    return render_template("dashboard/index.html", undelivered=undelivered)
