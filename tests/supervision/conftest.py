"""A supervised portfolio for the scheduler's tests: vendors of each tier approved on a
given day, with a contact each (or not), and the shipped standards loaded."""

import re
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import select

from tests.conftest import VENDOR_BASE
from tests.helpers import adopt_standards
from vendorrisk.assessments.models import AssessmentKind
from vendorrisk.assessments.services import create_assessment
from vendorrisk.assessments.workflow import State
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.standards.services import load_folder
from vendorrisk.supervision.schedule import schedule_after_decision
from vendorrisk.vendors.inputs import ContactInput, VendorInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact
from vendorrisk.vendors.services.register import create_vendor
from vendorrisk.vendors.vocabulary import Tier, VendorStatus


def at(day: date, hour: int = 6) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def approved_vendor(name: str, tier: str, decided_on: date, *, contact: bool = True) -> Vendor:
    """A vendor of ``tier`` approved on ``decided_on`` after a selection assessment (the
    standards must be loaded)."""
    now = at(decided_on)
    vendor = create_vendor(VendorInput(**{**VENDOR_BASE, "legal_name": name}), owner_id=None,
                           actor=None, now=now)
    if contact:
        mailbox = re.sub(r"[^a-z0-9]", "", name.lower())
        add_contact(vendor, ContactInput(name=f"{name} contact",
                                         email=f"{mailbox}@vendor.example.com"),
                    primary=True, actor=None, now=now)
    vendor.tier, vendor.status = Tier(tier), VendorStatus.APPROVED
    selection = SimpleNamespace(kind=AssessmentKind.SELECTION, tier=tier)
    if contact:  # the decided selection the cadence counts from
        selection = create_assessment(vendor, kind="selection", version=None,
                                      version_reason="", due_on=decided_on + timedelta(days=1),
                                      contacts=vendor.contacts, actor=None, now=now)
        selection.status, selection.decided_at = State.DECIDED, now
    schedule_after_decision(vendor, selection, decided_on)
    db.session.flush()
    return vendor


def load_standards(day: date) -> None:
    load_folder(questionnaires_folder(), actor=None, now=at(day))
    adopt_standards(now=at(day))


def vendor_named(name: str) -> Vendor:
    return db.session.scalar(select(Vendor).where(Vendor.legal_name == name))
