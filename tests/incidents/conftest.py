"""A supervised portfolio for the incident and request tests: approved vendors with a
contact each and the data categories named, one prospect, the shipped standards loaded,
and the staff who handle incidents."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest

from tests.supervision.conftest import approved_vendor, load_standards
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import VendorCategory
from vendorrisk.vendors.vocabulary import DataCategory, VendorStatus

PORTFOLIO = {  # name: (categories, status)
    "Acme Calls": (("customer",), VendorStatus.APPROVED),
    "Payroll Partners": (("employee", "customer"), VendorStatus.CONDITIONALLY_APPROVED),
    "Print Shop": (("employee",), VendorStatus.APPROVED),
    "Prospect Ltd": (("customer",), VendorStatus.PROSPECT),  # holds nothing of ours yet
}
LINK = re.compile(r"https?://\S+(/portal/(?:incidents|requests)/[A-Za-z0-9_-]+)")


@pytest.fixture
def staff(make_user) -> SimpleNamespace:
    return SimpleNamespace(
        reviewer=make_user(Role.REVIEWER, email="rita@example.com", name="Rita Reviewer"),
        approver=make_user(Role.APPROVER, email="aki@example.com", name="Aki Approver"),
        buyer=make_user(Role.PROCUREMENT, email="pia@example.com", name="Pia Procurement"),
        other_buyer=make_user(Role.PROCUREMENT, email="paul@example.com", name="Paul"),
        auditor=make_user(Role.AUDITOR, email="audrey@example.com", name="Audrey Auditor"))


@pytest.fixture
def portfolio(app, staff) -> dict[str, int]:
    """Vendor name → id; Pia owns Acme Calls."""
    today = utcnow().date()
    ids = {}
    with app.app_context():
        load_standards(today - timedelta(days=400))
        for name, (categories, status) in PORTFOLIO.items():
            vendor = approved_vendor(name, "2", today - timedelta(days=30))
            vendor.category_rows = [VendorCategory(category=DataCategory(category))
                                    for category in categories]
            vendor.status = status
            ids[name] = vendor.id
        db.session.flush()
        acme = db.session.get(type(vendor), ids["Acme Calls"])
        acme.owner_id = staff.buyer.id
        db.session.commit()
    return ids


def last_link(smtp_server, to: str) -> str:
    """The portal path in the last e-mail to ``to``."""
    message = next(m for m in reversed(smtp_server.messages) if m["To"] == to)
    return LINK.search(message.get_body(preferencelist=("plain",)).get_content()).group(1)

