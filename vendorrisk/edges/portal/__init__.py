"""The vendor portal: pages reached by a respondent's link, without an account."""

from flask import Blueprint

bp = Blueprint("portal", __name__, url_prefix="/portal", template_folder="templates")

from vendorrisk.edges.portal import (  # noqa: E402, F401  (routes register on import)
    deletion_views,
    errors,
    incident_views,
    prefill_views,
    remediation_views,
    views,
)
