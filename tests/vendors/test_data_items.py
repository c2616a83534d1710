"""Data items at the level an auditor reads the register (issue 25, R1): each under one
of the vendor's categories; a misplaced one is refused with its category named and
nothing stored; taking a category away by the API drops its items; the import reads
them (a file without the column leaves them as they are); the exports and the vendor
page show them."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from tests.helpers import page_text, table_snapshot
from tests.vendors.conftest import vendor_form
from tests.vendors.test_import_export import GOOD, _upload
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.data_items import UNDER, DataItem, fitting, misplaced
from vendorrisk.vendors.inputs import VendorInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.register import create_vendor, update_vendor
from vendorrisk.vendors.vocabulary import DataCategory


@given(st.sets(st.sampled_from(list(DataItem))), st.sets(st.sampled_from(list(DataCategory))))
def test_an_item_fits_exactly_when_one_of_its_categories_is_chosen(items, categories):
    wrong = misplaced(items, categories)
    assert set(wrong) == {item for item in items if not UNDER[item] & categories}
    assert set(fitting([item.value for item in items], categories)) == {
        item.value for item in items if item not in wrong}


def test_a_salary_needs_employees_data_and_a_name_any_category():
    assert misplaced({DataItem.NAME, DataItem.SALARY}, {DataCategory.CUSTOMER}) == [
        DataItem.SALARY]
    assert misplaced({DataItem.NAME}, set()) == [DataItem.NAME]
    assert fitting(["salary", "name", "not-an-item"], {DataCategory.EMPLOYEE}) == [
        "name", "salary"]


def test_items_on_the_form_page_and_export(app, client, procurement):
    response = client.post("/vendors/new", data=vendor_form(
        legal_name="Payroll Co.", categories=["employee", "my_number"],
        data_items=["name", "salary", "my_number"]))
    assert response.status_code == 302
    page = page_text(client.get(response.headers["Location"]))
    assert "Data items Name, Salary, My Number (individual number)" in page
    export = client.get("/vendors/export.csv")
    rows = list(csv.DictReader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0]["data_items"] == "my_number; name; salary"
    with app.app_context():
        vendor = db.session.scalar(select(Vendor))
        assert vendor.data_items == ["my_number", "name", "salary"]


def test_a_misplaced_item_is_refused_and_nothing_is_stored(app, client, procurement):
    with app.app_context():
        before = table_snapshot()
    refused = client.post("/vendors/new", data=vendor_form(
        categories=["customer"], data_items=["name", "salary", "bank_account", "x-ray"]))
    assert refused.status_code == 400
    text = page_text(refused)
    assert ("“Salary” is not an item of the data categories chosen: choose its category "
            "(Employee data) or untick it.") in text
    assert "“Bank account” is not an item" in text
    assert "Choose a valid data item." in text
    with app.app_context():
        assert table_snapshot() == before


def test_an_update_without_items_keeps_those_that_still_fit(app):
    """The API and a file without the column do not give the items: a category taken
    away drops its items, the others stay."""
    base = {key: value for key, value in vendor_form().items()
            if key not in ("owner_id",)}
    with app.app_context():
        vendor = create_vendor(VendorInput(**{**base, "categories": ["customer", "employee"],
                                              "data_items": ["name", "salary",
                                                             "purchase_history"]}),
                               owner_id=None, actor=None, now=utcnow())
        update_vendor(vendor, VendorInput(**{**base, "categories": ["customer"]}),
                      owner_id=None, actor=None, now=utcnow())  # data_items not given
        db.session.commit()
        assert vendor.data_items == ["name", "purchase_history"]


def test_the_import_reads_the_items_of_each_row(app, client, procurement):
    out = io.StringIO()
    columns = [*GOOD, "data_items"]
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerow({**GOOD, "data_items": "name; address; salary"})
    writer.writerow({**GOOD, "legal_name": "Second", "corporate_number": "",
                     "data_items": "name;address"})
    report = page_text(_upload(client, out.getvalue().encode()))
    assert "1 rows are valid, 1 have errors." in report
    assert "“Salary” is not an item of the data categories chosen" in report

