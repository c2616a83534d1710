"""Accounts, roles, login and the permission checks every other feature uses."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")

from vendorrisk.auth import (  # noqa: E402, F401  (routes register on import)
    access_views,
    audit_views,
    factor_views,
    signin,
    sso_views,
    token_views,
    views,
)
