"""What the fault tests share: vendors whose yearly review falls due on DAY, and a
questionnaire sent to a vendor in a database that another process will serve."""

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import ON_POSTGRESQL, VENDOR_BASE
from tests.helpers import adopt_standards
from tests.standards.conftest import VALID, write_standard
from tests.supervision.conftest import approved_vendor, load_standards
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.services import create_assessment, send_assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput, VendorInput
from vendorrisk.vendors.services.contacts import add_contact
from vendorrisk.vendors.services.register import create_vendor

DAY = date(2027, 3, 1)
VENDORS = 8


def reviews_due(app, make_user, prefix: str) -> None:  # noqa: ANN001
    """VENDORS tier 1 vendors approved 360 days before DAY, and a buyer to hear of them."""
    make_user(Role.PROCUREMENT)
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        for number in range(VENDORS):
            approved_vendor(f"{prefix}{number:02d}", "1", DAY - timedelta(days=360))
        db.session.commit()


def periodic_reviews() -> int:
    return db.session.scalar(select(func.count()).select_from(Assessment).where(
        Assessment.kind == "periodic"))


def sent_questionnaire(tmp_path: Path) -> tuple[str, Assessment]:
    """In an app context: the schema (on SQLite), a vendor with one contact, the small
    standard, and a questionnaire sent to the contact; its link and the assessment."""
    if not ON_POSTGRESQL:
        db.create_all()
    now = utcnow()
    vendor = create_vendor(VendorInput(**VENDOR_BASE), owner_id=None, actor=None, now=now)
    contact = add_contact(vendor, ContactInput(name="Hana", email="hana@v.example.com"),
                          primary=True, actor=None, now=now)
    load_folder(write_standard(tmp_path / "q", VALID).parent.parent, actor=None, now=now)
    adopt_standards(now=now)
    assessment = create_assessment(vendor, kind="selection", version=None,
                                   version_reason="", due_on=now.date() + timedelta(days=14),
                                   contacts=[contact], actor=None, now=now)
    (link,) = send_assessment(assessment, actor=None, now=now)
    return link, assessment
