"""Recording a vendor's cross-border basis per country and the Rule 18 checks
(crossborder.py has the rules). Every refusal of a form's inputs is said at once."""

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.audit.services import Actor, record
from vendorrisk.foundation.clock import people_today
from vendorrisk.foundation.errors import Problems, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.crossborder import DESIGNATED, NEEDS_RULE18, Standing, standing, suspends
from vendorrisk.vendors.crossborder_models import (
    CheckOutcome,
    CrossBorderRecord,
    Rule18Check,
    TransferBasis,
)
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.locations import handled_where

TEXT_LIMIT = 20_000


@dataclass(frozen=True)
class CrossBorderLine:
    """One foreign country of a vendor, with its record (if any) and where it stands."""

    country: str
    record: CrossBorderRecord | None
    standing: Standing


def abroad(vendor: Vendor) -> list[str]:
    """The foreign countries where the vendor's data is handled, itself or down its chain."""
    return handled_where(vendor).abroad(current_app.config["HOME_COUNTRY"])


def record_of(vendor: Vendor, country: str) -> CrossBorderRecord | None:
    return db.session.scalar(select(CrossBorderRecord).where(
        CrossBorderRecord.vendor_id == vendor.id, CrossBorderRecord.country == country))


def _standing(entry: CrossBorderRecord | None, today: date) -> Standing:
    if entry is None:
        return standing(None, None, False, None, today)
    last = max((check.checked_on for check in entry.checks), default=None)
    return standing(entry.basis, entry.evidenced_on, entry.suspended, last, today)


def crossborder_lines(vendor: Vendor, today: date) -> list[CrossBorderLine]:
    """Every foreign country of the vendor's data, and every country recorded before."""
    entries = {entry.country: entry for entry in db.session.scalars(
        select(CrossBorderRecord).where(CrossBorderRecord.vendor_id == vendor.id))}
    countries = sorted(set(abroad(vendor)) | set(entries))
    return [CrossBorderLine(code, entries.get(code), _standing(entries.get(code), today))
            for code in countries]


def save_basis(vendor: Vendor, country: str, *, basis: str, evidence: str,
               evidenced_on: date | None, actor: Actor, now: datetime) -> CrossBorderRecord:
    """Record (or change) the Art. 28 basis of the provision to ``country``."""
    problems = Problems()
    kind = problems.member(TransferBasis, basis, "basis",
                           _("Choose the basis the provision rests on."))
    if kind == TransferBasis.DESIGNATED_COUNTRY and country not in DESIGNATED:
        problems.add(_("Only the EEA and the United Kingdom are designated countries; "
                       "choose another basis."), "basis")
    text = problems.text(evidence, "evidence", _(
        "Say what shows it (the consent form, the contract clause, the CBPR certificate …)."),
        TEXT_LIMIT)
    if evidenced_on is None or evidenced_on > people_today(now):
        problems.add(_("Give the date of the evidence (not a day still to come)."),
                     "evidenced_on")
    problems.raise_any()
    entry = record_of(vendor, country) or CrossBorderRecord(
        vendor_id=vendor.id, country=country, suspended=False)
    before = entry.basis.value if entry.basis else None
    entry.basis, entry.evidence, entry.evidenced_on = kind, text, evidenced_on
    entry.recorded_by_id, entry.recorded_at = actor.id, now
    db.session.add(entry)
    db.session.flush()
    record("vendor.crossborder_basis", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"country": country, "basis": [before, kind.value],
                             "evidenced_on": evidenced_on.isoformat()})
    return entry


def record_check(entry: CrossBorderRecord, *, checked_on: date | None, implementation: str,
                 foreign_law: str, outcome: str, note: str, actor: Actor,
                 now: datetime) -> Rule18Check:
    """Record a Rule 18 check; its outcome suspends the provision or lets it go on."""
    if entry.basis not in NEEDS_RULE18:
        raise ValidationError(_("Only a provision relying on a conforming system is checked "
                                "under Rule 18."))
    problems = Problems()
    result = problems.member(CheckOutcome, outcome, "outcome",
                             _("Choose the outcome of the check."))
    if checked_on is None or checked_on > people_today(now):
        problems.add(_("Give the day of the check (not a day still to come)."), "checked_on")
    found = problems.text(implementation, "implementation", _(
        "Say how the recipient implements the measures, as checked."), TEXT_LIMIT)
    law = problems.text(foreign_law, "foreign_law", _(
        "Say which laws of the country could prevent them, or that none was found."),
        TEXT_LIMIT)
    if result == CheckOutcome.MEASURES_REQUIRED and not note.strip():
        problems.add(_("Say which measures are required."), "note")
    problems.raise_any()
    check = Rule18Check(record=entry, checked_on=checked_on, implementation=found,
                        foreign_law=law, outcome=result, note=note.strip()[:TEXT_LIMIT],
                        recorded_by_id=actor.id, recorded_at=now)
    was = entry.suspended
    entry.suspended = suspends(result)
    db.session.add(check)
    db.session.flush()
    record("vendor.rule18_check", actor=actor, object_type="vendor", object_id=entry.vendor_id,
           now=now, details={"country": entry.country, "checked_on": checked_on.isoformat(),
                             "outcome": result.value, "suspended": [was, entry.suspended]})
    return check


def suspended_countries(vendor_ids: list[int]) -> dict[int, list[str]]:
    """The countries each vendor's provision is suspended to, by vendor id."""
    found: dict[int, list[str]] = {}
    for vendor_id, country in db.session.execute(
            select(CrossBorderRecord.vendor_id, CrossBorderRecord.country)
            .where(CrossBorderRecord.vendor_id.in_(vendor_ids),
                   CrossBorderRecord.suspended.is_(True))
            .order_by(CrossBorderRecord.country)):
        found.setdefault(vendor_id, []).append(country)
    return found
