"""The consignee register: vendors, data profiles, tiers, sub-consignees, countries."""

from flask import Blueprint

bp = Blueprint("vendors", __name__, url_prefix="/vendors", template_folder="templates")

from vendorrisk.vendors import (  # noqa: E402, F401  (routes register on import)
    chain_views,
    contact_views,
    country_views,
    crossborder_views,
    site_views,
    transfer_views,
    views,
)
