"""Importing the register from CSV/XLSX with a dry run, and exporting it."""

import csv
import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from tests.helpers import page_text, table_snapshot
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.transfer import IMPORT_COLUMNS

GOOD = {
    "legal_name": "Imported Printing K.K.", "legal_name_ja": "取込印刷株式会社",
    "corporate_number": "7123456789012", "country": "JP", "classification": "consignment",
    "classification_reason": "Prints invoices", "services": "Printing",
    "purpose": "Invoices", "data_categories": "customer", "individuals": "up_to_100000",
    "access": "transport", "criticality": "significant", "countries": "JP",
    "contact_name": "Sato", "contact_email": "sato@print.example.com",
}


def _csv(rows: list[dict], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=IMPORT_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode(encoding)


def _upload(client, data: bytes, name: str = "vendors.csv"):
    return client.post("/vendors/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Vendor.id)))


def test_dry_run_lists_each_rows_errors_and_writes_nothing(app, client, procurement):
    rows = [GOOD,
            {**GOOD, "legal_name": "Bad Number", "corporate_number": "1111111111111"},
            {**GOOD, "legal_name": "Bad Enum", "corporate_number": "", "individuals": "lots",
             "countries": "JP;ZZ"},
            {**GOOD, "legal_name": "Same Number"},
            {**GOOD, "legal_name": "Unknown Owner", "corporate_number": "",
             "owner_email": "ghost@example.com", "contact_email": "nope"}]
    with app.app_context():
        before = table_snapshot()
    response = _upload(client, _csv(rows))
    assert response.status_code == 200
    text = page_text(response)
    assert "1 rows are valid, 4 have errors. Nothing has been written yet." in text
    assert "3 Bad Number corporate_number A corporate number has 13 digits" in text
    assert "4 Bad Enum individuals Choose a valid number of individuals." in text
    assert "ZZ is not an ISO 3166 country code." in text
    assert "5 Same Number corporate_number The same corporate number is on line 2." in text
    assert "No active user has the e-mail ghost@example.com." in text
    assert "contact_email Enter a valid e-mail address for the contact." in text
    assert "Import all" not in text
    assert "Import only the 1 valid rows" in text
    with app.app_context():
        assert table_snapshot() == before


def test_confirming_imports_every_row_when_all_are_valid(app, client, procurement):
    second = {**GOOD, "legal_name": "Second Co.", "corporate_number": "4011001098993",
              "owner_email": procurement.email}
    report = _upload(client, _csv([GOOD, second]))
    assert "Import all 2 vendors" in page_text(report)
    sha256 = report.get_data(as_text=True).split('name="sha256" value="')[1].split('"')[0]
    response = client.post("/vendors/import/confirm", data={
        "sha256": sha256, "filename": "vendors.csv", "mode": "all"})
    assert response.status_code == 302
    with app.app_context():
        vendors = db.session.scalars(select(Vendor).order_by(Vendor.legal_name)).all()
        assert [v.legal_name for v in vendors] == ["Imported Printing K.K.", "Second Co."]
        assert vendors[0].tier == "2"
        assert vendors[0].primary_contact.email == "sato@print.example.com"
        assert vendors[1].owner_id == procurement.id


def test_all_mode_refuses_a_file_with_errors(app, client, procurement):
    report = _upload(client, _csv([GOOD, {**GOOD, "legal_name": "", "corporate_number": ""}]))
    sha256 = report.get_data(as_text=True).split('name="sha256" value="')[1].split('"')[0]
    response = client.post("/vendors/import/confirm", data={
        "sha256": sha256, "filename": "vendors.csv", "mode": "all"})
    assert response.status_code == 409
    assert "Nothing was imported" in page_text(response)
    assert _count(app) == 0
    response = client.post("/vendors/import/confirm", data={
        "sha256": sha256, "filename": "vendors.csv", "mode": "valid"})
    assert response.status_code == 302
    assert _count(app) == 1


def test_shift_jis_csv_from_excel_is_read(app, client, procurement):
    response = _upload(client, _csv([GOOD], encoding="cp932"))
    assert "1 rows are valid, 0 have errors." in page_text(response)
    assert "取込印刷株式会社" not in page_text(response)  # valid rows are not listed


def test_xlsx_import(app, client, procurement):
    book = Workbook()
    sheet = book.active
    sheet.append(IMPORT_COLUMNS)
    sheet.append([GOOD.get(column, "") for column in IMPORT_COLUMNS])
    data = io.BytesIO()
    book.save(data)
    response = _upload(client, data.getvalue(), "vendors.xlsx")
    assert "1 rows are valid, 0 have errors." in page_text(response)


def test_unreadable_files_get_a_message(client, procurement):
    response = _upload(client, b"\x00\x01 not a spreadsheet", "vendors.xlsx")
    assert response.status_code == 400
    assert "The Excel file cannot be opened." in page_text(response)
    response = _upload(client, b"", "vendors.csv")
    assert response.status_code == 400
    response = _upload(client, b"a,b\n1,2\n", "vendors.pdf")
    assert "Upload a .csv or .xlsx file." in page_text(response)


def test_missing_columns_are_named(client, procurement):
    response = _upload(client, b"legal_name,country\nX,JP\n")
    assert "Required columns are missing: access, classification," in page_text(response)


def test_export_has_the_register_columns_and_defuses_formulas(app, client, auth, make_vendor):
    make_vendor(legal_name="=HYPERLINK(\"http://evil.example.org\")", countries=["JP", "US"])
    make_vendor(legal_name="Plain Co.")
    auth.login_as(Role.AUDITOR)
    response = client.get("/vendors/export.csv")
    assert response.headers["Content-Disposition"].startswith("attachment; filename=vendor-")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["legal_name"] for row in rows] == ["'=HYPERLINK(\"http://evil.example.org\")",
                                                   "Plain Co."]
    assert rows[0]["abroad"] == "yes"
    assert rows[0]["country_record_flag"] == "yes"
    assert rows[1]["tier"] == "2"
    assert "rules out tier 3" in rows[1]["tier_reasons"]
    filtered = client.get("/vendors/export.csv?q=plain").get_data(as_text=True)
    assert "Plain Co." in filtered
    assert "HYPERLINK" not in filtered


def test_xlsx_export_opens_in_excel_terms(client, auth, make_vendor):
    make_vendor(legal_name="Sheet Co.", legal_name_ja="シート株式会社")
    auth.login_as(Role.AUDITOR)
    response = client.get("/vendors/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert row["legal_name"] == "Sheet Co."
    assert row["legal_name_ja"] == "シート株式会社"
    assert row["tier"] == "2"
