"""Contracts in a real browser: procurement records a consignment contract and ticks
its clauses, ends the relationship and sends the link; the vendor sends its deletion
certificate; a reviewer verifies it and the vendor is terminated."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.assessments.conftest import people  # noqa: F401  (a fixture)
from tests.browser.test_register import _log_in
from tests.contracts.conftest import day, procurement  # noqa: F401  (a fixture)
from tests.portal.conftest import vendor_with_contact  # noqa: F401  (a fixture)

DELETION_LINK = re.compile(r"https?://\S+(/portal/deletion/[A-Za-z0-9_-]+)")


def test_a_contract_its_clauses_and_the_end_of_the_relationship(  # noqa: PLR0915
        page: Page, browser, live_server, smtp_server, procurement, people,  # noqa: F811
        vendor_with_contact, console_errors, tmp_path: Path):  # noqa: F811
    _log_in(page, live_server, procurement.email)
    page.goto(f"{live_server}/vendors/{vendor_with_contact.id}")
    page.get_by_role("link", name="Add contract").click()
    page.get_by_label("Title").fill("Call-centre consignment agreement")
    page.get_by_label("Signed on").fill(day(-10))
    page.get_by_label("In effect from").fill(day(-10))
    page.get_by_label("In effect until (last day)").fill(day(355))
    page.get_by_label("Keep until").fill(day(355 + 1825))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Contract recorded.")).to_be_visible()
    for key, reference in zip("abcdfgh", ("Art. 2", "Art. 3", "Art. 4", "Art. 5", "Art. 7",
                                          "Art. 8", "Art. 9"), strict=True):
        page.locator(f"#clause-{key}").fill(reference)
    page.get_by_role("button", name="Save the checklist").click()
    expect(page.get_by_text("mandatory 7/8: missing (e) Right to confirm compliance")
           .first).to_be_visible()
    page.locator("#file").set_input_files(files=[{
        "name": "signed.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n% signed\n%%EOF\n"}])
    page.get_by_role("button", name="Upload a new version").click()
    expect(page.get_by_role("link", name="signed.pdf")).to_be_visible()

    page.goto(f"{live_server}/vendors/{vendor_with_contact.id}")
    page.get_by_role("link", name="End the relationship").click()
    page.get_by_label("Why the relationship ends").fill("The service moves in-house.")
    page.get_by_role("button", name="Record the termination").click()
    expect(page.get_by_text("Awaiting the deletion certificate").first).to_be_visible()
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("Link sent to hana@vendor.example.com")).to_be_visible()
    termination_url = page.url.split("#")[0]
    body = smtp_server.messages[-1].get_body(preferencelist=("plain",)).get_content()
    link = DELETION_LINK.search(body).group(1)

    vendor = browser.new_page()
    vendor.goto(live_server + link)
    vendor.locator("#file").set_input_files(files=[{
        "name": "deletion.pdf", "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n% certificate of deletion\n%%EOF\n"}])
    vendor.get_by_label("Certified by (name and title)").fill("Hana Sato, CISO")
    vendor.get_by_label("Data returned or deleted on").fill(day(0))
    vendor.get_by_label("What was returned or deleted").fill("All records and backups.")
    vendor.get_by_role("button", name="Send the certificate").click()
    expect(vendor.get_by_text("your certificate has been received")).to_be_visible()
    vendor.close()

    reviewer = browser.new_page()
    _log_in(reviewer, live_server, people.reviewer.email)
    reviewer.goto(termination_url)
    reviewer.get_by_role("button", name="Verify").click()
    expect(reviewer.get_by_text("the vendor is now terminated")).to_be_visible()
    reviewer.goto(f"{live_server}/vendors/{vendor_with_contact.id}")
    expect(reviewer.get_by_text("Terminated").first).to_be_visible()
    reviewer.screenshot(path=str(tmp_path / "vendor-terminated.png"), full_page=True)
    reviewer.close()
    assert console_errors == []
