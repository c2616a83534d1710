"""Factories for the register's tests."""

from collections.abc import Callable

import pytest

from vendorrisk.auth.models import Role
from vendorrisk.clock import utcnow
from vendorrisk.extensions import db
from vendorrisk.vendors.inputs import VendorInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.register import create_vendor

BASE = {
    "legal_name": "Example Processing Co.",
    "country": "JP",
    "classification": "consignment",
    "classification_reason": "Processes our customer list on our instructions.",
    "services": "Data entry",
    "purpose": "Keying in customer applications",
    "categories": ["customer"],
    "individuals": "up_to_1000",
    "access": "view",
    "criticality": "significant",
    "countries": ["JP"],
}


def vendor_form(**changes) -> dict:
    """Form data for the vendor pages."""
    data = {**BASE, "status": "prospect", "owner_id": "", **changes}
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def make_vendor(app) -> Callable[..., Vendor]:
    counter = iter(range(1, 1_000_000))

    def make(**changes) -> Vendor:
        number = next(counter)
        data = {**BASE, "legal_name": f"Vendor {number:04d} Co.", **changes}
        with app.app_context():
            vendor = create_vendor(VendorInput(**data), owner_id=None, actor=None, now=utcnow())
            db.session.commit()
            vendor_id = vendor.id
        with app.app_context():
            loaded = db.session.get(Vendor, vendor_id)
            db.session.expunge(loaded)
        return loaded

    return make


@pytest.fixture
def procurement(auth):
    return auth.login_as(Role.PROCUREMENT)
