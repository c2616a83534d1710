"""What the vendor page shows of the chain: where the data is handled (own countries
and the chain's, by name, each with the way there) and the approved sub-consignees that
no longer hold a current evaluation."""

from datetime import date
from typing import Any

from flask_babel import get_locale

from vendorrisk.vendors.countries import country_lines, country_names
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.chain_checks import lapsed_vendor_ids, lapses
from vendorrisk.vendors.services.locations import chain_names, handled_where, handled_where_many


def chain_page(vendor: Vendor, today: date) -> dict[str, Any]:
    """The template's ``chain``: ``countries`` (CountryLine), ``lapses`` (Lapse) and
    ``names`` (country code → name in the reader's language)."""
    locale = str(get_locale())
    locations = handled_where(vendor)
    return {"countries": country_lines(locations, chain_names(locations), locale),
            "lapses": lapses(today, [vendor.id]), "names": country_names(locale)}


def register_chain_columns(vendors: list[Vendor], today: date) -> dict[int, dict[str, Any]]:
    """For the register (reports/register.py), per vendor: ``countries`` down the whole
    chain and ``chain_lapsed`` (an approved sub-consignee without a current evaluation)."""
    locations = handled_where_many(vendors)
    lapsed = lapsed_vendor_ids(today, [vendor.id for vendor in vendors])
    return {vendor.id: {"countries": tuple(sorted(locations[vendor.id].countries)),
                        "chain_lapsed": vendor.id in lapsed} for vendor in vendors}
