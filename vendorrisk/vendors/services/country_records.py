"""Per-country records of foreign data-protection regimes (R16) and the flags they raise."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import exists, func, or_, select, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.foundation.clock import people_today
from vendorrisk.foundation.errors import ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.countries import normalise_country
from vendorrisk.vendors.models import CountryRecord, SubConsignment, Vendor, VendorCountry
from vendorrisk.vendors.services.locations import handled_where, handled_where_many
from vendorrisk.vendors.vocabulary import SubConsignmentStatus

RECORD_VALID_DAYS = 365


def save_country_record(country: str, *, regime_summary: str, source: str, checked_on: date,
                        measures: str, actor: User, now: datetime) -> CountryRecord:
    """Create or update the record of ``country``."""
    code = normalise_country(country)
    if code is None:
        raise ValidationError(_("Choose a country."), field="country")
    if checked_on > people_today(now):
        raise ValidationError(_("The date checked cannot be in the future."),
                              field="checked_on")
    for name, value in (("regime_summary", regime_summary), ("source", source),
                        ("measures", measures)):
        if not value.strip():
            raise ValidationError(_("This field is required."), field=name)
    entry = db.session.get(CountryRecord, code) or CountryRecord(country=code)
    entry.regime_summary, entry.source = regime_summary.strip(), source.strip()
    entry.checked_on, entry.measures = checked_on, measures.strip()
    entry.updated_at, entry.updated_by = now, actor
    db.session.add(entry)
    db.session.flush()
    record("country.record_saved", actor=actor, object_type="country", object_id=code, now=now,
           details={"checked_on": checked_on.isoformat(), "source": entry.source})
    return entry


def covered_countries(today: date, home: str) -> list[str]:
    """The home country and every country with a current regime record (a short list)."""
    cutoff = today - timedelta(days=RECORD_VALID_DAYS)
    current = set(db.session.scalars(
        select(CountryRecord.country).where(CountryRecord.checked_on >= cutoff)))
    return sorted(current | {home})


def flagged_clause(covered: list[str]) -> ColumnElement[bool]:
    """SQL for the register's filter: the vendor, or any link not refused down its whole
    chain, handles data in a country outside ``covered`` (a recursive walk up from the
    links that go there, once per statement). The flag each row shows is read from
    where_handled (:func:`chain_flags`); tests/vendors/test_register_chain_flag.py keeps
    the two equal."""
    live = SubConsignment.status != SubConsignmentStatus.REFUSED
    reach = (select(SubConsignment.vendor_id.label("vendor_id"))
             .where(live, SubConsignment.country.not_in(covered))
             .cte("flag_reach", recursive=True))
    upper = aliased(SubConsignment)
    reach = reach.union(select(upper.vendor_id).join(
        reach, upper.sub_vendor_id == reach.c.vendor_id).where(
        upper.status != SubConsignmentStatus.REFUSED))
    own = exists().where(VendorCountry.vendor_id == Vendor.id,
                         VendorCountry.country.not_in(covered))
    return or_(own, Vendor.id.in_(select(reach.c.vendor_id)))


def chain_flags(vendors: Iterable[Vendor], covered: Iterable[str]) -> dict[int, bool]:
    """Vendor id → whether its data is handled, by itself or anywhere down its chain
    (where_handled, as the vendor page reads it), in a country outside ``covered``. One
    batch load for all of ``vendors`` (a query per chain level)."""
    covered = frozenset(covered)
    return {vendor_id: bool(locations.countries - covered)
            for vendor_id, locations in handled_where_many(vendors).items()}


def country_flags(vendor: Vendor, today: date, home: str) -> list[tuple[str, str]]:
    """(country, "missing" or "outdated") for each foreign country lacking a current record."""
    foreign = handled_where(vendor).abroad(home)  # down the whole chain
    records = {entry.country: entry for entry in db.session.scalars(
        select(CountryRecord).where(CountryRecord.country.in_(foreign)))}
    cutoff = today - timedelta(days=RECORD_VALID_DAYS)
    flags = []
    for code in foreign:
        entry = records.get(code)
        if entry is None:
            flags.append((code, "missing"))
        elif entry.checked_on < cutoff:
            flags.append((code, "outdated"))
    return flags



def countries_in_use(home: str) -> dict[str, int]:
    """Foreign country → how many vendors or sub-consignments handle data there."""
    used = union_all(
        select(VendorCountry.country.label("country")),
        select(SubConsignment.country.label("country")),
    ).subquery()
    rows = db.session.execute(select(used.c.country, func.count()).where(
        used.c.country != home).group_by(used.c.country)).all()
    return {row[0]: row[1] for row in rows}
