"""The landing page: what each of the user's roles can do from here."""

from flask import redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from vendorrisk.auth.permissions import require_login
from vendorrisk.dashboard import bp


def root() -> ResponseReturnValue:
    """``/``: send everyone to the dashboard (which asks anonymous visitors to log in)."""
    return redirect(url_for("dashboard.index"))


@bp.get("/")
@require_login
def index() -> ResponseReturnValue:
    return render_template("dashboard/index.html")
