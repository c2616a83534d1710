"""An audit of a consignee and a handling site in Chromium, in English and in Japanese,
a screenshot per step checked by axe-core (VENDORRISK_TEST_ARTIFACTS/audits/<lang>/):
procurement adds the payroll bureau's site; the reviewer reads the programme's due date,
records an on-site audit with one criterion not as answered, and adds its finding."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journey import Steps
from tests.browser.test_register import _log_in
from tests.review.test_audits import APPROVED_ON
from tests.supervision.conftest import approved_vendor, load_standards
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import Outcome
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db

WORDS = {
    "en": {"due": "Next audit due by", "record": "Record an audit", "on_site": "On site",
           "periodic": "Periodic (the tier's programme)", "not": "Not as answered",
           "improve": "Improvement required", "save": "Record the audit",
           "finding": "Record a finding", "save_finding": "Record the finding",
           "site": "Add a site", "save_site": "Save"},
    "ja": {"due": "次回の監査期限", "record": "監査を記録", "on_site": "実地",
           "periodic": "定期（ティアの監査計画）", "not": "回答と相違",
           "improve": "要改善", "save": "監査を記録する",
           "finding": "指摘事項を登録", "save_finding": "指摘事項を登録する",
           "site": "取扱拠点を追加", "save_site": "保存"},
}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_site_then_an_audit_with_a_finding(page: Page, live_server, app, make_user,
                                             tmp_path, console_errors, language):
    with app.app_context():
        load_standards(APPROVED_ON)
        vendor = approved_vendor(f"Payroll {language.upper()} K.K.", "1", APPROVED_ON)
        db.session.query(Assessment).filter_by(vendor_id=vendor.id).update(
            {"decision": Outcome.APPROVE, "submitted_at": utcnow()})
        db.session.commit()
        vendor_id = vendor.id
    words = WORDS[language]
    steps = Steps(Path(os.environ.get("VENDORRISK_TEST_ARTIFACTS", tmp_path))
                  / "audits" / language)
    buyer = make_user(Role.PROCUREMENT, language=language)
    _log_in(page, live_server, buyer.email)
    page.goto(f"{live_server}/vendors/{vendor_id}")
    page.get_by_role("link", name=words["site"]).click()
    page.locator("#name").fill("Tokyo centre")
    page.locator("#address").fill("1-2-3 Kanda, Chiyoda-ku, Tokyo")
    page.locator("#country").select_option("JP")
    steps.shot(page, "site-form")
    page.get_by_role("button", name=words["save_site"], exact=True).click()
    expect(page.locator("#sites")).to_be_visible()
    expect(page.get_by_text("1-2-3 Kanda, Chiyoda-ku, Tokyo")).to_be_visible()
    page.context.clear_cookies()  # the reviewer signs in next

    reviewer = make_user(Role.REVIEWER, language=language)
    _log_in(page, live_server, reviewer.email)
    page.goto(f"{live_server}/vendors/{vendor_id}#audits")
    expect(page.locator("#audits")).to_contain_text(words["due"])
    steps.shot(page, "vendor-page")
    page.get_by_role("link", name=words["record"], exact=True).click()
    page.locator("#kind").select_option("on_site")
    page.locator("#purpose").select_option("periodic")
    page.locator("#held_on").fill((utcnow().date() - timedelta(days=1)).isoformat())
    page.locator("#auditors").fill("Akira Approver")
    page.locator("#scope").fill("Payroll centre")
    page.locator("select[name^=check-]").nth(0).select_option("confirmed")
    page.locator("select[name^=check-]").nth(1).select_option("not_confirmed")
    page.locator("input[name^=note-]").nth(1).fill("Entry logs kept 3 months.")
    page.locator("#observations").fill("Entry logs too short.")
    page.locator("#result").select_option("improvement_required")
    steps.shot(page, "audit-form")
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_text(words["improve"]).first).to_be_visible()
    expect(page.get_by_text(words["not"]).first).to_be_visible()
    page.get_by_role("link", name=words["finding"]).click()
    page.locator("#severity").select_option("medium")
    page.locator("#description").fill("Entry logs are deleted after 3 months.")
    page.locator("#remediation").fill("Keep them one year.")
    page.locator("#due_on").fill((utcnow().date() + timedelta(days=60)).isoformat())
    page.get_by_role("button", name=words["save_finding"]).click()
    expect(page.get_by_text("Entry logs are deleted after 3 months.")).to_be_visible()
    steps.shot(page, "audit-record")
    assert steps.accessibility.blocking() == []
    assert console_errors == []
