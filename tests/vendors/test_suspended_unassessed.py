"""A vendor in use, not yet assessed, cannot leave the gap by being suspended and then set
back to prospect by hand: once suspended while in use, and until a decision gives its
status, it can only go back to in use (or stay suspended). Tried through every door that
changes a vendor's status: the edit form and the API's update; the import only creates
vendors, so a row cannot reach one already registered."""

from sqlalchemy import select

from tests.api.conftest import bearer
from tests.conftest import VENDOR_BASE
from tests.helpers import page_text, table_snapshot
from tests.vendors.conftest import vendor_form
from tests.vendors.test_import_export import GOOD, _csv, _upload
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.statuses import (
    StatusRefusal,
    allowed_by_hand,
    status_refusal,
    suspended_unassessed_after,
)
from vendorrisk.vendors.vocabulary import VendorStatus

REFUSED = ("This vendor was suspended while “In use — not yet assessed” and no assessment "
           "has been decided since; it can only go back to “In use — not yet assessed” by "
           "hand, until its assessment is decided.")
S, IN_USE, PROSPECT = (VendorStatus.SUSPENDED, VendorStatus.IN_USE_UNASSESSED,
                       VendorStatus.PROSPECT)


def _vendor(app, vendor_id: int) -> tuple[str, bool]:
    with app.app_context():
        vendor = db.session.get(Vendor, vendor_id)
        return vendor.status.value, vendor.suspended_unassessed


def test_the_rule_remembers_a_suspension_from_in_use():
    assert suspended_unassessed_after(IN_USE, S, False) is True
    assert suspended_unassessed_after(S, S, True) is True
    assert suspended_unassessed_after(PROSPECT, S, False) is False
    assert suspended_unassessed_after(VendorStatus.APPROVED, S, True) is False
    assert suspended_unassessed_after(S, IN_USE, True) is False
    assert status_refusal(S, PROSPECT, suspended_unassessed=True) == (
        StatusRefusal.LEAVE_SUSPENDED)
    assert status_refusal(S, IN_USE, suspended_unassessed=True) is None
    assert status_refusal(S, VendorStatus.APPROVED, suspended_unassessed=True) == (
        StatusRefusal.WORKFLOW)
    assert status_refusal(S, PROSPECT) is None  # suspended from elsewhere: free
    assert allowed_by_hand(S, suspended_unassessed=True) == [IN_USE, S]


def test_the_edit_form_refuses_prospect_after_a_suspension_from_in_use(app, client,
                                                                       procurement,
                                                                       make_vendor):
    vendor = make_vendor(legal_name="Hidden K.K.", status="in_use_unassessed")
    assert client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name="Hidden K.K.", status="suspended")).status_code == 302
    assert _vendor(app, vendor.id) == ("suspended", True)
    offered = client.get(f"/vendors/{vendor.id}/edit").get_data(as_text=True)
    assert 'value="in_use_unassessed"' in offered
    assert 'value="prospect"' not in offered
    with app.app_context():
        before = table_snapshot()
    response = client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name="Hidden K.K.", status="prospect"))
    assert response.status_code == 400
    assert REFUSED in page_text(response)
    with app.app_context():
        assert table_snapshot() == before
    # the way open: back to in use, and the gap shows again
    assert client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name="Hidden K.K.", status="in_use_unassessed")).status_code == 302
    assert _vendor(app, vendor.id) == ("in_use_unassessed", False)


def test_the_api_refuses_prospect_after_a_suspension_from_in_use(app, client, api_token):
    token = api_token(Role.PROCUREMENT)
    created = client.post("/api/v1/vendors", json={**VENDOR_BASE,
                                                   "status": "in_use_unassessed"},
                          headers=bearer(token))
    url = created.headers["Location"]
    suspended = client.patch(url, json={"status": "suspended"},
                             headers={**bearer(token), "If-Match": created.headers["ETag"]})
    assert suspended.status_code == 200, suspended.json
    refused = client.patch(url, json={"status": "prospect"},
                           headers={**bearer(token), "If-Match": suspended.headers["ETag"]})
    assert refused.status_code == 422
    assert refused.json["errors"] == [{"field": "status", "message": REFUSED}]
    assert client.get(url, headers=bearer(token)).json["status"] == "suspended"
    back = client.patch(url, json={"status": "in_use_unassessed"},
                        headers={**bearer(token), "If-Match": suspended.headers["ETag"]})
    assert back.status_code == 200, back.json
    assert back.json["status"] == "in_use_unassessed"


def test_an_import_row_cannot_reach_a_suspended_vendor(app, client, procurement,
                                                      make_vendor):
    vendor = make_vendor(legal_name="Hidden K.K.", status="in_use_unassessed",
                         corporate_number=GOOD["corporate_number"])
    client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name="Hidden K.K.", corporate_number=GOOD["corporate_number"],
        status="suspended"))
    text = page_text(_upload(client, _csv([{**GOOD, "status": "prospect"}])))
    assert "0 rows are valid, 1 have errors." in text
    assert "Hidden K.K. already has this corporate number." in text
    assert _vendor(app, vendor.id) == ("suspended", True)


def test_a_vendor_suspended_after_its_decision_may_become_a_prospect(app, client,
                                                                     procurement,
                                                                     make_vendor):
    vendor = make_vendor(legal_name="Decided K.K.", status="in_use_unassessed")
    client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name="Decided K.K.", status="suspended"))
    with app.app_context():  # as a signed decision does
        db.session.get(Vendor, vendor.id).status = VendorStatus.APPROVED
        db.session.commit()
    assert client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name="Decided K.K.", status="suspended")).status_code == 302
    assert _vendor(app, vendor.id) == ("suspended", False)
    assert client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name="Decided K.K.", status="prospect")).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Vendor.status).where(
            Vendor.id == vendor.id)) == VendorStatus.PROSPECT
