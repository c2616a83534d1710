"""The whole journey in Chromium, in English and in Japanese, a screenshot per step
(artefacts: VENDORRISK_TEST_ARTIFACTS, else the test's temporary folder):

procurement registers a vendor whose profile makes it tier 1 and sends the selection
standard; the vendor opens the link from the e-mail the test SMTP server caught,
answers (a conditional question among them) with an upload, and submits; the reviewer
reviews, records a finding and returns it; the vendor changes the answer and submits
again; reviewer and approver sign; the assessment PDF carries the decision; the vendor
shows as approved with its next review date.

The contracts the approval gate needs are recorded through the service (the contract
pages have their own browser test); everything else goes through the pages. Selectors
are ids and form actions, so one script serves both languages."""

import io
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask_babel import force_locale
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sqlalchemy import select

from tests.browser.axe import Accessibility
from tests.browser.days import fill_tier1_vendor_form
from tests.browser.test_register import _log_in
from tests.helpers import adopt_standards
from tests.portal.conftest import link_in
from tests.standards.conftest import VALID, write_standard
from vendorrisk.assessments.labels import OUTCOME_LABELS
from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import Role
from vendorrisk.contracts.demo import give_contracts
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.models import Vendor

PDF = b"%PDF-1.4\n% our privacy policy\n%%EOF\n"


class Steps:
    """Numbered screenshots of one journey, each page checked by axe-core as it is shot."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.number = folder, 0
        folder.mkdir(parents=True, exist_ok=True)
        self.accessibility = Accessibility()

    def shot(self, page: Page, name: str) -> None:
        self.number += 1
        page.screenshot(path=str(self.folder / f"{self.number:02d}-{name}.png"),
                        full_page=True)
        self.accessibility.check(page, f"{self.folder.name}/{self.number:02d}-{name}")


def _submit(page: Page, action: str) -> None:
    page.locator(f"form[action='{action}'] button[type=submit]").first.click()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_whole_journey(page: Page, browser, live_server, app, make_user, smtp_server,
                           tmp_path, console_errors, language):
    app.config["BASE_URL"] = live_server
    with app.app_context():
        load_folder(write_standard(tmp_path / "q", VALID).parent.parent, actor=None,
                    now=utcnow())
        adopt_standards(now=utcnow())
        db.session.commit()
    buyer = make_user(Role.PROCUREMENT, language=language)
    reviewer = make_user(Role.REVIEWER, language=language)
    approver = make_user(Role.APPROVER, language=language)
    steps = Steps(Path(os.environ.get("VENDORRISK_TEST_ARTIFACTS", tmp_path))
                  / "journey" / language)

    # Procurement registers a tier 1 vendor (severe criticality) and sends the standard.
    _log_in(page, live_server, buyer.email)
    page.goto(f"{live_server}/vendors/new")
    fill_tier1_vendor_form(page, f"Journey Calls {language.upper()} K.K.",
                           "hana@journey.example.com")
    steps.shot(page, "vendor-form")
    page.locator("#main form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/vendors/\d+$"))
    vendor_id = int(page.url.rsplit("/", 1)[1])
    expect(page.locator(".tier-badge")).to_have_class(re.compile("tier-1"))
    steps.shot(page, "vendor-tier-1")
    page.goto(f"{live_server}/assessments/new/{vendor_id}")
    page.locator("#due_on").fill((utcnow().date() + timedelta(days=21)).isoformat())
    page.locator("input[name=contacts]").first.check()
    page.locator("#main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/assessments/\d+$"))
    assessment_id = int(page.url.rsplit("/", 1)[1])
    base = f"/assessments/{assessment_id}"
    expect(page.locator("#invitation-preview")).to_be_visible()  # the draft shows the e-mail
    steps.shot(page, "draft-invitation")
    _submit(page, f"{base}/send")
    expect(page.locator(f"form[action='{base}/send']")).to_have_count(0)
    steps.shot(page, "sent")

    # The vendor opens the link from the e-mail, answers, uploads and submits.
    link = link_in(smtp_server.messages[-1])
    vendor = browser.new_page()
    vendor.goto(f"{live_server}{link}?lang={language}")
    approval = vendor.locator("#q-d1_sub_approval")
    expect(approval).to_be_hidden()
    for choice in ("#q-d1_policy-3", "#q-d1_training-3", "#q-d1_uses_subs-yes"):
        vendor.locator(choice).check()
    expect(approval).to_be_visible()  # the conditional question appears
    for choice in ("#q-d1_sub_approval-2", "#q-d1_channels-phone", "#q-d1_channels-mail",
                   "#q-d1_encryption-none"):
        vendor.locator(choice).check()
    evidence = tmp_path / "policy.pdf"
    evidence.write_bytes(PDF)
    vendor.locator("#file-d1_policy_file").set_input_files(str(evidence))
    vendor.locator("button[formaction$='/evidence/d1_policy_file']").click()
    expect(vendor.get_by_role("link", name="policy.pdf")).to_be_visible()
    steps.shot(vendor, "vendor-answers")
    vendor.goto(f"{live_server}{link}/submit")
    vendor.locator("#title").fill("Privacy officer")
    vendor.locator("#confirm").check()
    vendor.locator("#main form button[type=submit]").last.click()
    expect(vendor.locator(".alert-info")).to_be_visible()  # read-only now
    steps.shot(vendor, "vendor-submitted")

    # The reviewer records a finding and returns the questionnaire with a remark.
    staff = browser.new_page()
    _log_in(staff, live_server, reviewer.email)
    staff.goto(f"{live_server}{base}/findings/new")
    staff.locator("#question_id").select_option("d1_encryption")
    staff.locator("#severity").select_option("high")
    staff.locator("#description").fill("Backups are not encrypted.")
    staff.locator("#remediation").fill("Encrypt the backups.")
    staff.locator("#due_on").fill((utcnow().date() + timedelta(days=30)).isoformat())
    staff.locator("#main form button[type=submit]").last.click()
    expect(staff).to_have_url(re.compile(rf"{base}"))
    row = staff.locator("#q-d1_encryption")
    row.locator("summary").first.click()
    row.locator("#remark-d1_encryption").fill("Encrypt the backups, then answer again.")
    staff.locator("button[form=return-form]").click()
    steps.shot(staff, "returned")

    # The vendor changes the answer (the new link is in the new e-mail) and resubmits.
    link = link_in(smtp_server.messages[-1])
    vendor.goto(f"{live_server}{link}?lang={language}")
    vendor.locator("#q-d1_encryption-full").check()
    vendor.locator("#main form button[type=submit]").first.click()
    vendor.goto(f"{live_server}{link}/submit")
    vendor.locator("#title").fill("Privacy officer")
    vendor.locator("#confirm").check()
    vendor.locator("#main form button[type=submit]").last.click()
    expect(vendor.locator(".alert-info")).to_be_visible()
    steps.shot(vendor, "vendor-resubmitted")

    # The contracts the gate needs; then the reviewer proposes and signs, the approver
    # signs.
    with app.app_context():
        give_contracts(db.session.get(Vendor, vendor_id), actor=None, now=utcnow())
        db.session.commit()
    staff.goto(f"{live_server}{base}")
    staff.locator("#outcome-approve_with_conditions").check()
    staff.locator("#rationale").fill("Controls adequate; the finding is followed up.")
    _submit(staff, f"{base}/propose")
    staff.locator(f"a[href='{base}/sign']").click()  # the step before signing
    expect(staff.locator(".alert-warning")).to_be_visible()
    steps.shot(staff, "reviewer-confirms")
    _submit(staff, f"{base}/sign")
    steps.shot(staff, "reviewer-signed")
    second = browser.new_page()
    _log_in(second, live_server, approver.email)
    second.goto(f"{live_server}{base}")
    second.locator(f"a[href='{base}/sign']").click()
    _submit(second, f"{base}/sign")
    expect(second.locator(f"form[action='{base}/verify']")).to_be_visible()
    steps.shot(second, "approver-signed")

    # The PDF carries the decision; the vendor is approved with its next review date.
    report = second.request.get(f"{live_server}/reports/assessments/{assessment_id}.pdf"
                                f"?lang={language}")
    assert report.status == 200
    text = " ".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(report.body()))
                    .pages)
    with app.test_request_context(), force_locale(language):
        decision = str(OUTCOME_LABELS["approve_with_conditions"])
    assert decision in text
    with app.app_context():
        vendor_row = db.session.get(Vendor, vendor_id)
        assert vendor_row.status.value == "conditionally_approved"
        next_review = vendor_row.next_review_on.isoformat()
        assert db.session.scalar(select(Assessment.status).where(
            Assessment.id == assessment_id)).value == "decided"
    second.goto(f"{live_server}/vendors/{vendor_id}")
    expect(second.locator("#main")).to_contain_text(next_review)
    steps.shot(second, "vendor-approved")
    second.goto(f"{live_server}/dashboard/")
    steps.shot(second, "dashboard")
    assert len(list(steps.folder.glob("*.png"))) == steps.number
    assert steps.accessibility.blocking() == []
    assert console_errors == []
