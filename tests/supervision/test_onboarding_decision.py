"""A vendor in use leaves "in use — not yet assessed" the normal way: its first
assessment's signed decision gives it its status and its next review date."""

from tests.assessments.conftest import (  # noqa: F401  (fixtures)
    people,
    sign_off,
    submitted,
    tier1_vendor,
)
from tests.portal.conftest import vendor_with_contact  # noqa: F401  (a fixture)
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import VendorStatus


def test_the_signed_decision_moves_a_vendor_in_use_on(
        app, client, auth, people, submitted, tier1_vendor):  # noqa: F811  (the fixtures)
    assessment_id, _link = submitted
    with app.app_context():
        db.session.get(Vendor, tier1_vendor.id).status = VendorStatus.IN_USE_UNASSESSED
        db.session.commit()
    sign_off(client, auth, people, assessment_id, outcome="approve")
    with app.app_context():
        vendor = db.session.get(Vendor, tier1_vendor.id)
        assert vendor.status == VendorStatus.APPROVED
        assert vendor.next_review_on is not None
