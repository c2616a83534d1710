"""Sub-consignees through the pages: chains to any depth, loops refused, decisions."""

from datetime import timedelta

from sqlalchemy import select

from tests.helpers import page_text, table_snapshot
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import SubConsignment, Vendor


def _link(client, parent, child, work="Hosting", country="JP"):
    return client.post(f"/vendors/{parent.id}/sub-consignees/new", data={
        "sub_vendor_id": str(child.id), "work": work, "country": country,
        "data_handled": "Customer records"})


def test_chain_is_shown_to_any_depth(app, client, procurement, make_vendor):
    a, b, c, d = (make_vendor(legal_name=f"{name} Corp.") for name in "ABCD")
    for parent, child in ((a, b), (b, c), (c, d)):
        assert _link(client, parent, child).status_code == 302
    html = client.get(f"/vendors/{a.id}").get_data(as_text=True)
    assert html.index("B Corp.") < html.index("C Corp.") < html.index("D Corp.")
    assert html.count('<ul class="chain">') == 3


def test_a_loop_is_refused_with_a_clear_message(app, client, procurement, make_vendor):
    a, b, c = (make_vendor(legal_name=f"{name} Corp.") for name in "ABC")
    _link(client, a, b)
    _link(client, b, c)
    with app.app_context():
        before = table_snapshot()
    response = _link(client, c, a)
    assert response.status_code == 400 or response.status_code == 409
    assert ("A Corp. already passes work, directly or through others, to C Corp.; "
            "a chain cannot loop back.") in page_text(response)
    with app.app_context():
        assert table_snapshot() == before


def test_adding_a_sub_consignee_is_audited_and_raises_the_tier(app, client, procurement,
                                                               make_vendor):
    parent = make_vendor(categories=["business_contact"], individuals="up_to_100",
                         criticality="replaceable")
    child = make_vendor()
    assert parent.tier == "3"
    _link(client, parent, child, country="US")
    with app.app_context():
        stored = db.session.get(Vendor, parent.id)
        assert stored.tier == "2"  # data now handled abroad (X)
        assert stored.tier_factors["R"] is True
        actions = [e.action for e in db.session.scalars(select(AuditEvent).where(
            AuditEvent.object_id == str(parent.id)).order_by(AuditEvent.seq))]
        assert actions[-2:] == ["vendor.sub_consignee_added", "vendor.tier_computed"]


def test_reviewer_approves_and_a_change_needs_approval_again(app, client, auth, make_vendor):
    parent, child = make_vendor(), make_vendor()
    with app.app_context():  # the sub-consignee holds a current approval of its own
        stored = db.session.get(Vendor, child.id)
        stored.status, stored.next_review_on = "approved", utcnow().date() + timedelta(days=200)
        db.session.commit()
    auth.login_as(Role.PROCUREMENT)
    _link(client, parent, child)
    with app.app_context():
        link_id = db.session.scalar(select(SubConsignment.id))
    auth.logout()
    reviewer = auth.login_as(Role.REVIEWER)
    client.post(f"/vendors/{parent.id}/sub-consignees/{link_id}/decision",
                data={"decision": "approve", "note": ""})
    with app.app_context():
        link = db.session.get(SubConsignment, link_id)
        assert (link.status, link.decided_by_id) == ("approved", reviewer.id)
    auth.logout()
    auth.login_as(Role.PROCUREMENT)
    client.post(f"/vendors/{parent.id}/sub-consignees/{link_id}", data={
        "sub_vendor_id": str(child.id), "work": "Hosting and backups", "country": "JP",
        "data_handled": "Customer records"})
    with app.app_context():
        assert db.session.get(SubConsignment, link_id).status == "requested"


def test_refusal_needs_a_reason(app, client, auth, make_vendor):
    parent, child = make_vendor(), make_vendor()
    auth.login_as(Role.PROCUREMENT)
    _link(client, parent, child)
    auth.logout()
    auth.login_as(Role.APPROVER)
    with app.app_context():
        link_id = db.session.scalar(select(SubConsignment.id))
    response = client.post(f"/vendors/{parent.id}/sub-consignees/{link_id}/decision",
                           data={"decision": "refuse", "note": ""}, follow_redirects=True)
    assert "Say why the sub-consignee is refused." in page_text(response)
    with app.app_context():
        assert db.session.get(SubConsignment, link_id).status == "requested"


def test_procurement_cannot_decide(client, procurement, make_vendor, app):
    parent, child = make_vendor(), make_vendor()
    _link(client, parent, child)
    with app.app_context():
        link_id = db.session.scalar(select(SubConsignment.id))
    response = client.post(f"/vendors/{parent.id}/sub-consignees/{link_id}/decision",
                           data={"decision": "approve"})
    assert response.status_code == 403


def test_a_vendor_cannot_be_its_own_sub_consignee(client, procurement, make_vendor):
    vendor = make_vendor()
    response = _link(client, vendor, vendor)
    assert response.status_code == 400
