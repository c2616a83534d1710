"""Hostile text in the fields people type, checked wherever it comes out: the pages,
the e-mails, the CSV and Excel exports (formulas neutralised) and the PDFs (printed as
text, nothing fetched). Every payload of the corpus in every field listed."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from tests.attacks.corpus import ALL, FORMULAS, never_markup, shown_as_text
from tests.incidents.conftest import last_link, portfolio, staff  # noqa: F401
from tests.vendors.conftest import vendor_form
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor

NEUTRALISED = re.compile(r"^'[=+\-@]")


def _pdf_text(data: bytes) -> str:
    """The PDF's text without any spacing (text extraction may add a space where a line
    of the layout breaks)."""
    return "".join("".join(page.extract_text() for page in
                           PdfReader(io.BytesIO(data)).pages).split())


@pytest.mark.parametrize("payload", ALL)
def test_vendor_text_comes_out_as_text_everywhere(app, client, auth, payload):
    auth.login_as(Role.PROCUREMENT, Role.AUDITOR)
    created = client.post("/vendors/new", data=vendor_form(
        legal_name=f"Hostile {payload}", services=payload, purpose=payload,
        contact_name=payload, contact_email="hostile@vendor.example.com"))
    assert created.status_code == 302, created.get_data(as_text=True)[:500]
    with app.app_context():
        vendor_id = db.session.scalar(select(Vendor.id))
    for path in (f"/vendors/{vendor_id}", "/vendors/"):
        page = client.get(path).get_data(as_text=True)
        assert shown_as_text(payload, page), path
        assert "Hostile 49" not in page  # no template evaluated
    # The audit log shows the change as JSON (quotes escaped twice); the dashboard only
    # counts: neither lets markup through.
    for path in ("/dashboard/", f"/audit/?object_type=vendor&object_id={vendor_id}"):
        assert never_markup(payload, client.get(path).get_data(as_text=True)), path
    rows = list(csv.reader(io.StringIO(client.get("/vendors/export.csv").get_data(
        as_text=True))))
    cells = [cell for row in rows[1:] for cell in row if payload.strip("'") in cell
             or cell.lstrip("'") == payload]
    assert cells, "the payload is exported"
    if payload in FORMULAS:
        assert all(NEUTRALISED.match(cell) for cell in cells if cell.lstrip("'")[0] in "=+-@")
    workbook = load_workbook(io.BytesIO(client.get("/vendors/export.xlsx").data))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row
              if isinstance(cell.value, str)]
    assert not any(value.startswith(("=", "+", "-", "@")) for value in values
                   if payload in FORMULAS and value.lstrip("'") == payload)
    text = _pdf_text(client.get(f"/reports/vendors/{vendor_id}.pdf?lang=en").data)
    assert "".join(payload.split()) in text


@pytest.mark.parametrize("payload", ALL)
def test_an_incident_reported_through_the_link_comes_out_as_text(
        app, client, auth, staff, portfolio, smtp_server, payload):  # noqa: F811
    auth.login(staff.reviewer.email)
    vendor_id = portfolio["Acme Calls"]
    page = client.get(f"/incidents/vendors/{vendor_id}").get_data(as_text=True)
    contact_id = page.split('<option value="')[1].split('"')[0]
    client.post(f"/incidents/vendors/{vendor_id}/link", data={"contact_id": contact_id})
    link = last_link(smtp_server, "acmecalls@vendor.example.com")
    vendor = app.test_client()
    sent = vendor.post(link, data={"reporter_name": payload, "overview": payload,
                                   "cause": payload, "individuals": "3"})
    assert sent.status_code == 302
    incident_path = sent.headers["Location"]
    assert shown_as_text(payload, vendor.get(incident_path).get_data(as_text=True))
    incident_id = incident_path.rsplit("/", 1)[1]
    assert shown_as_text(payload, client.get(f"/incidents/{incident_id}").get_data(
        as_text=True))
    mail = next(m for m in smtp_server.messages if m["To"] == staff.approver.email)
    html_part = mail.get_body(preferencelist=("html",)).get_content()
    assert shown_as_text(payload, html_part)
    exported = client.get("/incidents/export.csv").get_data(as_text=True)
    if payload in FORMULAS:
        assert f",{payload}," not in exported
        assert f'"{payload}"' not in exported
    pdf = _pdf_text(client.get(f"/incidents/{incident_id}/report.pdf").data)
    assert "".join(payload.split()) in pdf
