"""The append-only, hash-chained audit log of every state change."""

from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/audit", template_folder="templates")

from vendorrisk.auth import audit_views as views  # noqa: E402, F401  (routes register on import)
