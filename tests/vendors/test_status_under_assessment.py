"""A prospect is "under assessment" from the moment its selection is sent until the
signed decision gives its status; cancelled before that, it is a prospect again. Each
change is audited like any other status change."""

import pytest
from sqlalchemy import select

from tests.assessments.conftest import (  # noqa: F401  (fixtures)
    answer_and_submit,
    people,
    sign_off,
    tier1_vendor,
)
from tests.portal.conftest import (
    create_and_send,
    link_in,
    vendor_with_contact,  # noqa: F401  (a fixture)
)
from vendorrisk.assessments.models import Assessment
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.statuses import status_after_selection
from vendorrisk.vendors.vocabulary import VendorStatus

S = VendorStatus


@pytest.mark.parametrize(("status", "event", "other", "after"), [
    (S.PROSPECT, "send", False, S.UNDER_ASSESSMENT),
    (S.UNDER_ASSESSMENT, "send", False, None),  # a second selection: still under way
    (S.IN_USE_UNASSESSED, "send", False, None),  # the gap stays until its decision
    (S.APPROVED, "send", False, None),
    (S.SUSPENDED, "send", False, None),
    (S.UNDER_ASSESSMENT, "cancel", False, S.PROSPECT),
    (S.UNDER_ASSESSMENT, "cancel", True, None),  # another selection is under way
    (S.IN_USE_UNASSESSED, "cancel", False, None),
    (S.UNDER_ASSESSMENT, "expire", False, None),  # it can be extended
    (S.UNDER_ASSESSMENT, "submit", False, None),
])
def test_the_rule(status, event, other, after):
    assert status_after_selection(status, event, other_selection_open=other) == after


def _status(app, vendor_id: int) -> VendorStatus:
    with app.app_context():
        return db.session.get(Vendor, vendor_id).status


def _events(app, vendor_id: int) -> list[tuple[str, dict]]:
    with app.app_context():
        return [(event.action, event.details) for event in db.session.scalars(
            select(AuditEvent).where(AuditEvent.object_type == "vendor",
                                     AuditEvent.object_id == str(vendor_id),
                                     AuditEvent.action.like("vendor.assessment_%"))
            .order_by(AuditEvent.seq))]


def test_a_prospect_is_under_assessment_from_sending_to_the_decision(
        app, client, auth, people, smtp_server, tier1_vendor):  # noqa: F811
    assert _status(app, tier1_vendor.id) == S.PROSPECT
    assessment_id = create_and_send(client, auth, tier1_vendor)
    assert _status(app, tier1_vendor.id) == S.UNDER_ASSESSMENT
    [(action, details)] = _events(app, tier1_vendor.id)
    assert action == "vendor.assessment_started"
    assert details == {"assessment_id": assessment_id, "from": "prospect",
                       "to": "under_assessment"}

    answer_and_submit(app, link_in(smtp_server.messages[-1]))
    assert _status(app, tier1_vendor.id) == S.UNDER_ASSESSMENT
    sign_off(client, auth, people, assessment_id)
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).decided_at is not None
    assert _status(app, tier1_vendor.id) == S.APPROVED


def test_cancelling_the_selection_makes_it_a_prospect_again(
        app, client, auth, smtp_server, vendor_with_contact):  # noqa: F811
    first = create_and_send(client, auth, vendor_with_contact)
    second = create_and_send(client, auth, vendor_with_contact)
    auth.login_as(Role.PROCUREMENT)
    assert client.post(f"/assessments/{first}/cancel").status_code == 302
    assert _status(app, vendor_with_contact.id) == S.UNDER_ASSESSMENT  # the second goes on
    assert client.post(f"/assessments/{second}/cancel").status_code == 302
    assert _status(app, vendor_with_contact.id) == S.PROSPECT
    assert [action for action, _details in _events(app, vendor_with_contact.id)] == [
        "vendor.assessment_started", "vendor.assessment_withdrawn"]
    assert _events(app, vendor_with_contact.id)[-1][1] == {
        "assessment_id": second, "from": "under_assessment", "to": "prospect"}


def test_a_refused_cancel_changes_nothing(
        app, client, auth, smtp_server, vendor_with_contact):  # noqa: F811
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    auth.login_as(Role.AUDITOR)  # reads everything, changes nothing
    assert client.post(f"/assessments/{assessment_id}/cancel").status_code == 403
    assert _status(app, vendor_with_contact.id) == S.UNDER_ASSESSMENT


def test_a_vendor_in_use_keeps_its_gap_while_assessed(
        app, client, auth, smtp_server, vendor_with_contact):  # noqa: F811
    with app.app_context():
        db.session.get(Vendor, vendor_with_contact.id).status = S.IN_USE_UNASSESSED
        db.session.commit()
    create_and_send(client, auth, vendor_with_contact)
    assert _status(app, vendor_with_contact.id) == S.IN_USE_UNASSESSED
    assert _events(app, vendor_with_contact.id) == []
