"""Review and sign-off in a real browser: override with a justification, propose, sign
twice, verify the signed record."""

from playwright.sync_api import Page, expect

from tests.assessments.conftest import (  # noqa: F401  (fixtures)
    people,
    submitted,
    tier1_vendor,
    vendor_with_contact,
)
from tests.browser.test_register import _log_in


def test_a_reviewer_and_an_approver_sign_off(page: Page, browser, live_server, people,  # noqa: F811
                                             submitted, console_errors):  # noqa: F811
    assessment_id, _link = submitted
    url = f"{live_server}/assessments/{assessment_id}"
    _log_in(page, live_server, people.reviewer.email)
    # The count shows in the navigation and in the dashboard's work queue alike.
    page.get_by_role("button", name="Work queues 1").click()  # the menu holding them
    expect(page.get_by_role("navigation").get_by_role("link", name="To review 1")).to_be_visible()
    expect(page.locator("#main").get_by_role("link", name="To review 1")).to_be_visible()
    page.goto(url)
    expect(page.get_by_text("81.8 % (27 / 33) · grade B")).to_be_visible()
    row = page.locator("#q-d1_training")
    row.get_by_text("Review this answer").click()
    row.get_by_label("Override points").select_option("3")
    row.get_by_label("Justification (required)").fill("Training records seen on site.")
    row.get_by_role("button", name="Save points").click()
    expect(page.get_by_text("Set by the reviewer: 3 of 3 (the answer gave 2)")).to_be_visible()
    expect(page.get_by_text("90.9 % (30 / 33) · grade A")).to_be_visible()
    page.get_by_label("Approve", exact=True).check()
    page.get_by_label("Reasons").fill("Controls are adequate for now.")
    page.get_by_role("button", name="Propose").click()
    expect(page.get_by_text("tier 1 vendor")).to_be_visible()
    page.get_by_role("link", name="Sign as reviewer…").click()  # the confirmation step
    page.get_by_role("button", name="Sign as reviewer").click()
    expect(page.get_by_text("Awaiting approval").first).to_be_visible()

    approver = browser.new_page()
    _log_in(approver, live_server, people.approver.email)
    approver.get_by_role("button", name="Work queues 1").click()
    approver.get_by_role("navigation").get_by_role("link", name="To approve 1").click()
    approver.get_by_role("link", name=str(assessment_id), exact=True).click()
    approver.get_by_role("link", name="Sign as approver…").click()
    approver.get_by_role("button", name="Sign as approver").click()
    expect(approver.get_by_text("Signed record (SHA-256):")).to_be_visible()
    approver.get_by_role("button", name="Verify").click()
    expect(approver.get_by_role("status")).to_contain_text("Verified: the signed record")
    approver.close()
    assert console_errors == []
