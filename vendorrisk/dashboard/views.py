"""The landing page: what each of the user's roles can do from here."""

from flask import redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from vendorrisk.auth.permissions import require_login
from vendorrisk.dashboard import bp
from vendorrisk.notifications.services import undelivered_by


def root() -> ResponseReturnValue:
    """``/``: send everyone to the dashboard (which asks anonymous visitors to log in)."""
    return redirect(url_for("dashboard.index"))


@bp.get("/")
@require_login
def index() -> ResponseReturnValue:
    return render_template("dashboard/index.html", undelivered=undelivered_by(current_user.id))
