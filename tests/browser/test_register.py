"""The consignee register in a real browser: register a vendor, find it, read its tier."""

import re

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from vendorrisk.auth.models import Role


def _log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_procurement_registers_a_vendor_and_finds_it(page, live_server, make_user,
                                                     console_errors):
    user = make_user(Role.PROCUREMENT)
    _log_in(page, live_server, user.email)
    page.get_by_role("button", name="Vendors", exact=True).click()  # the menu holding it
    page.get_by_role("link", name="Register").first.click()
    page.get_by_role("link", name="New vendor").click()
    page.get_by_label("Legal name").fill("Browser Payroll K.K.")
    page.get_by_label("Corporate number (法人番号)").fill("4011-0010-98993")
    page.get_by_label("Why this classification").fill("Calculates our salaries.")
    page.get_by_label("Services").fill("Payroll")
    page.get_by_label("Purpose of entrusting the data").fill("Paying employees")
    page.get_by_label("Employee data").check()
    page.get_by_label("My Number", exact=True).check()
    page.get_by_label("Number of individuals").select_option("up_to_1000")
    page.get_by_label("Access to the data").select_option("bulk")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Browser Payroll K.K. registered as Tier 1")
    expect(page.get_by_text("Tier 1: special-care, My Number, payment, bank or children's "
                            "data (S = 5).")).to_be_visible()
    page.get_by_role("button", name="Vendors", exact=True).click()  # the menu holding it
    page.get_by_role("link", name="Register").first.click()
    page.get_by_label("Name or corporate number").fill("4011001098993")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"q=4011001098993"))
    expect(page.get_by_role("link", name="Browser Payroll K.K.")).to_be_visible()
    assert console_errors == []


def test_refused_vendor_form_marks_each_field(page, live_server, make_user):
    user = make_user(Role.PROCUREMENT)
    _log_in(page, live_server, user.email)
    page.goto(f"{live_server}/vendors/new")
    page.get_by_label("Corporate number (法人番号)").fill("1234567890123")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter the vendor's legal name.")).to_be_visible()
    expect(page.get_by_text("A corporate number has 13 digits")).to_be_visible()
    expect(page.get_by_label("Corporate number (法人番号)")).to_have_value("1234567890123")
