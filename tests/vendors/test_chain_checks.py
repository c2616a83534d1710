"""Approving a sub-consignee needs its own current evaluation (issue 22 item 5): refused
with a sentence naming the sub-consignee and what it lacks, at the page (the only door
that decides links: neither the JSON API nor the command line nor the import does);
allowed when it holds a current approval or an exception for it is in force."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.helpers import page_text, table_snapshot
from vendorrisk.acceptance.models import ExceptionStatus, RiskException
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import Conflict
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.chain import chain_subject
from vendorrisk.vendors.models import SubConsignment, Vendor
from vendorrisk.vendors.services.reconsignment import add_sub_consignment, decide_sub_consignment


def _linked(app, make_vendor, *, status="prospect", review_in_days=None):
    parent = make_vendor(legal_name="Pacific CRM Inc.")
    sub = make_vendor(legal_name="Harbour Data Centre Pte. Ltd.")
    with app.app_context():
        stored = db.session.get(Vendor, sub.id)
        stored.status = status
        if review_in_days is not None:
            stored.next_review_on = utcnow().date() + timedelta(days=review_in_days)
        link = add_sub_consignment(db.session.get(Vendor, parent.id), stored,
                                   work="Server hosting", country="SG",
                                   data_handled="Customer records", actor=None, now=utcnow())
        db.session.commit()
        return parent.id, sub.id, link.id


def _approve(client, parent_id, link_id):
    return client.post(f"/vendors/{parent_id}/sub-consignees/{link_id}/decision",
                       data={"decision": "approve", "note": ""}, follow_redirects=True)


@pytest.mark.parametrize(("status", "review_in_days", "why"), [
    ("prospect", None, "It holds no approval of its own (it is Prospect)."),
    ("rejected", None, "It holds no approval of its own (it is Rejected)."),
    ("suspended", 100, "It holds no approval of its own (it is Suspended)."),
    ("approved", -1, "Its reassessment was due on"),
    ("approved", None, "Its approval has no next review date, so it is not current."),
])
def test_approving_a_link_to_a_sub_without_a_current_evaluation_is_refused(
        app, client, auth, make_vendor, status, review_in_days, why):
    parent_id, _sub_id, link_id = _linked(app, make_vendor, status=status,
                                          review_in_days=review_in_days)
    auth.login_as(Role.REVIEWER)
    with app.app_context():
        before = table_snapshot()
    text = page_text(_approve(client, parent_id, link_id))
    assert ("Harbour Data Centre Pte. Ltd. cannot be approved as a sub-consignee: it must "
            "first be assessed and approved itself, or an exception for it approved.") in text
    assert why in text
    with app.app_context():
        assert table_snapshot() == before
        assert db.session.get(SubConsignment, link_id).status == "requested"


def test_the_service_refuses_too(app, make_vendor, make_user):
    reviewer = make_user(Role.REVIEWER)
    _parent_id, _sub_id, link_id = _linked(app, make_vendor)
    with app.app_context(), pytest.raises(Conflict, match="Harbour Data Centre"):
        decide_sub_consignment(db.session.get(SubConsignment, link_id), approve=True, note="",
                               actor=db.session.get(User, reviewer.id), now=utcnow())


@pytest.mark.parametrize("status", ["approved", "conditionally_approved"])
def test_a_sub_with_a_current_approval_can_be_approved(app, client, auth, make_vendor,
                                                       status):
    parent_id, _sub_id, link_id = _linked(app, make_vendor, status=status, review_in_days=30)
    auth.login_as(Role.REVIEWER)
    assert "Decision recorded." in page_text(_approve(client, parent_id, link_id))
    with app.app_context():
        assert db.session.get(SubConsignment, link_id).status == "approved"


def _exception(parent_id, sub_id, requester_id, *, status, expires_in_days):
    now = utcnow()
    db.session.add(RiskException(
        vendor_id=parent_id, subject=chain_subject(sub_id), rationale="Hyperscaler",
        compensating_measures="SOC 2 report read", status=status, requested_by_id=requester_id,
        requested_at=now, expires_on=now.date() + timedelta(days=expires_in_days)))
    db.session.commit()


def test_an_exception_in_force_lets_an_unevaluated_sub_be_approved(app, client, auth,
                                                                   make_vendor, make_user):
    parent_id, sub_id, link_id = _linked(app, make_vendor)
    requester = make_user(Role.REVIEWER)
    with app.app_context():
        _exception(parent_id, sub_id, requester.id, status=ExceptionStatus.REQUESTED,
                   expires_in_days=90)  # asked for, not decided: does not count
    auth.login_as(Role.APPROVER)
    assert "cannot be approved" in page_text(_approve(client, parent_id, link_id))
    with app.app_context():
        _exception(parent_id, sub_id, requester.id, status=ExceptionStatus.APPROVED,
                   expires_in_days=90)
    assert "Decision recorded." in page_text(_approve(client, parent_id, link_id))


def test_refusing_a_link_needs_no_evaluation(app, client, auth, make_vendor):
    parent_id, _sub_id, link_id = _linked(app, make_vendor)
    auth.login_as(Role.REVIEWER)
    client.post(f"/vendors/{parent_id}/sub-consignees/{link_id}/decision",
                data={"decision": "refuse", "note": "Not evaluated."})
    with app.app_context():
        assert db.session.get(SubConsignment, link_id).status == "refused"


def test_a_lapsed_sub_flags_its_consignee_on_the_page_and_in_the_register(
        app, client, auth, make_vendor):
    parent_id, sub_id, link_id = _linked(app, make_vendor, status="approved",
                                         review_in_days=30)
    auth.login_as(Role.REVIEWER)
    _approve(client, parent_id, link_id)
    page = page_text(client.get(f"/vendors/{parent_id}"))
    assert "no longer holds a current evaluation" not in page
    with app.app_context():
        db.session.get(Vendor, sub_id).status = "suspended"
        db.session.commit()
    page = page_text(client.get(f"/vendors/{parent_id}"))
    assert ("The approved sub-consignee Harbour Data Centre Pte. Ltd. no longer holds a "
            "current evaluation. It holds no approval of its own (it is Suspended).") in page
    from vendorrisk.reports.register import register_lines
    from vendorrisk.vendors.queries import RegisterFilters
    with app.app_context():
        lines = {line.number: line for line in register_lines(
            RegisterFilters(), today=utcnow().date(), home="JP", expiring_days=60)}
        assert lines[parent_id].chain_lapsed is True
        assert lines[sub_id].chain_lapsed is False
        assert db.session.scalar(select(SubConsignment.status)) == "approved"


def test_an_exception_asked_and_decided_on_its_page_lets_the_link_be_approved(
        app, client, auth, make_vendor):
    parent_id, _sub_id, link_id = _linked(app, make_vendor)
    auth.login_as(Role.REVIEWER)
    page = page_text(client.get(f"/supervision/sub-consignees/{link_id}/exception"))
    assert "It holds no approval of its own (it is Prospect)." in page
    expires = (utcnow().date() + timedelta(days=90)).isoformat()
    response = client.post(f"/supervision/sub-consignees/{link_id}/exception", data={
        "rationale": "", "compensating_measures": "SOC 2", "expires_on": expires})
    assert response.status_code == 400
    assert "Give the rationale for accepting the risk." in page_text(response)
    client.post(f"/supervision/sub-consignees/{link_id}/exception", data={
        "rationale": "A hyperscaler that answers no questionnaire.",
        "compensating_measures": "SOC 2 Type II report read yearly.", "expires_on": expires})
    assert "cannot be approved" in page_text(_approve(client, parent_id, link_id))
    auth.logout()
    auth.login_as(Role.APPROVER)
    with app.app_context():
        exception_id = db.session.scalar(select(RiskException.id))
    decide = f"/supervision/sub-consignees/{link_id}/exception/{exception_id}/decide"
    assert decide in client.get(f"/supervision/sub-consignees/{link_id}/exception").get_data(
        as_text=True)  # the approver is offered the decision
    client.post(f"/supervision/sub-consignees/{link_id}/exception/{exception_id}/decide",
                data={"decision": "approve", "note": ""})
    with app.app_context():
        assert db.session.get(RiskException, exception_id).status == "approved"
    assert "Decision recorded." in page_text(_approve(client, parent_id, link_id))
    with app.app_context():
        assert db.session.get(SubConsignment, link_id).status == "approved"


def test_procurement_cannot_ask_for_a_chain_exception(app, client, auth, make_vendor):
    _parent_id, _sub_id, link_id = _linked(app, make_vendor)
    auth.login_as(Role.PROCUREMENT)
    response = client.post(f"/supervision/sub-consignees/{link_id}/exception", data={
        "rationale": "x", "compensating_measures": "y", "expires_on": "2099-01-01"})
    assert response.status_code == 403
