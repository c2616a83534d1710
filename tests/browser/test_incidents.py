"""A vendor reports an incident through its link in a real browser, and the privacy
officer reads the evaluation on the incident page (no CSP error on either side)."""

from playwright.sync_api import Page, expect

from tests.browser.test_register import _log_in
from tests.incidents.conftest import portfolio, staff  # noqa: F401  (fixtures)
from vendorrisk.auth.models import User
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.links import send_incident_link
from vendorrisk.vendors.models import Vendor


def test_a_vendor_reports_and_the_reviewer_sees_the_deadlines(
        page: Page, live_server, app, staff, portfolio, console_errors):  # noqa: F811
    with app.app_context():
        vendor = db.session.get(Vendor, portfolio["Acme Calls"])
        url = send_incident_link(vendor, vendor.primary_contact,
                                 actor=db.session.get(User, staff.reviewer.id), now=utcnow())
        db.session.commit()
    page.goto(live_server + url[url.index("/portal/"):])
    expect(page.get_by_role("heading", name="Report an incident")).to_be_visible()
    page.get_by_label("Reported by (name and title)").fill("Hana Sato, CISO")
    page.get_by_label("1. Overview of the incident").fill(
        "Order forms were e-mailed to the wrong customer.")
    page.get_by_label("Customer data").check()
    page.get_by_label("3. Number of people possibly affected").fill("1200")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("Thank you: your report has reached us")).to_be_visible()
    expect(page.get_by_text("Order forms were e-mailed to the wrong customer.")).to_be_visible()
    incident_id = page.url.rsplit("/", 1)[1]

    _log_in(page, live_server, staff.reviewer.email)
    page.goto(f"{live_server}/incidents/{incident_id}")
    expect(page.get_by_text("Reportable to the Personal Information Protection "
                            "Commission")).to_be_visible()
    expect(page.get_by_text("More than 1,000 people possibly affected")).to_be_visible()
    expect(page.locator("#deadlines")).to_contain_text("due by")
    assert console_errors == []
