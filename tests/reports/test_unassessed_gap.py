"""Issue 22 item 1: a vendor in use, not yet assessed, is a gap everywhere gaps are
counted: the dashboard, the register (page, CSV export, PDF) and the annual summary —
and never counted as approved."""

import csv
import io

from pypdf import PdfReader

from tests.helpers import fiscal_year_now, page_text
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.queue import render_queued
from vendorrisk.reports.summary import annual_summary
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import VendorStatus


def _flat_pdf(app, client, response) -> str:
    assert response.status_code == 302
    with app.app_context():
        assert render_queued(utcnow()) == 1
    data = client.get(f"{response.headers['Location']}/file").data
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
                   .split())


def _portfolio(app, make_vendor):
    used = make_vendor(legal_name="Used Payroll K.K.", status="in_use_unassessed",
                       categories=["employee", "my_number"], individuals="up_to_100000")
    make_vendor(legal_name="Used Print K.K.", status="in_use_unassessed")
    approved = make_vendor(legal_name="Chosen K.K.")
    with app.app_context():
        db.session.get(Vendor, approved.id).status = VendorStatus.APPROVED
        db.session.commit()
    return used


def test_the_dashboard_counts_vendors_in_use_as_a_gap(app, client, auth, make_vendor):
    _portfolio(app, make_vendor)
    auth.login_as(Role.AUDITOR)
    text = page_text(client.get("/dashboard/"))
    assert "In use, not yet assessed 2" in text
    assert "Tier 1: 1 · Tier 2: 1" in text
    assert "Used Payroll K.K. — Tier 1 — in the register for 0 days without an assessment" \
        in text


def test_the_register_flags_them_on_the_page_and_in_the_export(app, client, auth,
                                                              make_vendor):
    _portfolio(app, make_vendor)
    auth.login_as(Role.AUDITOR)
    page = client.get("/vendors/").get_data(as_text=True)
    assert page.count("In use without a selection") == 2
    assert "In use — not yet assessed" in page  # the status, as a label
    export = client.get("/vendors/export.csv").get_data(as_text=True).lstrip("\ufeff")
    flags = {row["legal_name"]: (row["status"], row["unassessed_flag"])
             for row in csv.DictReader(io.StringIO(export))}
    assert flags == {"Used Payroll K.K.": ("in_use_unassessed", "yes"),
                     "Used Print K.K.": ("in_use_unassessed", "yes"),
                     "Chosen K.K.": ("approved", "no")}
    text = _flat_pdf(app, client, client.post("/reports/register", data={"lang": "en"}))
    assert "Inusenotyetassessed‡" in text.replace("—", "")
    assert "2suchconsigneesinthisregister." in text


def test_the_annual_summary_counts_them(app, client, auth, make_vendor):
    _portfolio(app, make_vendor)
    with app.app_context():
        summary = annual_summary(fiscal_year_now(), today=utcnow().date(), expiring_days=60)
        assert summary.unassessed.count == 2
        assert summary.unassessed.by_tier == {"1": 1, "2": 1}
    auth.login_as(Role.AUDITOR)
    text = _flat_pdf(app, client, client.post(
        "/reports/summary", data={"year": str(fiscal_year_now()), "lang": "en"}))
    assert "Inuse,notyetassessed2vendorsholdourdatawithoutaselection(Tier1:1·Tier2:1)" \
        in text
    assert "UsedPayrollK.K." in text
