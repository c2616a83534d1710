"""Read-only portfolio views; the landing page after login."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard", template_folder="templates")

from vendorrisk.dashboard import views  # noqa: E402, F401  (routes register on import)
