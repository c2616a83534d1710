"""The register export an auditor reads (issue 25, R1): beside the vendor columns, the
contracts with status and end, the next review date, the latest decision with its day,
the Art. 28 basis, the data items and the handling sites, read back with openpyxl and
csv."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from tests.assessments.conftest import in_days, sign_off
from tests.contracts.conftest import record_contract
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.register_export import REGISTER_EXPORT_COLUMNS
from vendorrisk.vendors.crossborder_models import CrossBorderRecord, TransferBasis
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.sites import SiteInput, add_site
from vendorrisk.vendors.services.transfer import EXPORT_COLUMNS


def _sheet(response) -> list[dict]:
    rows = list(load_workbook(io.BytesIO(response.data), read_only=True).active.values)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_export_carries_contracts_next_review_and_the_latest_decision(
        app, client, auth, people, submitted, tier1_vendor, make_vendor):
    assessment_id, _link = submitted
    sign_off(client, auth, people, assessment_id, outcome="approve")
    auth.login_as(Role.PROCUREMENT)
    record_contract(client, tier1_vendor.id, title="Printing services agreement",
                    effective_to=in_days(200))
    make_vendor(legal_name="Not Yet Decided Co.")
    abroad = make_vendor(legal_name="Overseas Co.", countries=["JP", "US", "SG"])
    auth.logout()
    auth.login_as(Role.AUDITOR)

    response = client.get("/vendors/export.xlsx")
    assert response.status_code == 200
    rows = {row["legal_name"]: row for row in _sheet(response)}
    assert list(rows[tier1_vendor.legal_name]) == REGISTER_EXPORT_COLUMNS
    assert REGISTER_EXPORT_COLUMNS[:len(EXPORT_COLUMNS)] == EXPORT_COLUMNS  # nothing moved
    decided = rows[tier1_vendor.legal_name]
    today = utcnow().date()
    assert decided["latest_decision"] == "approve"
    assert decided["latest_decision_on"] == today.isoformat()
    assert decided["next_review_on"] == today.replace(year=today.year + 1).isoformat()
    assert f"Printing services agreement (active, {in_days(200)})" in decided["contracts"]
    assert "Non-disclosure agreement (active, " in decided["contracts"]
    assert decided["cross_border"] is None  # handled in Japan only
    undecided = rows["Not Yet Decided Co."]
    assert (undecided["contracts"], undecided["latest_decision"],
            undecided["next_review_on"]) == (None, None, None)  # empty cells

    with app.app_context():
        db.session.add(CrossBorderRecord(
            vendor_id=abroad.id, country="US", basis=TransferBasis.CONFORMING_CONTRACT,
            evidence="DPA", evidenced_on=date(2026, 1, 5), suspended=True,
            recorded_at=utcnow()))
        db.session.commit()
    abroad_row = {row["legal_name"]: row for row in _sheet(
        client.get("/vendors/export.xlsx"))}["Overseas Co."]
    assert abroad_row["cross_border"] == "SG: no_basis; US: conforming_contract, suspended"

    # the data items and the handling sites by address (issue 25, R1)
    auth.logout()
    auth.login_as(Role.PROCUREMENT)
    with app.app_context():
        vendor = db.session.get(Vendor, abroad.id)
        vendor.data_items = ["email", "name"]
        add_site(vendor, SiteInput("Oregon data centre", "Hillsboro, OR 97124", "US"),
                 actor=None, now=utcnow())
        db.session.commit()
    sited = {row["legal_name"]: row for row in _sheet(
        client.get("/vendors/export.xlsx"))}["Overseas Co."]
    assert sited["data_items"] == "email; name"
    assert sited["handling_sites"] == "Oregon data centre, Hillsboro, OR 97124 (US)"
    assert rows["Not Yet Decided Co."]["handling_sites"] is None

    as_csv = client.get("/vendors/export.csv?q=Not+Yet")
    lines = list(csv.DictReader(io.StringIO(as_csv.data.decode("utf-8-sig"))))
    assert [(line["legal_name"], line["latest_decision"]) for line in lines] == [
        ("Not Yet Decided Co.", "")]
