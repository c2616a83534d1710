"""E-mail: an outbox written in the same transaction as the change, delivered after commit."""

from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications",
               template_folder="templates")

from vendorrisk.notifications import views  # noqa: E402, F401  (routes register on import)
