"""The vendor portal completed with the keyboard alone, in English and in Japanese: Tab to
each control, arrows and Space to answer, Enter to upload, move and submit. Only the file
itself is handed over with set_input_files (the file chooser is the system's, not the
page's); its button is reached and pressed by keyboard. A screenshot per step, at 1366 px,
under VENDORRISK_TEST_ARTIFACTS/portal-keyboard/<language>/."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.browser.test_journey import Steps
from tests.helpers import adopt_standards
from tests.portal.test_evidence_marking import EVIDENCE
from tests.standards.conftest import write_standard
from vendorrisk.assessments.models import Answer, Assessment, EvidenceFile
from vendorrisk.assessments.services import create_assessment, send_assessment
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

PDF = b"%PDF-1.4\n% keyboard test\n%%EOF\n"
MAX_TABS = 120


def _sent_link(app, make_vendor, tmp_path, language: str) -> str:
    vendor = make_vendor(legal_name=f"Keyboard {language.upper()} K.K.")
    with app.app_context():
        now = utcnow()
        contact = add_contact(db.session.get(Vendor, vendor.id), ContactInput(
            name="Ken Ito", email="ken@v.example.com", language=language), primary=True,
            actor=None, now=now)
        load_folder(write_standard(tmp_path / "q", EVIDENCE, slug="evid").parent.parent,
                    actor=None, now=now)
        adopt_standards(now=now)
        assessment = create_assessment(db.session.get(Vendor, vendor.id), kind="selection",
                                       version=None, version_reason="",
                                       due_on=(now + timedelta(days=14)).date(),
                                       contacts=[contact], actor=None, now=now)
        (link,) = send_assessment(assessment, actor=None, now=now)
        db.session.commit()
    return urlsplit(link).path


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element ``selector`` names has the focus (never a click)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def _focus_top(page: Page) -> None:
    """Start the next Tab from the top of the page, as a fresh page load does."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Escape")


def _saved(page: Page) -> None:
    expect(page.locator("#autosave-status")).to_have_attribute("data-state", "saved")


def _upload(page: Page, question: str, tmp_path: Path, name: str) -> None:
    """Reach the file field by Tab, hand it the file, Tab on to Upload and press Enter."""
    tab_to(page, f"#file-{question}")
    evidence = tmp_path / name
    evidence.write_bytes(PDF)
    page.locator(f"#file-{question}").set_input_files(str(evidence))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('formaction')").endswith(
        f"/evidence/{question}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=name)).to_be_visible()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_portal_is_completed_with_the_keyboard_alone(page: Page, live_server, app,
                                                         make_vendor, tmp_path,
                                                         console_errors, language):
    steps = Steps(Path(os.environ.get("VENDORRISK_TEST_ARTIFACTS", tmp_path))
                  / "portal-keyboard" / language)
    page.set_viewport_size({"width": 1366, "height": 900})
    path = _sent_link(app, make_vendor, tmp_path, language)
    page.goto(live_server + path)
    steps.shot(page, "opened")
    # The link opens in its contact's language, whatever the browser's.
    expect(page.locator("html")).to_have_attribute("lang", language)
    if language == "ja":  # the language switch in the header, by keyboard too: and back
        tab_to(page, "a[lang=en]")
        page.keyboard.press("Enter")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        tab_to(page, "a[lang=ja]")
        page.keyboard.press("Enter")
        steps.shot(page, "in-japanese")
    expect(page.locator("html")).to_have_attribute("lang", language)

    # Section 1: a maturity level by arrows (3 needs a file), yes/no by arrows.
    tab_to(page, "#q-s1_policy-0")
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # moves and chooses: 1, 2, 3
    expect(page.locator("#q-s1_policy-3")).to_be_checked()
    _saved(page)
    expect(page.locator("[data-evidence=s1_policy] [data-file-missing]")).to_be_visible()
    if language == "en":  # worded by the script from the page's patterns
        expect(page.locator("#progress-text")).to_have_text(
            "1 of 3 required answers given; 1 evidence file missing")
        expect(page.locator("[data-section=s1] [data-count=files]")).to_have_text(
            "1 file missing")
    steps.shot(page, "policy-answered-file-missing")
    tab_to(page, "#q-s1_audit-yes")
    page.keyboard.press("ArrowRight")  # "no": no file needed
    expect(page.locator("#q-s1_audit-no")).to_be_checked()
    _saved(page)
    expect(page.locator("#progress-text")).to_contain_text("2")
    expect(page.locator("[data-section=s1] [data-count=answers]")).to_be_hidden()
    steps.shot(page, "audit-answered")

    _upload(page, "s1_policy", tmp_path, "policy.pdf")
    expect(page.locator("[data-evidence=s1_policy] [data-file-missing]")).to_be_hidden()
    steps.shot(page, "policy-file-uploaded")

    # Section 2 through the section list, by Tab and Enter.
    _focus_top(page)
    tab_to(page, "[data-section=s2]")
    page.keyboard.press("Enter")
    expect(page.locator("#q-s2_encryption-none")).to_be_visible()
    steps.shot(page, "section-2")
    tab_to(page, "#q-s2_encryption-none")
    page.keyboard.press("Space")  # "none": no file needed
    expect(page.locator("#q-s2_encryption-none")).to_be_checked()
    _saved(page)
    tab_to(page, "#q-s2_notes-input")
    page.keyboard.type("Typed without a mouse.")
    page.keyboard.press("Tab")
    _saved(page)
    steps.shot(page, "section-2-answered")

    # Review and submit: Tab to the link, fill in, Space to confirm, Enter to submit.
    _focus_top(page)
    tab_to(page, "a[href$='/submit']")
    page.keyboard.press("Enter")
    expect(page.locator("#title")).to_be_visible()
    steps.shot(page, "review")
    tab_to(page, "#title")
    page.keyboard.type("Security manager")
    tab_to(page, "#confirm")
    page.keyboard.press("Space")
    expect(page.locator("#confirm")).to_be_checked()
    steps.shot(page, "review-filled")
    tab_to(page, "form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#portal-form input[type=radio]")).to_have_count(0)  # read-only
    steps.shot(page, "submitted")

    # Back to the review page: the browser asks nothing, and nothing offers to submit.
    page.go_back()
    expect(page.locator("form button[type=submit]")).to_have_count(0)
    steps.shot(page, "back-after-submit")
    assert console_errors == []
    with app.app_context():
        assert db.session.scalar(select(Assessment.status)).value == "submitted"
        assert db.session.scalar(select(Answer.value).where(
            Answer.question_id == "s1_policy")) == 3
        assert db.session.scalar(select(EvidenceFile.filename)) == "policy.pdf"
