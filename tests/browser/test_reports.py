"""The dashboard and a background report in a real browser: the charts draw (no CSP
error), their numbers open as a table, and the register PDF's page waits, then offers
the file once the scheduler's job has made it."""

from playwright.sync_api import Page, expect

from tests.browser.test_register import _log_in
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.reports.queue import render_queued


def test_the_dashboard_charts_and_their_numbers(page: Page, live_server, make_user,
                                                make_vendor, console_errors):
    make_vendor(legal_name="Chart Data Co.")
    user = make_user(Role.AUDITOR)
    _log_in(page, live_server, user.email)
    page.goto(f"{live_server}/dashboard/")
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(3)
    expect(page.get_by_role("img", name="Vendors by tier and status")).to_be_visible()
    table = page.locator("details").first.locator("table")
    expect(table).to_be_hidden()
    page.get_by_text("Show the numbers").first.click()
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text("Tier 1")
    assert console_errors == []


def test_the_register_pdf_waits_then_offers_the_file(page: Page, live_server, app,
                                                     make_user, make_vendor, console_errors):
    make_vendor(legal_name="Queued Print Co.")
    user = make_user(Role.PROCUREMENT)
    _log_in(page, live_server, user.email)
    page.goto(f"{live_server}/vendors/")
    page.get_by_label("Language").select_option("en")
    page.get_by_role("button", name="Register PDF").click()
    expect(page.get_by_text("Waiting for the scheduler to start it.")).to_be_visible()
    with app.app_context():
        assert render_queued(utcnow()) == 1
    # The page refreshes itself every 3 seconds; the link appears without a click.
    link = page.get_by_role("link", name="Download consignee-register-")
    expect(link).to_be_visible(timeout=10_000)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith("-en.pdf")
    assert console_errors == []
