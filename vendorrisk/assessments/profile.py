"""The vendor profile that a questionnaire freezes when it is created and sent, and that
its conditions read (questionnaires/README.md): for one vendor, or for a batch at once
(the daily sweep sends hundreds a day: their chains and names read in three queries, not
three per vendor)."""

from typing import Any

from flask import current_app

from vendorrisk.vendors.chain import Locations
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.locations import (
    chain_names,
    handled_where,
    handled_where_many,
    live_links,
)
from vendorrisk.vendors.vocabulary import DataCategory


def vendor_profile(vendor: Vendor, locations: Locations | None = None,
                   names: dict[int, str] | None = None) -> dict[str, Any]:
    """The vendor's profile. The countries are where the data is handled down the whole
    chain (vendors/services/locations.py), so a vendor abroad only through a
    sub-consignee is abroad here too (the D9 knockouts apply); ``chain_countries`` names
    the way to each country reached only through it. ``locations`` and ``names``: read
    already by the caller (:func:`vendor_profiles`)."""
    categories = sorted(vendor.categories)
    home = current_app.config["HOME_COUNTRY"]
    if locations is None:
        locations = handled_where(vendor)
    if names is None:
        names = chain_names(locations)
    return {
        "tier": vendor.tier.value, "classification": vendor.classification.value,
        "categories": categories, "countries": sorted(locations.countries),
        "abroad": bool(locations.abroad(home)),
        "chain_countries": {code: [" → ".join(names.get(step, str(step))
                                               for step in place.path) for place in places]
                            for code, places in locations.by_country().items()
                            if all(place.path for place in places)},
        "special_care": bool({DataCategory.SPECIAL_CARE, DataCategory.HEALTH}
                             & vendor.categories),
        "my_number": DataCategory.MY_NUMBER in vendor.categories,
        "payment_card": DataCategory.PAYMENT_CARD in vendor.categories,
        "children": DataCategory.CHILDREN in vendor.categories,
        "sub_consignees": bool(live_links(vendor)),
        "access": vendor.access.value, "individuals": vendor.individuals.value,
        "criticality": vendor.criticality.value,
    }


def vendor_profiles(vendors: list[Vendor]) -> dict[int, dict[str, Any]]:
    """Vendor id → :func:`vendor_profile`, for vendors whose changes are flushed."""
    if not vendors:
        return {}
    locations = handled_where_many(vendors)
    names = chain_names(*locations.values())
    return {vendor.id: vendor_profile(vendor, locations[vendor.id], names)
            for vendor in vendors}
