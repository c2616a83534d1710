"""A vendor's handling sites (R1: where the data is, by address, not only by country).
Every refusal is collected; a site is in one of the countries of the vendor's profile,
so the register's countries and its addresses never disagree."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import get_locale
from flask_babel import gettext as _

from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.foundation.errors import Problems
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.countries import country_names, normalise_country
from vendorrisk.vendors.models import Vendor, VendorSite


@dataclass(frozen=True)
class SiteInput:
    name: str
    address: str
    country: str
    handled: str = ""


def _checked(vendor: Vendor, data: SiteInput) -> tuple[str, str, str, str]:
    problems = Problems()
    name = problems.text(data.name, "name", _("Name the site (e.g. “Tokyo processing "
                                              "centre”)."), limit=200)
    address = problems.text(data.address, "address", _("Give the site's address."),
                            limit=1000)
    handled = data.handled.strip()
    if len(handled) > 2000:
        problems.add(_("At most %(limit)d characters.", limit=2000), "handled")
    country = normalise_country(data.country)
    if country is None:
        problems.add(_("Choose the site's country."), "country")
    elif country not in vendor.countries:
        problems.add(_("%(country)s is not among the countries where this vendor handles "
                       "the data: add it to the vendor's profile first.",
                       country=country_names(str(get_locale())).get(country, country)),
                     "country")
    problems.raise_any()
    return name, address, country or "", handled


def add_site(vendor: Vendor, data: SiteInput, *, actor: User, now: datetime) -> VendorSite:
    name, address, country, handled = _checked(vendor, data)
    site = VendorSite(name=name, address=address, country=country, handled=handled,
                      created_at=now, updated_at=now)
    vendor.sites.append(site)
    db.session.flush()
    record("vendor.site_added", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"site_id": site.id, "name": name, "address": address,
                             "country": country})
    return site


def update_site(site: VendorSite, data: SiteInput, *, actor: User, now: datetime) -> None:
    name, address, country, handled = _checked(site.vendor, data)
    before = {"name": site.name, "address": site.address, "country": site.country,
              "handled": site.handled}
    site.name, site.address, site.country, site.handled = name, address, country, handled
    after = {"name": name, "address": address, "country": country, "handled": handled}
    changed = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
    if changed:
        site.updated_at = now
        record("vendor.site_changed", actor=actor, object_type="vendor",
               object_id=site.vendor_id, now=now, details={"site_id": site.id, **changed})


def remove_site(site: VendorSite, *, actor: User, now: datetime) -> None:
    record("vendor.site_removed", actor=actor, object_type="vendor", object_id=site.vendor_id,
           now=now, details={"site_id": site.id, "name": site.name, "address": site.address,
                             "country": site.country})
    db.session.delete(site)
    db.session.flush()
