"""What the scheduler fault tests share: vendors whose yearly review falls due on DAY."""

from datetime import date, timedelta

from sqlalchemy import func, select

from tests.supervision.conftest import approved_vendor, load_standards
from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db

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
