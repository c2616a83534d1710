"""Issue 22 item 1: no door sets a workflow status. The new-vendor and edit forms, the
CSV and XLSX import and the API's create and update each refuse "approved" (and the
other statuses only a signed decision gives) with the sentence saying why, and change
nothing. (The register has no command-line import: the import is the page.) The way
that is open instead: "in use — not yet assessed"."""

import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.api.conftest import bearer
from tests.conftest import VENDOR_BASE
from tests.helpers import page_text, table_snapshot
from tests.vendors.conftest import vendor_form
from tests.vendors.test_import_export import GOOD, _csv, _upload
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.transfer import IMPORT_COLUMNS
from vendorrisk.vendors.statuses import WORKFLOW_STATUSES
from vendorrisk.vendors.vocabulary import VendorStatus

REFUSED = ("The status “Approved” is given only by a signed assessment decision or the end "
           "of a contract, never by a form, an import or the API. A vendor already in use "
           "can be entered as “In use — not yet assessed”.")
WORKFLOW = sorted(status.value for status in WORKFLOW_STATUSES)


def _statuses(app) -> dict[str, str]:
    with app.app_context():
        return {name: status.value for name, status in db.session.execute(
            select(Vendor.legal_name, Vendor.status))}


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Vendor.id)))


def _sha256(report) -> str:
    return report.get_data(as_text=True).split('name="sha256" value="')[1].split('"')[0]


@pytest.mark.parametrize("status", WORKFLOW)
def test_the_new_vendor_form_refuses_every_workflow_status(app, client, procurement, status):
    response = client.post("/vendors/new", data=vendor_form(status=status))
    assert response.status_code == 400
    assert "is given only by a signed assessment decision" in page_text(response)
    assert _count(app) == 0


def test_the_new_vendor_form_names_the_status_refused(app, client, procurement):
    response = client.post("/vendors/new", data=vendor_form(status="approved"))
    assert REFUSED in page_text(response)
    # the form offers only what a person may choose
    offered = client.get("/vendors/new").get_data(as_text=True)
    assert 'value="in_use_unassessed"' in offered
    assert 'value="approved"' not in offered


def test_the_edit_form_refuses_approved_and_changes_nothing(app, client, procurement,
                                                            make_vendor):
    vendor = make_vendor(legal_name="Edited K.K.")
    with app.app_context():
        before = table_snapshot()
    response = client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name="Edited K.K.", status="approved", services="Changed too"))
    assert response.status_code == 400
    assert REFUSED in page_text(response)
    with app.app_context():
        assert table_snapshot() == before


def test_a_csv_row_asking_for_approved_is_refused_with_its_line(app, client, procurement):
    rows = [GOOD, {**GOOD, "legal_name": "Straight In K.K.", "corporate_number": "",
                   "status": "approved"}]
    with app.app_context():
        before = table_snapshot()
    report = _upload(client, _csv(rows))
    text = page_text(report)
    assert "1 rows are valid, 1 have errors. Nothing has been written yet." in text
    assert f"3 Straight In K.K. status {REFUSED}" in text
    assert "Import all" not in text
    refused = client.post("/vendors/import/confirm", data={
        "sha256": _sha256(report), "filename": "vendors.csv", "mode": "all"})
    assert refused.status_code == 409
    assert "Nothing was imported" in page_text(refused)
    with app.app_context():
        assert table_snapshot() == before
    # importing only the valid rows leaves the refused one out
    client.post("/vendors/import/confirm", data={
        "sha256": _sha256(report), "filename": "vendors.csv", "mode": "valid"})
    assert _statuses(app) == {"Imported Printing K.K.": "prospect"}


@pytest.mark.parametrize("status", [*WORKFLOW, "Approved", "承認済み"])
def test_no_csv_status_but_prospect_or_in_use_is_accepted(app, client, procurement, status):
    report = _upload(client, _csv([{**GOOD, "status": status}]))
    assert "0 rows are valid, 1 have errors." in page_text(report)


def test_an_xlsx_row_asking_for_conditionally_approved_is_refused(app, client, procurement):
    book = Workbook()
    sheet = book.active
    sheet.append(IMPORT_COLUMNS)
    row = {**GOOD, "status": "conditionally_approved"}
    sheet.append([row.get(column, "") for column in IMPORT_COLUMNS])
    data = io.BytesIO()
    book.save(data)
    text = page_text(_upload(client, data.getvalue(), "vendors.xlsx"))
    assert "0 rows are valid, 1 have errors." in text
    assert "status The status “Conditionally approved” is given only by a signed" in text
    assert _count(app) == 0


def test_the_api_refuses_to_create_an_approved_vendor(app, client, api_token):
    token = api_token(Role.PROCUREMENT)
    response = client.post("/api/v1/vendors", json={**VENDOR_BASE, "status": "approved"},
                           headers=bearer(token))
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.json["errors"] == [{"field": "status", "message": REFUSED}]
    assert _count(app) == 0


def test_the_api_refuses_to_approve_a_vendor_by_update(app, client, api_token):
    token = api_token(Role.PROCUREMENT)
    created = client.post("/api/v1/vendors", json=VENDOR_BASE, headers=bearer(token))
    url, etag = created.headers["Location"], created.headers["ETag"]
    response = client.patch(url, json={"status": "approved"},
                            headers={**bearer(token), "If-Match": etag})
    assert response.status_code == 422
    assert response.json["errors"] == [{"field": "status", "message": REFUSED}]
    assert client.get(url, headers=bearer(token)).json["status"] == "prospect"


# The way that is open ----------------------------------------------------------------

@pytest.mark.parametrize("written", ["in_use", "In use — not yet assessed", "利用中（未評価）",
                                     "in_use_unassessed"])
def test_a_file_imports_a_vendor_in_use_as_not_yet_assessed(app, client, procurement,
                                                            written):
    report = _upload(client, _csv([{**GOOD, "status": written}]))
    assert "1 rows are valid, 0 have errors." in page_text(report)
    client.post("/vendors/import/confirm", data={
        "sha256": _sha256(report), "filename": "vendors.csv", "mode": "all"})
    assert _statuses(app) == {"Imported Printing K.K.": "in_use_unassessed"}


def test_the_form_and_the_api_register_a_vendor_already_in_use(app, client, auth, api_token):
    auth.login_as(Role.PROCUREMENT)
    response = client.post("/vendors/new", data=vendor_form(
        legal_name="Form In Use K.K.", status="in_use_unassessed"))
    assert response.status_code == 302
    page = page_text(client.get(response.headers["Location"]))
    assert "In use — not yet assessed" in page
    created = client.post("/api/v1/vendors", json={
        **VENDOR_BASE, "legal_name": "API In Use K.K.", "status": "in_use_unassessed"},
        headers=bearer(api_token(Role.PROCUREMENT)))
    assert created.status_code == 201, created.json
    assert _statuses(app) == {"Form In Use K.K.": "in_use_unassessed",
                              "API In Use K.K.": "in_use_unassessed"}


def test_a_vendor_in_use_leaves_that_status_only_by_its_decision(app, client, procurement,
                                                                 make_vendor):
    in_use = make_vendor(legal_name="Kept K.K.", status="in_use_unassessed")
    response = client.post(f"/vendors/{in_use.id}/edit", data=vendor_form(
        legal_name="Kept K.K.", status="prospect"))
    assert response.status_code == 400
    assert ("A vendor “In use — not yet assessed” keeps that status until its assessment "
            "is decided; it can only be suspended by hand.") in page_text(response)
    response = client.post(f"/vendors/{in_use.id}/edit", data=vendor_form(
        legal_name="Kept K.K.", status="suspended"))
    assert response.status_code == 302
    approved = make_vendor(legal_name="Approved K.K.")
    with app.app_context():
        db.session.get(Vendor, approved.id).status = VendorStatus.APPROVED
        db.session.commit()
    response = client.post(f"/vendors/{approved.id}/edit", data=vendor_form(
        legal_name="Approved K.K.", status="in_use_unassessed"))
    assert response.status_code == 400
    assert "Only a new vendor or a prospect can be marked “In use — not yet assessed”." in (
        page_text(response))
