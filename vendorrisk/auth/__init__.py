"""Accounts, roles, login and the permission checks every other feature uses."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")

from vendorrisk.auth import token_views, views  # noqa: E402, F401  (routes register on import)
