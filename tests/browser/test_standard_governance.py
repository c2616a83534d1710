"""A standard's way from draft to the vendor and back, in Chromium, in English and in
Japanese, a screenshot per step (VENDORRISK_TEST_ARTIFACTS/standards/<lang>/): the
approver finds the loaded version a draft, approves it with a change note and assigns it
to the vendor's tier; the vendor picks a risky answer, the why box opens and takes a
justification, and the questionnaire is submitted; the reviewer reads the warning's
name and advice beside the answer."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journey import Steps
from tests.browser.test_register import _log_in
from tests.review.wordy_standard import WORDY
from tests.standards.conftest import write_standard
from vendorrisk.assessments.services import create_assessment, send_assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

ADVICE = {"en": "Ask for a plan.", "ja": "計画を求めてください。"}
WARNING = {"en": "Unencrypted traffic", "ja": "暗号化されていない通信"}


def _send(app, vendor_id: int, language: str) -> str:
    with app.app_context():
        now = utcnow()
        vendor = db.session.get(Vendor, vendor_id)
        contact = add_contact(vendor, ContactInput(name="Ken Ito", email="ken@v.example.com",
                                                   language=language),
                              primary=True, actor=None, now=now)
        assessment = create_assessment(vendor, kind="selection", version=None,
                                       version_reason="", due_on=(now + timedelta(days=14))
                                       .date(), contacts=[contact], actor=None, now=now)
        (link,) = send_assessment(assessment, actor=None, now=now)
        db.session.commit()
        return link.split("://", 1)[1].split("/", 1)[1], assessment.id


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_standard_from_draft_to_the_reviewer(page: Page, browser, live_server, app,
                                               make_user, make_vendor, tmp_path,
                                               console_errors, language):
    with app.app_context():
        load_folder(write_standard(tmp_path / "q", WORDY, "wordy").parent.parent,
                    actor=None, now=utcnow())
        db.session.commit()
    vendor = make_vendor(legal_name=f"Standards {language.upper()} K.K.")
    tier = vendor.tier.value
    approver = make_user(Role.APPROVER, language=language)
    reviewer = make_user(Role.REVIEWER, language=language)
    steps = Steps(Path(os.environ.get("VENDORRISK_TEST_ARTIFACTS", tmp_path))
                  / "standards" / language)

    # The approver finds the draft, approves it with a note and assigns it.
    _log_in(page, live_server, approver.email)
    page.goto(f"{live_server}/standards/")
    expect(page.locator("#main .badge.text-bg-warning")).to_have_count(1)  # a draft
    steps.shot(page, "standards-draft")
    page.locator("#main a[href='/standards/wordy/v1']").click()
    page.locator("#governance-note").fill("First version: gateway, warnings with advice.")
    page.locator("#governance form button[type=submit]").click()
    expect(page.locator("#governance .badge.text-bg-success")).to_be_visible()
    steps.shot(page, "standard-approved")
    page.locator(f"#governance a[href*='tier={tier}']").click()
    page.locator("#reason").fill("The wordy standard serves this tier from now on.")
    page.locator("#main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/standards/assignments$"))
    expect(page.locator("#main")).to_contain_text("wordy")
    steps.shot(page, "assignments")

    # The vendor answers; the risky answer opens the why box.
    link, assessment_id = _send(app, vendor.id, language)
    portal = browser.new_page()
    portal.goto(f"{live_server}/{link}?lang={language}")
    why = portal.locator("[data-why=q_ssl]")
    expect(why).to_be_hidden()
    portal.locator("#q-q_gate-opt_alpha_x").check()
    portal.locator("#q-q_ssl-opt_mixed_x").check()
    expect(why).to_be_visible()
    portal.locator("[name=just-q_ssl]").fill("HTTP redirects to HTTPS at the balancer.")
    steps.shot(portal, "vendor-why-box")
    portal.locator("#main form button[type=submit]").first.click()
    portal.goto(f"{live_server}/{link}?section=sec_yankee&lang={language}")
    for choice in ("#q-q_channels-opt_mail_x", "#q-q_level-2", "#q-q_yes-yes", "#q-q_na-1"):
        portal.locator(choice).check()
    portal.locator("#main form button[type=submit]").first.click()
    portal.goto(f"{live_server}/{link}/submit")
    portal.locator("#title").fill("Privacy officer")
    portal.locator("#confirm").check()
    portal.locator("#main form button[type=submit]").last.click()
    expect(portal.locator(".alert-info")).to_be_visible()  # submitted: read-only now

    # The reviewer reads the warning and its advice beside the answer.
    staff = browser.new_page()
    _log_in(staff, live_server, reviewer.email)
    staff.goto(f"{live_server}/assessments/{assessment_id}")
    main = staff.locator("#main")
    expect(main).to_contain_text(WARNING[language])
    expect(main).to_contain_text(ADVICE[language])
    expect(main).to_contain_text("HTTP redirects to HTTPS at the balancer.")
    for code in ("opt_mixed_x", "warn_ssl_x", "sec_zulu"):
        assert code not in main.inner_text()
    steps.shot(staff, "reviewer-warning")
    assert len(list(steps.folder.glob("*.png"))) == steps.number
    assert console_errors == []
